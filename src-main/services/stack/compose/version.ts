// `docker compose version` / `docker-compose version` output → version and capabilities.

/** '2.24.6' from "Docker Compose version v2.24.6-desktop.1", '1.29.2' from "docker-compose version 1.29.2, build …". */
export function parseComposeVersion(output: string): string | null {
  const json = /"version"\s*:\s*"v?(\d+\.\d+\.\d+)/.exec(output);
  if (json) return json[1];
  const m = /(?:docker compose|docker-compose) version:?\s+v?(\d+\.\d+\.\d+)/i.exec(output);
  if (m) return m[1];
  const short = /^\s*v?(\d+\.\d+\.\d+)\s*$/.exec(output);
  return short ? short[1] : null;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `up --wait` arrived in Compose 2.1.1. */
export function supportsWait(version: string): boolean {
  return compareVersions(version, '2.1.1') >= 0;
}

/** `ps --format json` exists from Compose 2.0 on. */
export function supportsJsonPs(version: string): boolean {
  return compareVersions(version, '2.0.0') >= 0;
}
