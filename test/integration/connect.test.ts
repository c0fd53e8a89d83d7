// The connect area through StreamDesk's own back end (`dispatch` → calls → ConnectService) on a real Kafka Connect
// worker: the file connectors move real data (counted and compared with kcat, the sink's file read back), a config
// error is refused on its field with nothing created, a failed task is seen (trace, health, alert) and restarted back,
// and a stopped source's offsets are altered and reset (KIP-875) — each checked against Connect's own REST API.
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../stack';
import { connectBackend, connectRest, FILE_SINK, FILE_SOURCE, kcatProduce, kcatValues, until, type ConnectBackend } from './connect-support';

let stack: TestStack;
let sd: ConnectBackend;

beforeAll(async () => {
  // Kafka and the worker only: no ZooKeeper, no Flink
  stack = await startTestStack({ kraft: true, connect: true, only: ['kafka', 'kafka-connect'] });
  sd = connectBackend(stack);
});

afterAll(async () => {
  await sd?.backend.dispose();
  await stack?.stop();
});

const lines = (n: number, tag: string, from = 0) => Array.from({ length: n }, (_, i) => `${tag} line ${from + i}: ${'x'.repeat((from + i) % 17)}`);
const writeLines = (file: string, content: string[]) => writeFileSync(file, content.map((l) => `${l}\n`).join(''));
/** Waits until kcat reads exactly `n` records from the topic (and answers them). */
const topicHolds = (topic: string, n: number, timeoutMs = 60_000) =>
  until(
    `${topic} holds ${n} records`,
    () => {
      const values = kcatValues(stack.bootstrap, topic);
      if (values.length > n) throw new Error(`${topic} holds ${values.length} records, more than ${n}`);
      return values.length === n ? values : null;
    },
    timeoutMs,
  );

function fileSource(name: string, file: string, topic: string) {
  return { cluster: sd.cluster, name, config: { 'connector.class': FILE_SOURCE, file, topic, 'tasks.max': '1' } };
}

describe('file connectors created through connect:create', () => {
  it('a FileStreamSource moves every line of a 2,000-line file into its topic', async () => {
    const file = join(stack.dataDir, 'source-2000.txt');
    const content = lines(2000, 'source');
    writeLines(file, content);
    const created = await sd.call('connect:create', fileSource('it-file-source', file, 'it-file-source'));
    expect(created).toMatchObject({ name: 'it-file-source', type: 'source', className: FILE_SOURCE, config: { file, topic: 'it-file-source' } });

    expect(await topicHolds('it-file-source', 2000)).toEqual(content);
    const own = await connectRest<{ connector: { state: string }; tasks: Array<{ state: string }> }>(sd.cluster, '/connectors/it-file-source/status');
    expect(own.body).toMatchObject({ connector: { state: 'RUNNING' }, tasks: [{ state: 'RUNNING' }] });
    const detail = await sd.call('connect:connector', { cluster: sd.cluster, name: 'it-file-source' });
    expect(detail).toMatchObject({ state: 'RUNNING', tasks: [{ id: 0, state: 'RUNNING', trace: null }] });
    expect(detail.topics).toContain('it-file-source');
  });

  it('a FileStreamSink writes the records of a topic (produced with kcat) into a file, line for line', async () => {
    const file = join(stack.dataDir, 'sink-out.txt');
    const records = lines(500, 'sink');
    kcatProduce(stack.bootstrap, 'it-sink-in', records);
    await sd.call('connect:create', {
      cluster: sd.cluster,
      name: 'it-file-sink',
      config: { 'connector.class': FILE_SINK, topics: 'it-sink-in', file, 'tasks.max': '1' },
    });
    const written = await until('the sink file holds every record', () => {
      const got = existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(0, -1) : [];
      return got.length >= records.length ? got : null;
    });
    expect(written).toEqual(records);
    expect((await connectRest<{ type: string }>(sd.cluster, '/connectors/it-file-sink/status')).body).toMatchObject({
      type: 'sink',
      connector: { state: 'RUNNING' },
    });
  });

  it('a config error is refused on its field (invalid-argument) and nothing is created', async () => {
    const file = join(stack.dataDir, 'never-read.txt');
    const badTasks = fileSource('it-bad-tasks', file, 'it-bad');
    badTasks.config['tasks.max'] = 'abc';
    const refused = await sd.refusal('connect:create', badTasks);
    expect(refused.code).toBe('invalid-argument');
    expect(refused.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['config', 'tasks.max'] })]));

    const { topic: _omitted, ...noTopic } = fileSource('it-no-topic', file, 'unused').config;
    const missing = await sd.refusal('connect:create', { cluster: sd.cluster, name: 'it-no-topic', config: noTopic });
    expect(missing.code).toBe('invalid-argument');
    expect(missing.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['config', 'topic'] })]));

    // the worker holds neither
    const names = (await connectRest<string[]>(sd.cluster, '/connectors')).body;
    expect(names).not.toContain('it-bad-tasks');
    expect(names).not.toContain('it-no-topic');
    expect((await connectRest(sd.cluster, '/connectors/it-no-topic')).status).toBe(404);
  });
});

describe('a task that fails', () => {
  it('shows FAILED with its trace, is named by the health snapshot and fires connector-failed; restored and restarted, it runs again', async () => {
    const file = join(stack.dataDir, 'fragile.txt');
    const first = lines(100, 'fragile');
    writeLines(file, first);
    await sd.call('connect:create', fileSource('it-fragile', file, 'it-fragile'));
    await topicHolds('it-fragile', 100);

    // The file becomes one no one can open (a symlink to itself: as root, a mode of 000 would not stop the worker);
    // the restarted task opens it again and fails.
    rmSync(file);
    symlinkSync(basename(file), file);
    await sd.call('connect:restart', { cluster: sd.cluster, name: 'it-fragile', includeTasks: true });
    const failed = await until('it-fragile task 0 FAILED', async () => {
      const detail = await sd.call('connect:connector', { cluster: sd.cluster, name: 'it-fragile' });
      return detail.tasks[0]?.state === 'FAILED' ? detail : null;
    });
    const ownStatus = await connectRest<{ tasks: Array<{ state: string; trace?: string }> }>(sd.cluster, '/connectors/it-fragile/status');
    expect(ownStatus.body.tasks[0]).toMatchObject({ state: 'FAILED' });
    expect(failed.tasks[0].trace).toBe(ownStatus.body.tasks[0].trace);
    expect(failed.tasks[0].trace).toContain('Too many levels of symbolic links');
    expect(failed.tasks[0].trace).toContain('FileStreamSourceTask.poll');

    const health = await sd.call('health:refresh', {});
    expect(health.services.connect.details.failures).toEqual([
      { cluster: sd.cluster, connector: 'it-fragile', task: 0, workerId: expect.any(String) as string },
    ]);
    expect(health.services.connect.details.tasksFailed).toBe(1);
    const alerts = await sd.call('alerts:state', {});
    expect(alerts.active.filter((a) => a.ruleId === 'connector-failed').map((a) => a.message)).toEqual([expect.stringContaining('it-fragile')]);

    // restored with 20 more lines: the task restarts where its offset stood (no line twice) and reads the new ones
    rmSync(file);
    const more = lines(20, 'fragile', 100);
    writeLines(file, [...first, ...more]);
    const restarted = await sd.call('connect:restart', { cluster: sd.cluster, name: 'it-fragile', includeTasks: true, onlyFailed: true });
    expect(restarted.restarting).toEqual([{ task: 0, state: 'RESTARTING' }]);
    expect(restarted.settled).toBe(true);
    expect(restarted.after).toMatchObject({ state: 'RUNNING', tasks: [{ id: 0, state: 'RUNNING' }] });
    expect(await topicHolds('it-fragile', 120)).toEqual([...first, ...more]);
    expect((await connectRest(sd.cluster, '/connectors/it-fragile/status')).body).toMatchObject({ tasks: [{ state: 'RUNNING' }] });

    const healed = await sd.call('health:refresh', {});
    expect(healed.services.connect.details.failures).toEqual([]);
    expect((await sd.call('alerts:state', {})).active.filter((a) => a.ruleId === 'connector-failed')).toEqual([]);
  });
});

describe("a stopped source connector's offsets (KIP-875)", () => {
  /** The offsets Connect itself holds for the connector. */
  const ownOffsets = async (name: string) =>
    (await connectRest<{ offsets: Array<{ partition: unknown; offset: unknown }> }>(sd.cluster, `/connectors/${name}/offsets`)).body.offsets;

  it('altered: previewed, applied, and the resumed connector re-reads exactly from the new position; reset: re-reads the whole file', async () => {
    const file = join(stack.dataDir, 'offsets.txt');
    const content = lines(300, 'offsets');
    writeLines(file, content);
    const size = Buffer.byteLength(content.map((l) => `${l}\n`).join(''));
    const ref = { cluster: sd.cluster, name: 'it-offsets' };
    await sd.call('connect:create', fileSource('it-offsets', file, 'it-offsets'));
    await topicHolds('it-offsets', 300);
    const partition = { filename: file };
    await until('the offset at the end of the file is committed', async () =>
      JSON.stringify(await ownOffsets('it-offsets')) === JSON.stringify([{ partition, offset: { position: size } }]) ? true : null,
    );

    // line 250 starts at this byte: the records after it are read again
    const position = Buffer.byteLength(
      content
        .slice(0, 250)
        .map((l) => `${l}\n`)
        .join(''),
    );
    const alter = { kind: 'alter' as const, offsets: [{ partition, offset: { position } }] };
    const whileRunning = await sd.refusal('connect:changeOffsets', { ...ref, change: alter, dryRun: false });
    expect(whileRunning.code).toBe('conflict');
    expect(await ownOffsets('it-offsets')).toEqual([{ partition, offset: { position: size } }]);

    // answered once the worker stopped it, its task included (a task still running could commit offsets after a change)
    expect(await sd.call('connect:stop', ref)).toMatchObject({ state: 'STOPPED', tasks: [] });
    expect((await connectRest(sd.cluster, '/connectors/it-offsets/status')).body).toMatchObject({ connector: { state: 'STOPPED' }, tasks: [] });
    expect(await sd.call('connect:offsets', ref)).toMatchObject({ type: 'source', state: 'STOPPED', offsets: [{ partition, offset: { position: size } }] });

    const preview = await sd.call('connect:changeOffsets', { ...ref, change: alter, dryRun: true });
    expect(preview).toEqual({ name: 'it-offsets', applied: false, changes: [{ partition, current: { position: size }, next: { position } }], message: null });
    expect(await ownOffsets('it-offsets')).toEqual([{ partition, offset: { position: size } }]);

    const applied = await sd.call('connect:changeOffsets', { ...ref, change: alter, dryRun: false });
    expect(applied).toMatchObject({ applied: true, changes: [{ partition, current: { position: size }, next: { position } }] });
    expect(await ownOffsets('it-offsets')).toEqual([{ partition, offset: { position } }]);

    expect(await sd.call('connect:resume', ref)).toMatchObject({ name: 'it-offsets' });
    const reread = await topicHolds('it-offsets', 350);
    expect(reread.slice(300)).toEqual(content.slice(250));

    // reset while stopped: no offset left, and the whole file comes again
    await sd.call('connect:stop', ref);
    const reset = await sd.call('connect:changeOffsets', { ...ref, change: { kind: 'reset' }, dryRun: false });
    expect(reset).toMatchObject({ applied: true, changes: [{ partition, next: null }] });
    // Connect answers no entry, or (reading its offsets topic's tombstone) the partition with a null offset
    expect((await ownOffsets('it-offsets')).filter((o) => o.offset !== null)).toEqual([]);
    await sd.call('connect:resume', ref);
    const again = await topicHolds('it-offsets', 650);
    expect(again.slice(350)).toEqual(content);
  });
});

describe('the worker gone', () => {
  it('turns the Connect health down and fires connect-worker-gone; restarted through stack:restartService, both clear', async () => {
    expect((await sd.call('health:refresh', {})).services.connect.status).not.toBe('down');
    const pid = stack.stack.pidSync('kafka-connect');
    expect(pid).not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    // gone for good (a JVM takes a moment to die, holding its REST port until then) before anyone restarts it
    await until('the killed worker gone', () => {
      try {
        process.kill(pid!, 0);
        return null;
      } catch {
        return true;
      }
    });
    const down = await until('the Connect health down', async () => {
      const health = await sd.call('health:refresh', {});
      return health.services.connect.status === 'down' ? health : null;
    });
    expect(down.services.connect.details.clusters).toEqual([expect.objectContaining({ url: sd.cluster, up: false })]);
    const gone = (await sd.call('alerts:state', {})).active.filter((a) => a.ruleId === 'connect-worker-gone');
    expect(gone.map((a) => a.message)).toEqual([expect.stringContaining(sd.cluster)]);

    await sd.call('stack:restartService', { service: 'kafka-connect' });
    expect((await connectRest(sd.cluster, '/')).status).toBe(200);
    await until('the Connect health back', async () => ((await sd.call('health:refresh', {})).services.connect.status === 'down' ? null : true));
    expect((await sd.call('alerts:state', {})).active.filter((a) => a.ruleId === 'connect-worker-gone')).toEqual([]);
  });
});
