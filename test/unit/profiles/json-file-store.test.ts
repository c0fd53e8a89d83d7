import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import { JsonFileStore, KeyFileCipher, ProfileService } from '@main/services/profiles';
import { remoteInput } from './fixtures';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamdesk-store-'));
  file = join(dir, 'profiles.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const service = (store = new JsonFileStore(file)) =>
  new ProfileService({ file: store, cipher: new KeyFileCipher(join(dir, 'secret.key')), localConnection: () => LOCAL_STACK_CONNECTION });

describe('JsonFileStore', () => {
  it('writes JSON readable back, mode 0600, and leaves no temp file', () => {
    const store = new JsonFileStore(file);
    expect(store.read()).toEqual({ kind: 'missing' });
    store.write({ a: 1 });
    store.write({ a: 2 });
    expect(store.read()).toEqual({ kind: 'ok', document: { a: 2 } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['profiles.json']);
  });

  it('a crash between the temp write and the rename leaves the old file intact', () => {
    new JsonFileStore(file).write({ version: 'old' });
    const before = readFileSync(file);
    const crashing = new JsonFileStore(file, {
      ...fs,
      renameSync: () => {
        throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' });
      },
    });
    expect(() => crashing.write({ version: 'new' })).toThrow(/simulated crash/);
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['profiles.json']); // the temp file was cleaned up
  });

  it('a failed save through the service changes neither the file nor what list() shows', () => {
    const ok = service();
    ok.save(remoteInput('Prod'));
    const before = readFileSync(file, 'utf8');
    const broken = service(
      new JsonFileStore(file, {
        ...fs,
        renameSync: () => {
          throw new Error('disk full');
        },
      }),
    );
    expect(() => broken.save(remoteInput('Staging'))).toThrow(/disk full/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(broken.list().profiles.map((p) => p.name)).toEqual(['Local stack', 'Prod']);
  });
});

describe('a corrupt profile file', () => {
  it('is kept aside, reported, and never overwritten', () => {
    writeFileSync(file, '{"version":1,"activeId":"x","profiles":[{"id":', { mode: 0o600 });
    const s = service();
    const state = s.list();
    expect(state.profiles.map((p) => p.id)).toEqual(['local']);
    expect(state.problems).toHaveLength(1);
    expect(state.problems[0]).toMatch(/could not be read: it is not valid JSON.*kept as .*profiles\.json\.corrupt-/);
    const aside = readdirSync(dir).find((f) => f.startsWith('profiles.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"version":1,"activeId":"x","profiles":[{"id":');
    // saving later writes a new file and leaves the set-aside copy alone
    s.save(remoteInput('Fresh'));
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"version":1,"activeId":"x","profiles":[{"id":');
    expect(s.list().problems).toHaveLength(1); // still reported for this session
  });

  it('valid JSON that is not a profile document is treated the same way', () => {
    writeFileSync(file, JSON.stringify({ version: 1, activeId: 'local', profiles: [{ id: 'p', name: 42 }] }));
    const state = service().list();
    expect(state.problems[0]).toMatch(/does not hold StreamDesk profiles \(profiles\.0\./);
    expect(readdirSync(dir).some((f) => f.startsWith('profiles.json.corrupt-'))).toBe(true);
  });

  it('when it cannot be moved aside, saving is refused instead of destroying it', () => {
    writeFileSync(file, 'not json');
    const stuck = service(
      new JsonFileStore(file, {
        ...fs,
        renameSync: () => {
          throw new Error('EPERM');
        },
      }),
    );
    expect(stuck.list().problems[0]).toMatch(/nor moved aside \(EPERM\)/);
    expect(() => stuck.save(remoteInput('X'))).toThrow(/cannot be saved until it is fixed/);
    expect(readFileSync(file, 'utf8')).toBe('not json');
  });
});
