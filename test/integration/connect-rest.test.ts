// Kafka Connect's REST API as `streamdesk serve` answers it under /api/streaming/connectors, on a real worker: the
// shapes a script written for Connect expects, the worker's validation as issues, secrets masked (and kept when sent
// back masked), stop → offsets altered → resume re-reading from exactly there, reset refused while running. Each
// effect is checked with an independent client: Connect's own REST API and kcat.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '@main/backend';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { startTestStack, type TestStack } from '../stack';
import { connectBackend, connectRest, kcatValues, until } from './connect-support';

const TOKEN = 'integration-token-connect-rest-0123';
const LINES = Array.from({ length: 300 }, (_, i) => `record ${i}`);

describe('/api/streaming/connectors on a real Connect worker', () => {
  let t: TestStack;
  let backend: Backend;
  let web: WebHost;
  let dir: string;
  let file: string;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${web.port}/api/streaming/connectors${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...init.headers },
    });
  /** Connect's own REST API: the independent check. */
  const worker = (path: string) => connectRest<Record<string, unknown> | null>(t.connectUrl!, `/connectors${path}`);
  const kcatLines = (topic: string) => kcatValues(t.bootstrap, topic);

  beforeAll(async () => {
    t = await startTestStack({ connect: true, only: ['zookeeper', 'kafka', 'kafka-connect'] });
    dir = mkdtempSync(join(tmpdir(), 'streamdesk-connect-rest-'));
    file = join(dir, 'in.txt');
    writeFileSync(file, `${LINES.join('\n')}\n`);
    backend = connectBackend(t).backend;
    web = await startWebHost({
      api: backend.api,
      bus: backend.bus,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/nonexistent',
      logger: silentLogger,
    });
  }, 180_000);
  afterAll(async () => {
    await web?.close();
    await backend?.dispose();
    await t?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a config the worker finds wrong, naming the setting, and creates nothing', async () => {
    const res = await call('', {
      method: 'POST',
      body: JSON.stringify({ name: 'rest-bad', config: { 'connector.class': 'FileStreamSource', file, 'tasks.max': 'two' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string[] }[] } };
    const paths = body.error.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('config.tasks.max');
    expect(paths).toContain('config.topic');
    expect((await worker('/rest-bad')).status).toBe(404);
  });

  it('creates a file source (201) whose lines reach the topic, masks its secrets and keeps them when sent back masked', async () => {
    const config = { 'connector.class': 'FileStreamSource', file, topic: 'rest-lines', 'database.password': 'hunter2' };
    const created = await call('', { method: 'POST', body: JSON.stringify({ name: 'rest-src', config }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const info = (await created.json()) as { name: string; config: Record<string, string>; type: string };
    expect(info).toMatchObject({ name: 'rest-src', type: 'source', config: { topic: 'rest-lines', 'database.password': '********' } });
    expect((await worker('/rest-src/config')).body?.['database.password']).toBe('hunter2');
    // the worker creates the topic with its first record: until then kcat finds no such topic (`until` asks again)
    await until('every line in the topic (kcat)', () => (kcatLines('rest-lines').length === LINES.length ? true : null));
    expect(kcatLines('rest-lines')).toEqual(LINES);

    const replaced = await call('/rest-src', { method: 'PUT', body: JSON.stringify({ ...config, 'database.password': '********', 'batch.size': '100' }) });
    expect(replaced.status, await replaced.clone().text()).toBe(200);
    const stored = (await worker('/rest-src/config')).body;
    expect(stored).toMatchObject({ 'database.password': 'hunter2', 'batch.size': '100' });

    expect(await (await call('')).json()).toEqual(['rest-src']);
    const expanded = (await (await call('?expand=status&expand=info')).json()) as Record<
      string,
      { status: { connector: { state: string } }; info: { config: Record<string, string> } }
    >;
    expect(expanded['rest-src'].status.connector.state).toBe('RUNNING');
    expect(expanded['rest-src'].info.config['database.password']).toBe('********');
  });

  it('stops, alters the source offset (preview first), and resumes re-reading exactly from there; reset is refused while running', async () => {
    const refused = await call('/rest-src/offsets', { method: 'DELETE' });
    expect(refused.status).toBe(409);
    const stopped = await call('/rest-src/stop', { method: 'POST' });
    expect(stopped.status).toBe(202);
    expect(((await stopped.json()) as { connector: { state: string } }).connector.state).toBe('STOPPED');
    expect(((await worker('/rest-src/status')).body?.connector as { state: string }).state).toBe('STOPPED');

    const offsets = (await (await call('/rest-src/offsets')).json()) as { offsets: { partition: Record<string, unknown>; offset: { position: number } }[] };
    expect(offsets.offsets).toHaveLength(1);
    const fullLength = LINES.reduce((n, l) => n + l.length + 1, 0);
    expect(offsets.offsets[0].offset.position).toBe(fullLength);
    // the position of the line 250 (bytes of the lines before it)
    const from = LINES.slice(0, 250).reduce((n, l) => n + l.length + 1, 0);
    const change = { offsets: [{ partition: offsets.offsets[0].partition, offset: { position: from } }] };
    const preview = await call('/rest-src/offsets?dryRun=true', { method: 'PATCH', body: JSON.stringify(change) });
    expect(await preview.json()).toEqual({
      changes: [{ partition: offsets.offsets[0].partition, current: { position: fullLength }, next: { position: from } }],
    });
    expect(((await worker('/rest-src/offsets')).body?.offsets as { offset: unknown }[])[0].offset).toEqual({ position: fullLength });

    const altered = await call('/rest-src/offsets', { method: 'PATCH', body: JSON.stringify(change) });
    expect(altered.status, await altered.clone().text()).toBe(200);
    expect(((await worker('/rest-src/offsets')).body?.offsets as { offset: unknown }[])[0].offset).toEqual({ position: from });

    const resumed = await call('/rest-src/resume', { method: 'POST' });
    expect(resumed.status).toBe(202);
    const expected = [...LINES, ...LINES.slice(250)];
    await until('the lines after the new position again (kcat)', () => (kcatLines('rest-lines').length >= expected.length ? true : null));
    await sleep(1500); // and nothing more than those
    expect(kcatLines('rest-lines')).toEqual(expected);
  });

  it('restarts (202 once settled), answers 404 for an unknown connector, deletes (204)', async () => {
    const restarted = await call('/rest-src/restart?includeTasks=true', { method: 'POST' });
    expect(restarted.status).toBe(202);
    const states = (await restarted.json()) as { connector: { state: string }; tasks: { state: string }[] };
    expect(states.connector.state).toBe('RUNNING');
    expect(states.tasks.map((s) => s.state)).toEqual(['RUNNING']);
    expect((await call('/nope')).status).toBe(404);
    expect((await call('/rest-src', { method: 'DELETE' })).status).toBe(204);
    expect((await worker('/rest-src')).status).toBe(404);
  });
});
