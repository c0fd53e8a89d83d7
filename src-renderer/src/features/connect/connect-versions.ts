// What a worker's version allows: KIP-875 came in two steps (stop in 3.5, offsets in 3.6).

/** Whether `version` ("3.9.1", "7.4.0-ccs") is at least major.minor; an unknown version allows nothing. */
export function versionAtLeast(version: string | null, major: number, minor: number): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) return false;
  const [have, haveMinor] = [Number(match[1]), Number(match[2])];
  return have > major || (have === major && haveMinor >= minor);
}

/** Why an operation is not offered on this worker, or null when it is. */
export function needsVersion(version: string | null, major: number, minor: number, what: string): string | null {
  if (versionAtLeast(version, major, minor)) return null;
  return `${what} needs Kafka Connect ${major}.${minor} or newer; this worker is ${version ?? 'of an unknown version'}`;
}
