// Every secret a profile can hold, saved through serve mode, must appear nowhere at rest or in
// transit back: not in any file under the config folder (the key file aside), not in the log,
// not in an HTTP answer, not in a WebSocket event (issue 8, point 5). The back end is the real
// one (createBackend) with the file store and key-file cipher `serve` uses.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBackend, type Backend } from '@main/backend';
import type { Logger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { JsonFileStore, KeyFileCipher, ProfileService } from '@main/services/profiles';
import { LOCAL_STACK_CONNECTION } from '@shared/connection';
import { freePorts, NATIVE_DIR } from '@test/stack';

const TOKEN = 'secrets-test-token-0123456789abcdef';
const secret = (tag: string) => `${tag}-${randomBytes(12).toString('hex')}`;
const SECRETS = {
  saslPassword: secret('sasl-pw'),
  saslPasswordReplaced: secret('sasl-pw-2'),
  tlsKeyPassword: secret('tls-key-pw'),
  flinkPassword: secret('flink-basic-pw'),
  flinkToken: secret('flink-token'),
};

let dir: string;
let backend: Backend;
let web: WebHost;
let deadPorts: number[];
const logged: string[] = [];
const wire: string[] = [];
const capture: Logger = {
  info: (message, ...rest) => logged.push(message, ...rest.map((r) => (r instanceof Error ? `${r.message}\n${r.stack}` : (JSON.stringify(r) ?? String(r))))),
  warn: (message, ...rest) => logged.push(message, ...rest.map((r) => (r instanceof Error ? `${r.message}\n${r.stack}` : (JSON.stringify(r) ?? String(r))))),
  error: (message, ...rest) => logged.push(message, ...rest.map((r) => (r instanceof Error ? `${r.message}\n${r.stack}` : (JSON.stringify(r) ?? String(r))))),
};

async function post(name: string, args: unknown): Promise<{ ok: boolean; result?: unknown; error?: { message: string } }> {
  const response = await fetch(`http://127.0.0.1:${web.port}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  wire.push(text);
  return JSON.parse(text) as { ok: boolean; result?: unknown; error?: { message: string } };
}

function everyFile(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? everyFile(full) : [full];
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sd-secrets-'));
  deadPorts = await freePorts(3);
  backend = createBackend({
    version: 'test',
    profiles: { file: new JsonFileStore(path.join(dir, 'profiles.json')), cipher: new KeyFileCipher(path.join(dir, 'secret.key')) },
    alertsFile: new JsonFileStore(path.join(dir, 'alerts.json')),
    dataDir: path.join(dir, 'data'),
    libDir: `${NATIVE_DIR}/lib`,
    confDir: `${NATIVE_DIR}/conf`,
    kraft: false,
    stackPorts: { kafka: deadPorts[0], zookeeper: deadPorts[1], flinkRest: deadPorts[2] },
    logger: capture,
  });
  web = await startWebHost({
    api: backend.api,
    bus: backend.bus,
    token: TOKEN,
    host: '127.0.0.1',
    port: 0,
    rendererDir: path.join(dir, 'none'),
    logger: capture,
  });
});

afterAll(async () => {
  await backend?.dispose();
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('secrets saved through serve mode', () => {
  it('are stored sealed and found nowhere: files, log, HTTP answers, WebSocket events', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${TOKEN}`);
    ws.on('message', (data) => wire.push((data as Buffer).toString())); // ws hands a Buffer (its default binaryType)
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

    const profile = (name: string, over: Record<string, unknown>) => ({
      name,
      kafkaBootstrap: [`127.0.0.1:${deadPorts[0]}`],
      auth: { mechanism: 'scram-sha-512', username: 'alice', password: SECRETS.saslPassword },
      tls: { enabled: true, keyPassword: SECRETS.tlsKeyPassword, rejectUnauthorized: true },
      zookeeper: null,
      flink: { url: `http://127.0.0.1:${deadPorts[2]}`, auth: 'basic', username: 'flink', password: SECRETS.flinkPassword },
      prometheusUrl: null,
      kafkaUiUrl: null,
      ...over,
    });
    const basic = await post('profiles:save', { profile: profile('basic', {}) });
    expect(basic.ok, basic.error?.message).toBe(true);
    const id = (basic.result as { id: string }).id;
    const bearer = await post('profiles:save', {
      profile: profile('bearer', { flink: { url: `http://127.0.0.1:${deadPorts[2]}`, auth: 'bearer', token: SECRETS.flinkToken } }),
    });
    expect(bearer.ok, bearer.error?.message).toBe(true);
    // Replace a secret, activate, and run a connection test that fails (the log and the answer talk about the profile).
    expect(
      (
        await post('profiles:save', {
          profile: { ...profile('basic', {}), id, auth: { mechanism: 'scram-sha-512', username: 'alice', password: SECRETS.saslPasswordReplaced } },
        })
      ).ok,
    ).toBe(true);
    expect((await post('profiles:activate', { id })).ok).toBe(true);
    const tested = await post('profiles:test', { id });
    expect(tested.ok, tested.error?.message).toBe(true);
    expect((await post('profiles:list', {})).ok).toBe(true);
    // A save that fails validation must not echo the secret in its error either.
    const refused = await post('profiles:save', { profile: profile('', {}) });
    expect(refused.ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last events reach the socket
    ws.close();

    // The secrets are really stored (sealed): a fresh service over the same files gets them back.
    const reread = new ProfileService({
      file: new JsonFileStore(path.join(dir, 'profiles.json')),
      cipher: new KeyFileCipher(path.join(dir, 'secret.key')),
      localConnection: () => LOCAL_STACK_CONNECTION,
    });
    expect(reread.activeKafkaTarget().sasl).toMatchObject({ password: SECRETS.saslPasswordReplaced });
    expect(reread.activeFlinkAuth().Authorization).toBe(`Basic ${Buffer.from(`flink:${SECRETS.flinkPassword}`).toString('base64')}`);

    const files = everyFile(dir).filter((file) => path.basename(file) !== 'secret.key');
    expect(files.map((file) => path.basename(file))).toContain('profiles.json');
    const atRest = files.map((file) => `${file}\n${readFileSync(file).toString('latin1')}`).join('\n');
    const logText = logged.join('\n');
    const wireText = wire.join('\n');
    expect(wireText).toContain('profiles:changed'); // events were captured, so their absence of secrets means something
    expect(logText).toContain('connection test');
    for (const [name, value] of Object.entries(SECRETS)) {
      for (const [where, text] of [
        ['a file under the config folder', atRest],
        ['the log', logText],
        ['an HTTP answer or WebSocket message', wireText],
      ] as const) {
        expect(text.includes(value), `${name} found in ${where}`).toBe(false);
        // Nor in an encoding a careless log line might use.
        expect(text.includes(Buffer.from(value).toString('base64')), `${name} (base64) found in ${where}`).toBe(false);
      }
    }
  });
});
