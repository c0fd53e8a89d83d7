// Finds a JDK of a given major version or later for a service that needs a newer Java than the
// stack's own (Apicurio Registry 3 needs 21). A JDK names its version in the `release` file at its
// root (`JAVA_VERSION="21.0.4"`), so nothing is started to ask it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface JavaLookup {
  /** STREAMDESK_JAVA21_HOME: used when it qualifies, otherwise the reason says why it does not. */
  explicitHome?: string;
  /** JAVA_HOME: one more candidate. */
  javaHome?: string;
  /** Folders whose sub-folders are JDKs (Debian's /usr/lib/jvm). */
  roots: string[];
  minMajor: number;
}

export type JavaFound = { found: true; javaBin: string; home: string; version: string } | { found: false; reason: string };

/** The major version of a `JAVA_VERSION` value: "21.0.4" → 21, "1.8.0_392" → 8. */
export function javaMajor(version: string): number | null {
  const parts = version.split(/[._+-]/).map((part) => Number.parseInt(part, 10));
  const first = parts[0];
  if (first === undefined || !Number.isInteger(first)) return null;
  return first === 1 ? (parts[1] ?? null) : first;
}

/** The JAVA_VERSION a JDK's release file names, when it has one and a java binary. */
function jdkAt(home: string): { version: string; javaBin: string } | null {
  const javaBin = join(home, 'bin', 'java');
  try {
    const release = readFileSync(join(home, 'release'), 'utf8');
    const version = /^JAVA_VERSION="?([^"\n]+)"?$/m.exec(release)?.[1];
    return version && existsSync(javaBin) ? { version, javaBin } : null;
  } catch {
    return null;
  }
}

function subfolders(root: string): string[] {
  try {
    return readdirSync(root).map((name) => join(root, name));
  } catch {
    return [];
  }
}

/** The newest qualifying JDK; else why none qualifies, naming what was looked at and what was found. */
export function findJava(lookup: JavaLookup): JavaFound {
  const wanted = `Java ${lookup.minMajor}+`;
  if (lookup.explicitHome) {
    const jdk = jdkAt(lookup.explicitHome);
    const major = jdk ? javaMajor(jdk.version) : null;
    if (jdk && major !== null && major >= lookup.minMajor) return { found: true, home: lookup.explicitHome, ...jdk };
    return {
      found: false,
      reason: `STREAMDESK_JAVA21_HOME=${lookup.explicitHome} is ${jdk ? `Java ${jdk.version}` : 'not a JDK (no release file or bin/java)'}; ${wanted} is needed`,
    };
  }
  const homes = [...(lookup.javaHome ? [lookup.javaHome] : []), ...lookup.roots.flatMap(subfolders)];
  const seen: string[] = [];
  let best: { home: string; version: string; javaBin: string; major: number } | null = null;
  for (const home of homes) {
    const jdk = jdkAt(home);
    const major = jdk ? javaMajor(jdk.version) : null;
    if (!jdk || major === null) continue;
    seen.push(jdk.version);
    if (major >= lookup.minMajor && (!best || major > best.major)) best = { home, ...jdk, major };
  }
  if (best) return { found: true, home: best.home, version: best.version, javaBin: best.javaBin };
  const found = seen.length > 0 ? `only ${[...new Set(seen)].join(', ')} found` : 'no JDK found';
  return {
    found: false,
    reason: `no ${wanted} found (${found} in ${lookup.roots.join(', ')}${lookup.javaHome ? ` and JAVA_HOME` : ''}); install one (e.g. apt-get install openjdk-21-jre-headless) or set STREAMDESK_JAVA21_HOME`,
  };
}
