// Finding a JDK 21+ for the Schema Registry over a fake /usr/lib/jvm: each JDK tells its version in its `release` file.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findJava, javaMajor } from '@main/services/stack/native/java-finder';
import { registryJava } from '@main/services/stack/native/schema-registry';

let root: string;
let jvm: string;

/** A JDK folder as Debian and Temurin lay it out: bin/java and a release file (or none, like Debian's openjdk-17 alias folder). */
function jdk(name: string, version: string | null, where = jvm): string {
  const home = path.join(where, name);
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  writeFileSync(path.join(home, 'bin', 'java'), '#!/bin/sh\n', { mode: 0o755 });
  if (version) writeFileSync(path.join(home, 'release'), `IMPLEMENTOR="Someone"\nJAVA_VERSION="${version}"\nOS_NAME="Linux"\n`);
  return home;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'java-finder-'));
  jvm = path.join(root, 'jvm');
  mkdirSync(jvm);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('javaMajor', () => {
  it.each([
    ['21.0.4', 21],
    ['25.0.3', 25],
    ['17', 17],
    ['1.8.0_392', 8],
    ['22-ea', 22],
    ['abc', null],
  ])('%s is Java %s', (version, major) => expect(javaMajor(version)).toBe(major));
});

describe('finding a JDK 21+', () => {
  it('takes the newest qualifying JDK under the JVM folder, whatever its folder is called', () => {
    jdk('java-17-openjdk-amd64', '17.0.15');
    jdk('openjdk-17', null);
    const temurin = jdk('temurin-25-jdk-amd64', '25.0.3');
    jdk('zulu-21', '21.0.2');
    symlinkSync(path.join(jvm, 'java-17-openjdk-amd64'), path.join(jvm, 'java-1.17.0-openjdk-amd64'));
    expect(findJava({ roots: [jvm], minMajor: 21 })).toEqual({ found: true, home: temurin, version: '25.0.3', javaBin: path.join(temurin, 'bin', 'java') });
  });

  it('says why when none qualifies: what it found and where it looked, and what to do', () => {
    jdk('java-17-openjdk-amd64', '17.0.15');
    jdk('java-8', '1.8.0_392');
    const result = findJava({ roots: [jvm], minMajor: 21 });
    expect(result.found).toBe(false);
    expect(!result.found && result.reason).toBe(
      `no Java 21+ found (only 17.0.15, 1.8.0_392 found in ${jvm}); install one (e.g. apt-get install openjdk-21-jre-headless) or set STREAMDESK_JAVA21_HOME`,
    );
    const nothing = findJava({ roots: [path.join(root, 'missing')], minMajor: 21 });
    expect(!nothing.found && nothing.reason).toContain('no JDK found');
  });

  it('a JDK without bin/java does not count', () => {
    const home = jdk('broken-21', '21.0.1');
    rmSync(path.join(home, 'bin', 'java'));
    expect(findJava({ roots: [jvm], minMajor: 21 }).found).toBe(false);
  });

  it('STREAMDESK_JAVA21_HOME wins when it qualifies, and is reported (not skipped over) when it does not', () => {
    jdk('temurin-25', '25.0.3');
    const own = jdk('my-21', '21.0.5', root);
    expect(registryJava([jvm], { STREAMDESK_JAVA21_HOME: own })).toMatchObject({ found: true, home: own, version: '21.0.5' });
    const old = jdk('my-17', '17.0.1', root);
    expect(registryJava([jvm], { STREAMDESK_JAVA21_HOME: old })).toEqual({
      found: false,
      reason: `STREAMDESK_JAVA21_HOME=${old} is Java 17.0.1; Java 21+ is needed`,
    });
    const notJdk = registryJava([jvm], { STREAMDESK_JAVA21_HOME: path.join(root, 'nothing') });
    expect(!notJdk.found && notJdk.reason).toContain('is not a JDK (no release file or bin/java)');
  });

  it('JAVA_HOME counts as one more candidate', () => {
    jdk('java-17', '17.0.15');
    const home = jdk('custom-23', '23.0.1', root);
    expect(registryJava([jvm], { JAVA_HOME: home })).toMatchObject({ found: true, home, version: '23.0.1' });
    expect(registryJava([jvm], {})).toMatchObject({ found: false });
  });
});
