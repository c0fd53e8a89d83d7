import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StreamdeskError, unwrap } from '@shared/errors';
import type { CallArgs } from '@shared/contract';
import { dispatch } from '@main/core/dispatch';
import { createBackend, type Backend } from '@main/backend';
import { silentLogger } from '@main/core/logger';
import { startWebHost, type WebHost } from '@main/hosts/web';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { LIST_CONFIG_KEYS, readTopicConfigs } from '@main/services/topics/topic-configs-reader';
import { withAdmin } from '@main/clients/kafka/platformatic-admin';
import { NATIVE_DIR } from '../stack';

const shared = inject('sharedStack');
const TOKEN = 'integration-token-0123456789abcdef';

/** kcat, an independent client, reads the cluster metadata as JSON. */
function kcatTopic(name: string): { partitions: { partition: number; replicas: unknown[] }[] } | undefined {
  const metadata = JSON.parse(execFileSync('kcat', ['-b', shared.bootstrap, '-L', '-J', '-t', name], { encoding: 'utf8', timeout: 30_000 })) as {
    topics: { topic: string; partitions: { partition: number; replicas: unknown[] }[]; error?: string }[];
  };
  return metadata.topics.find((topic) => topic.topic === name && !topic.error);
}

function kcatValues(name: string): string[] {
  return execFileSync('kcat', ['-b', shared.bootstrap, '-C', '-t', name, '-e', '-q', '-f', '%s\n'], { encoding: 'utf8', timeout: 30_000 })
    .split('\n')
    .filter(Boolean);
}

describe('topics on a real broker', () => {
  /** Through dispatch, as every host calls: the contract's checks (the typed confirmation) apply. */
  const purge = async (args: CallArgs<'topics:purge'>) => unwrap(await dispatch(backend.api, 'topics:purge', args));
  let backend: Backend;
  let web: WebHost;
  let base: string;
  const postText = (path: string, body: string) =>
    fetch(base + path, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body });
  const post = (path: string, body: unknown) => postText(path, JSON.stringify(body));
  /** A delete-policy topic of one replica and an hour's retention, as most tests here want. */
  const createPlainTopic = (name: string, partitions: number) =>
    backend.api['topics:create']({ name, partitions, replicationFactor: 1, retentionHours: 1, cleanupPolicy: 'delete', configs: {} });

  beforeAll(async () => {
    backend = createBackend({
      version: 'test',
      connection: { name: 'it', kafkaBootstrap: [shared.bootstrap], zookeeper: shared.zookeeper, flinkUrl: shared.flinkUrl, kafkaUiUrl: null },
      dataDir: shared.dataDir,
      libDir: `${NATIVE_DIR}/lib`,
      confDir: `${NATIVE_DIR}/conf`,
      kraft: false,
      logger: silentLogger,
    });
    web = await startWebHost({
      api: backend.api,
      bus: backend.bus,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/nonexistent',
      logger: silentLogger,
    });
    base = `http://127.0.0.1:${web.port}`;
  });
  afterAll(async () => {
    await backend.dispose();
    await web.close();
  });

  it('POST /api/streaming/topics creates a topic that kcat sees with the requested settings', async () => {
    const response = await post('/api/streaming/topics', {
      topic_name: 'it.rest-created',
      config: { partitions: 4, replication_factor: 1, retention_hours: 12, cleanup_policy: 'compact' },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { summary: { name: string; partitions: number; retentionMs: number; cleanupPolicy: string } };
    expect(created.summary).toMatchObject({ name: 'it.rest-created', partitions: 4, retentionMs: 12 * 3_600_000, cleanupPolicy: 'compact' });
    const seen = kcatTopic('it.rest-created');
    expect(seen?.partitions).toHaveLength(4);
    expect(seen?.partitions.every((partition) => partition.replicas.length === 1)).toBe(true);

    const again = await post('/api/streaming/topics', { topic_name: 'it.rest-created', config: {} });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/^name: .*already exists/);
  });

  it('a replication factor above the brokers, or a bad config, changes nothing and names the field', async () => {
    const tooMany = await post('/api/streaming/topics', { topic_name: 'it.rf3', config: { replication_factor: 3 } });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toContain('replicationFactor: 3 is more than the 1 broker');
    const badConfig = await post('/api/streaming/topics', { topic_name: 'it.badcfg', config: { 'segment.bytes': '1' } });
    expect(badConfig.status).toBe(400);
    expect(kcatTopic('it.rf3')).toBeUndefined();
    expect(kcatTopic('it.badcfg')).toBeUndefined();
  });

  it('POST /api/streaming/ingest/:topic writes every record with acks=all and counts them', async () => {
    await createPlainTopic('it.ingest', 2);
    const single = await post('/api/streaming/ingest/it.ingest', { sensor: 's1', value: 1 });
    expect(await single.json()).toEqual({ topic: 'it.ingest', written: 1, failed: 0 });
    const batch = await post(
      '/api/streaming/ingest/it.ingest',
      Array.from({ length: 250 }, (_, i) => ({ sensor: `s${i % 7}`, value: i })),
    );
    expect(await batch.json()).toEqual({ topic: 'it.ingest', written: 250, failed: 0 });
    const values = kcatValues('it.ingest').map((line) => JSON.parse(line) as { value: number });
    expect(values).toHaveLength(251);
    expect(new Set(values.map((value) => value.value)).size).toBe(250);
    expect((await post('/api/streaming/ingest/it.nope', { a: 1 })).status).toBe(404);
    expect((await post('/api/streaming/ingest/it.ingest', 'text')).status).toBe(400);
  });

  it('ingest requests sent at once are all written, none twice, each in its own order (several Produce requests in flight)', async () => {
    await createPlainTopic('it.ingest-together', 3);
    const requests = Array.from({ length: 8 }, (_, request) =>
      post(
        '/api/streaming/ingest/it.ingest-together',
        Array.from({ length: 600 }, (_, i) => ({ request, i })),
      ),
    );
    const answers = await Promise.all(requests.map(async (response) => (await response).json()));
    expect(answers).toEqual(Array.from({ length: 8 }, () => ({ topic: 'it.ingest-together', written: 600, failed: 0 })));
    const lines = execFileSync('kcat', ['-b', shared.bootstrap, '-C', '-t', 'it.ingest-together', '-e', '-q', '-f', '%p %s\n'], {
      encoding: 'utf8',
      timeout: 30_000,
    })
      .split('\n')
      .filter(Boolean)
      .map((line) => ({
        partition: Number(line.slice(0, line.indexOf(' '))),
        ...(JSON.parse(line.slice(line.indexOf(' ') + 1)) as { request: number; i: number }),
      }));
    expect(lines).toHaveLength(4800);
    expect(new Set(lines.map((line) => `${line.request}/${line.i}`)).size).toBe(4800);
    // within a partition, each request's records come in the order it sent them
    for (const partition of [0, 1, 2]) {
      for (let request = 0; request < 8; request += 1) {
        const order = lines.filter((line) => line.partition === partition && line.request === request).map((line) => line.i);
        expect(order).toEqual([...order].sort((a, b) => a - b));
        // keyless values go to the partitions in turn: a third of each request's 600 in each
        expect(order).toHaveLength(200);
        expect(new Set(order.map((i) => i % 3)).size).toBe(1);
      }
    }
  });

  it('a body read in many chunks is written whole and in order; one whose JSON breaks near its end answers 400 and writes nothing', async () => {
    await createPlainTopic('it.ingest-large', 1);
    // ~750 KB: the socket hands serve the body in many chunks, cut inside values and inside multi-byte characters
    const records = Array.from({ length: 5000 }, (_, i) => ({ i, place: 'Stavanger æøå'.repeat(1 + (i % 3)), note: 'x'.repeat(90 + (i % 17)) }));
    const text = JSON.stringify(records);
    const send = (body: string) => postText('/api/streaming/ingest/it.ingest-large', body);
    expect(await (await send(text)).json()).toEqual({ topic: 'it.ingest-large', written: 5000, failed: 0 });
    expect(kcatValues('it.ingest-large')).toEqual(records.map((record) => JSON.stringify(record)));
    // well-formed up to its last record: nothing is written before the whole body is checked
    for (const broken of [`${text.slice(0, -2)}]`, `${text.slice(0, -1)},]`, `${text} x`]) {
      const refused = await send(broken);
      expect(refused.status).toBe(400);
      const answer = (await refused.json()) as { ok: boolean; error: { code: string; message: string } };
      expect([answer.ok, answer.error.code]).toEqual([false, 'invalid-argument']);
      expect(answer.error.message).toMatch(/^body: the request body is not valid JSON/);
    }
    expect(kcatValues('it.ingest-large')).toHaveLength(5000);
  });

  it('edits configs incrementally, adds partitions, and deletes only with the typed name', async () => {
    const { api } = backend;
    await api['topics:create']({
      name: 'it.edit',
      partitions: 1,
      replicationFactor: 1,
      retentionHours: 2,
      cleanupPolicy: 'delete',
      configs: { 'max.message.bytes': '200000' },
    });
    const edited = await api['topics:alterConfigs']({ name: 'it.edit', set: { 'min.insync.replicas': '1' }, reset: ['max.message.bytes'] });
    const overrides = Object.fromEntries(edited.configs.filter((entry) => entry.source === 'topic').map((entry) => [entry.name, entry.value]));
    expect(overrides).toEqual({ 'cleanup.policy': 'delete', 'min.insync.replicas': '1', 'retention.ms': String(2 * 3_600_000) });

    await expect(api['topics:addPartitions']({ name: 'it.edit', totalPartitions: 1 })).rejects.toThrow(/totalPartitions: must be more than the current 1/);
    expect((await api['topics:addPartitions']({ name: 'it.edit', totalPartitions: 3 })).summary.partitions).toBe(3);
    expect(kcatTopic('it.edit')?.partitions).toHaveLength(3);

    await api['topics:delete']({ name: 'it.edit', confirmation: 'it.edit' });
    await expect(api['topics:describe']({ name: 'it.edit' })).rejects.toBeInstanceOf(StreamdeskError);
  });

  it('produces one record to a chosen partition, with key and headers', async () => {
    const { api } = backend;
    await api['topics:create']({ name: 'it.produce', partitions: 3, replicationFactor: 1, retentionHours: 1, cleanupPolicy: 'delete', configs: {} });
    const record = await api['messages:produce']({
      topic: 'it.produce',
      key: 'Kyrre',
      value: '{"free":3}',
      valueIsJson: true,
      headers: { source: 'it' },
      partition: 2,
    });
    expect(record).toMatchObject({ topic: 'it.produce', partition: 2, offset: 0 });
    const line = execFileSync('kcat', ['-b', shared.bootstrap, '-C', '-t', 'it.produce', '-e', '-q', '-f', '%p|%k|%h|%s\n'], { encoding: 'utf8' }).trim();
    expect(line).toBe('2|Kyrre|source=it|{"free":3}');
    await expect(api['messages:produce']({ topic: 'it.produce', key: null, value: 'x', valueIsJson: false, headers: {}, partition: 7 })).rejects.toThrow(
      /partition: .*0–2/,
    );
  });

  it('lists topics with message counts and sizes, hiding internal ones unless asked', async () => {
    const { api } = backend;
    const topics = await api['topics:list']({});
    const ingest = topics.find((topic) => topic.name === 'it.ingest');
    expect(ingest).toMatchObject({ messageCount: 251, partitions: 2, underReplicatedPartitions: 0, offlinePartitions: 0 });
    expect(ingest!.sizeBytes).toBeGreaterThan(0);
    expect(topics.some((topic) => topic.internal)).toBe(false);
    // the list reads only retention and cleanup policy per topic (the detail page reads every config): overrides show
    expect(topics.find((topic) => topic.name === 'it.rest-created')).toMatchObject({ retentionMs: 12 * 3_600_000, cleanupPolicy: 'compact' });
    expect(topics.find((topic) => topic.name === 'it.produce')).toMatchObject({ retentionMs: 3_600_000, cleanupPolicy: 'delete', messageCount: 1 });
  });

  it('reads the configs of every other topic when one in the batch is gone (deleted while the list was read)', async () => {
    // the broker answers an error code for the unknown topic, which fails the whole request: the reader must find it and keep the rest
    const read = await withAdmin({ brokers: [shared.bootstrap] }, (admin) =>
      readTopicConfigs(admin, ['it.ingest', 'it.gone-meanwhile', 'it.rest-created'], LIST_CONFIG_KEYS),
    );
    expect([...read.failed.keys()]).toEqual(['it.gone-meanwhile']);
    expect(read.configs.get('it.ingest')?.map((entry) => [entry.name, entry.value])).toEqual([
      ['cleanup.policy', 'delete'],
      ['retention.ms', String(3_600_000)],
    ]);
    expect(read.configs.get('it.rest-created')?.find((entry) => entry.name === 'cleanup.policy')).toMatchObject({ value: 'compact', source: 'topic' });
  });

  it('lists rows without configs when asked (a fast first answer), with the same topics and counts', async () => {
    const full = await backend.api['topics:list']({});
    const quick = await backend.api['topics:list']({ configs: false });
    expect(quick.map((topic) => topic.name)).toEqual(full.map((topic) => topic.name));
    const ingest = quick.find((topic) => topic.name === 'it.ingest');
    expect(ingest).toMatchObject({ partitions: 2, retentionMs: null, cleanupPolicy: null });
    expect(ingest?.messageCount).toBe(full.find((topic) => topic.name === 'it.ingest')?.messageCount);
    // metadata alone (the first rows of a large cluster): the same topics and partitions, no figures read
    const names = await backend.api['topics:list']({ configs: false, offsets: false });
    expect(names.map((topic) => [topic.name, topic.partitions])).toEqual(full.map((topic) => [topic.name, topic.partitions]));
    expect(names.find((topic) => topic.name === 'it.ingest')).toMatchObject({ messageCount: null, sizeBytes: null, retentionMs: null });
  });

  it('reads the preset topics from their own topics: missing exactly when the topic does not exist', async () => {
    const existing = new Set((await backend.api['topics:list']({})).map((topic) => topic.name));
    const streams = await backend.api['presetTopics:list']({});
    expect(streams.map((stream) => stream.topic).sort()).toEqual(['data_quality_alerts', 'stavanger_parking_events', 'system_metrics']);
    for (const stream of streams) expect(stream.state === 'missing').toBe(!existing.has(stream.topic));
  });

  it('lists internal topics when asked, without losing the counts of the others', async () => {
    // a committed offset makes the broker create __consumer_offsets, which @platformatic/kafka's
    // metadata leaves out (listing its offsets once crashed the process from a socket callback)
    const admin = kafkaClient({ brokers: [shared.bootstrap] }).admin();
    await admin.connect();
    try {
      // on a fresh broker the group coordinator appears only once __consumer_offsets is created: wait for it
      for (let attempt = 1; ; attempt += 1) {
        try {
          await admin.setOffsets({ groupId: 'it.internal-topics', topic: 'it.ingest', partitions: [{ partition: 0, offset: '0' }] });
          break;
        } catch (error) {
          if (attempt >= 30 || (error as Error).name !== 'KafkaJSGroupCoordinatorNotFound') throw error;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    } finally {
      await admin.disconnect();
    }
    const topics = await backend.api['topics:list']({ includeInternal: true });
    expect(topics.find((topic) => topic.name === '__consumer_offsets')).toMatchObject({ internal: true });
    expect(topics.find((topic) => topic.name === 'it.ingest')).toMatchObject({ messageCount: 251 });
  });

  it('purges the records before an offset: the preview counts exactly what goes, and kcat then reads exactly the rest', async () => {
    await createPlainTopic('it.purge', 2);
    for (const partition of [0, 1]) {
      const lines = Array.from({ length: 50 }, (_, i) => `p${partition}-${i}`).join('\n');
      execFileSync('kcat', ['-b', shared.bootstrap, '-P', '-t', 'it.purge', '-p', String(partition)], { input: `${lines}\n`, timeout: 30_000 });
    }
    const preview = await purge({ name: 'it.purge', before: { offset: 30 }, partitions: [1], dryRun: true });
    expect(preview).toMatchObject({
      applied: false,
      removed: 30,
      partitions: [{ partition: 1, lowWatermark: 0, newLowWatermark: 30, highWatermark: 50, removed: 30 }],
    });
    expect(kcatValues('it.purge')).toHaveLength(100);
    await expect(purge({ name: 'it.purge', before: { offset: 30 }, partitions: [5], dryRun: true })).rejects.toThrow(/partitions: .*no 5/);

    const response = await fetch(`${base}/api/streaming/topics/it.purge/records`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ before: { offset: 30 }, partitions: [1] }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ topic: 'it.purge', applied: true, removed: 30, partitions: [{ partition: 1, low_watermark: 30 }] });
    const left = kcatValues('it.purge');
    expect(left.filter((v) => v.startsWith('p0-'))).toHaveLength(50);
    expect(left.filter((v) => v.startsWith('p1-'))).toEqual(Array.from({ length: 20 }, (_, i) => `p1-${i + 30}`));
  });

  it('purges the records older than a time, and refuses to apply without the name typed', async () => {
    await createPlainTopic('it.purge-time', 1);
    execFileSync('kcat', ['-b', shared.bootstrap, '-P', '-t', 'it.purge-time'], { input: 'old-1\nold-2\nold-3\n', timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cut = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    execFileSync('kcat', ['-b', shared.bootstrap, '-P', '-t', 'it.purge-time'], { input: 'new-1\nnew-2\n', timeout: 30_000 });
    await expect(purge({ name: 'it.purge-time', before: { timestamp: cut }, dryRun: false })).rejects.toThrow(/confirmation/);
    expect(kcatValues('it.purge-time')).toHaveLength(5);
    const done = await purge({ name: 'it.purge-time', before: { timestamp: cut }, dryRun: false, confirmation: 'it.purge-time' });
    expect(done).toMatchObject({ applied: true, removed: 3 });
    expect(kcatValues('it.purge-time')).toEqual(['new-1', 'new-2']);
  });
});
