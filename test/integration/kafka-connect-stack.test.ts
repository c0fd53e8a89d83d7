// The native stack's Kafka Connect worker against the real thing: it starts after Kafka on the port asked for, ships the
// file and MirrorMaker 2 connectors on its plugin.path, runs a FileStreamSink created through StreamDesk's client (the
// file it writes is read back here), and keeps its connectors across a restart (they live in its config topic).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectClient } from '@main/clients/connect/connect-client';
import { CONNECT_TOPICS } from '@main/services/stack/native/kafka-connect';
import type { NativeProgressEvent } from '@main/services/stack/native';
import { StackService } from '@main/services/stack/stack-service';
import type { StackProgress } from '@shared/stack';
import { NATIVE_DIR, startTestStack, type TestStack } from '../stack';
import { until } from './connect-support';

const LINES = Array.from({ length: 50 }, (_, i) => `line ${i} of the sink test`);

function produce(bootstrap: string, topic: string, lines: string[]): void {
  execFileSync('kcat', ['-b', bootstrap, '-P', '-t', topic], { input: `${lines.join('\n')}\n`, timeout: 30_000 });
}

function topicsOf(bootstrap: string): string[] {
  const metadata = JSON.parse(execFileSync('kcat', ['-b', bootstrap, '-L', '-J'], { encoding: 'utf8', timeout: 30_000 })) as {
    topics: Array<{ topic: string }>;
  };
  return metadata.topics.map((t) => t.topic);
}

describe('the Kafka Connect worker of a KRaft stack', () => {
  let t: TestStack | null = null;
  afterAll(async () => t?.stop());

  it('starts after Kafka on the port asked for, with the file and MirrorMaker 2 plugins, and sinks a topic to a file', async () => {
    const events: NativeProgressEvent[] = [];
    t = await startTestStack({ kraft: true, connect: true, only: ['kafka', 'kafka-connect'], onProgress: (e) => events.push(e) });
    const ready = events.filter((e) => e.phase === 'ready').map((e) => e.service);
    expect(ready).toEqual(['kafka', 'kafka-connect']);
    expect(t.connectUrl).toBe(`http://127.0.0.1:${t.ports.connect}`);
    const client = new ConnectClient({ url: t.connectUrl! });

    const info = await client.info();
    expect(info.version).toBe(t.stack.versions()['connect-kraft']);
    expect(info.version).toMatch(/^4\./);
    const classes = (await client.plugins()).map((p) => p.class);
    expect(classes).toEqual(
      expect.arrayContaining([
        'org.apache.kafka.connect.file.FileStreamSourceConnector',
        'org.apache.kafka.connect.file.FileStreamSinkConnector',
        'org.apache.kafka.connect.mirror.MirrorSourceConnector',
      ]),
    );
    // the worker's own state is in the stack's Kafka
    expect(topicsOf(t.bootstrap)).toEqual(expect.arrayContaining(Object.values(CONNECT_TOPICS)));

    const file = join(t.dataDir, 'sink-out.txt');
    produce(t.bootstrap, 'connect-sink-in', LINES);
    await client.create('file-sink', {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      topics: 'connect-sink-in',
      file,
      'tasks.max': '1',
    });
    const written = await until('the sink file holds every record', () => {
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      return Promise.resolve(text.split('\n').filter(Boolean).length === LINES.length ? text : null);
    });
    expect(written.split('\n').filter(Boolean)).toEqual(LINES);
    const status = await client.status('file-sink');
    expect(status).toMatchObject({ connector: { state: 'RUNNING' }, type: 'sink', tasks: [{ id: 0, state: 'RUNNING' }] });

    // a restart of the worker keeps the connector (its config topic), and it goes on sinking
    await t.stack.stop('kafka-connect');
    await t.stack.start('kafka-connect');
    expect(Object.keys(await client.connectors())).toEqual(['file-sink']);
    produce(t.bootstrap, 'connect-sink-in', ['after the restart']);
    await until('the record produced after the restart reaches the file', () =>
      Promise.resolve(readFileSync(file, 'utf8').includes('after the restart\n') ? true : null),
    );
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual([...LINES, 'after the restart']);
  });

  it("adds Debezium's PostgreSQL connector on request: fetched, put on plugin.path, the worker restarted to load it", async () => {
    const client = new ConnectClient({ url: t!.connectUrl! });
    const progress: StackProgress[] = [];
    // the app's own path (`stack plugins add`, the Stack page's button): a StackService adopting this stack's processes
    const service = new StackService({
      dataDir: t!.dataDir,
      libDir: join(NATIVE_DIR, 'lib'),
      confDir: join(NATIVE_DIR, 'conf'),
      kraft: true,
      connect: true,
      only: ['kafka', 'kafka-connect'],
      ports: { kafka: t!.ports.kafka, kafkaController: t!.ports.kafkaController!, connect: t!.ports.connect! },
      onProgress: (p) => progress.push(p),
    });
    const pidBefore = t!.stack.pidSync('kafka-connect');
    const status = await service.addConnectPlugin('debezium-postgres');
    expect(status.connectPlugins).toEqual(['connect-file', 'connect-mirror', 'debezium-connector-postgres']);
    expect(t!.stack.pidSync('kafka-connect')).not.toBe(pidBefore);
    expect(progress.map((p) => p.phase)).toContain('starting');
    expect(progress.at(-1)).toMatchObject({ service: 'kafka-connect', phase: 'ready', message: 'debezium-connector-postgres loaded' });
    const debezium = (await client.plugins()).find((p) => p.class === 'io.debezium.connector.postgresql.PostgresConnector');
    expect(debezium).toMatchObject({ type: 'source', version: '3.6.1.Final' });
    // the connector created before is still there
    expect(Object.keys(await client.connectors())).toEqual(['file-sink']);
  });
});

describe('the Kafka Connect worker of a ZooKeeper-mode stack', () => {
  let t: TestStack | null = null;
  afterAll(async () => t?.stop());

  it('runs the 3.9 line beside the 3.9 broker', async () => {
    t = await startTestStack({ connect: true, only: ['zookeeper', 'kafka', 'kafka-connect'] });
    const client = new ConnectClient({ url: t.connectUrl! });
    expect((await client.info()).version).toBe('3.9.1');
    expect((await client.plugins()).map((p) => p.class)).toContain('org.apache.kafka.connect.file.FileStreamSinkConnector');
  });
});
