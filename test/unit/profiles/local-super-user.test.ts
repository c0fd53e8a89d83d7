// The secure local stack's super user: its password made once and sealed in the profile store like any profile's
// secret, the built-in profile signing in with it, and none of it in clear in the file, the logs or the profile view.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import type { Logger } from '@main/core/logger';
import { JsonFileStore, KeyFileCipher, ProfileService, type SecretCipher } from '@main/services/profiles';

let dir: string;
let logged: string[];
let superUser: string | null;

const logger: Logger = {
  info: (m) => logged.push(m),
  warn: (m) => logged.push(m),
  error: (m) => logged.push(m),
};

function make(cipher: SecretCipher = new KeyFileCipher(join(dir, 'secret.key'))): ProfileService {
  return new ProfileService({
    file: new JsonFileStore(join(dir, 'profiles.json')),
    cipher,
    localConnection: () => ({ ...LOCAL_STACK_CONNECTION, kafkaBootstrap: ['127.0.0.1:9092', '127.0.0.1:9093', '127.0.0.1:9094'] }),
    localSuperUser: () => superUser,
    logger,
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamdesk-local-super-user-'));
  logged = [];
  superUser = null;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the secure local stack’s super user', () => {
  it('makes the password once, seals it in the profile store, and finds the same one again after a restart', () => {
    const password = make().localSuperUserPassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const file = readFileSync(join(dir, 'profiles.json'), 'utf8');
    expect(file).not.toContain(password);
    expect(JSON.parse(file)).toMatchObject({ localStack: { superUserPassword: expect.any(String) as string } });
    expect(make().localSuperUserPassword()).toBe(password);
    expect(logged.join('\n')).not.toContain(password);
  });

  it('signs the built-in profile in with SCRAM-SHA-512 while the stack is secure; the view shows that a password exists, never it', () => {
    const service = make();
    const password = service.localSuperUserPassword();
    expect(service.activeKafkaTarget()).toEqual({ brokers: ['127.0.0.1:9092', '127.0.0.1:9093', '127.0.0.1:9094'] });
    superUser = 'streamdesk';
    expect(service.activeKafkaTarget()).toEqual({
      brokers: ['127.0.0.1:9092', '127.0.0.1:9093', '127.0.0.1:9094'],
      sasl: { mechanism: 'scram-sha-512', username: 'streamdesk', password },
    });
    const view = service.list().profiles[0];
    expect(view).toMatchObject({ builtIn: true, auth: { mechanism: 'scram-sha-512', username: 'streamdesk' }, hasKafkaPassword: true });
    expect(JSON.stringify(service.list())).not.toContain(password);
    expect(JSON.stringify(service.active())).not.toContain(password);
  });

  it('refuses, saying why, when the secret store cannot seal it, and writes nothing', () => {
    const unavailable: SecretCipher = {
      kind: 'os-keyring',
      description: 'no keyring is unlocked',
      isAvailable: () => false,
      encrypt: () => {
        throw new Error('unavailable');
      },
      decrypt: () => {
        throw new Error('unavailable');
      },
    };
    expect(() => make(unavailable).localSuperUserPassword()).toThrow(/^secure: the local stack's super user password cannot be sealed: no keyring is unlocked/);
    expect(() => readFileSync(join(dir, 'profiles.json'))).toThrow(/ENOENT/);
  });
});
