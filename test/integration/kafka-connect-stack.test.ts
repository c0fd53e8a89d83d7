// The native stack's Kafka Connect worker against the real thing: it starts after Kafka on the port asked for, ships the
// file and MirrorMaker 2 connectors on its plugin.path, runs a FileStreamSink created through StreamDesk's client (the
// file it writes is read back here), and keeps its connectors across a restart (they live in its config topic).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectClient } from '@main/clients/connect/connect-client';
import { CONNECT_TOPICS } from '@main/services/stack/native/kafka-connect';
import type { NativeProgressEvent } from '@main/services/stack/native';
import { startTestStack, type TestStack } from '../stack';

const LINES = Array.from({ length: 50 }, (_, i) => `line ${i} of the sink test`);

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last: ${last})` : ''}`);
    await sleep(500);
  }
}

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
