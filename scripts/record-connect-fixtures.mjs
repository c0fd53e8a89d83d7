#!/usr/bin/env node
// Records a real Kafka Connect worker's answers as unit-test fixtures (test/unit/connect/fixtures/connect.json).
// Run against an empty worker of the local stack (the file connectors on its plugin.path), with its Kafka and a folder
// the worker can read and write:
//   node scripts/record-connect-fixtures.mjs http://127.0.0.1:8084 127.0.0.1:9092 /tmp/connect-fixtures
// It creates a FileStreamSource, a FileStreamSink and a sink that fails (its file's folder does not exist), operates them
// and saves every answer, keyed by "METHOD <path>", as the worker sent it (status and body).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [url = 'http://127.0.0.1:8084', bootstrap = '127.0.0.1:9092', dir = '/tmp/connect-fixtures'] = process.argv.slice(2);
const out = new URL('../test/unit/connect/fixtures/connect.json', import.meta.url);
const answers = {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `label` tells apart two answers to the same request (before and after a change). */
async function call(method, path, body, label = '') {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const answer = { status: res.status, body: text ? JSON.parse(text) : null };
  answers[`${method} ${path}${label ? ` (${label})` : ''}`] = answer;
  console.log(method, path, res.status);
  return answer;
}

async function until(what, test) {
  for (let i = 0; i < 120; i++) {
    if (await test()) return;
    await sleep(500);
  }
  throw new Error(`${what}: not within a minute`);
}

const stateOf = async (name) => (await (await fetch(`${url}/connectors/${name}/status`)).json()).tasks?.[0]?.state;

mkdirSync(dir, { recursive: true });
const lines = join(dir, 'lines.txt');
writeFileSync(lines, 'first line\nsecond line\nthird line\n');
execFileSync('kcat', ['-b', bootstrap, '-P', '-t', 'fixture.sink-in'], { input: 'a\nb\n' });

await call('GET', '/');
await call('GET', '/connector-plugins');
await call('PUT', '/connector-plugins/FileStreamSourceConnector/config/validate', {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
  name: 'fixture-invalid',
  file: lines,
  'tasks.max': 'zero',
});
const source = { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', file: lines, topic: 'fixture.lines', 'tasks.max': '1' };
await call('POST', '/connectors', { name: 'fixture-source', config: source });
await call('POST', '/connectors', { name: 'fixture-source', config: source }, 'taken');
await call('PUT', '/connectors/fixture-sink/config', {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  file: join(dir, 'sink.txt'),
  topics: 'fixture.sink-in',
  'tasks.max': '1',
});
await call('PUT', '/connectors/fixture-broken/config', {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  file: join(dir, 'no-such-folder', 'sink.txt'),
  topics: 'fixture.sink-in',
  'tasks.max': '1',
});
await until(
  'the source and sink run, the broken sink fails',
  async () =>
    (await stateOf('fixture-source')) === 'RUNNING' && (await stateOf('fixture-sink')) === 'RUNNING' && (await stateOf('fixture-broken')) === 'FAILED',
);
await sleep(6000); // one offset flush (offset.flush.interval.ms 5000): the source's position is in its offsets
await call('GET', '/connectors?expand=status&expand=info');
await call('GET', '/connectors/fixture-source/status');
await call('GET', '/connectors/no-such-connector');
await call('PUT', '/connectors/fixture-sink/pause');
await call('PUT', '/connectors/fixture-sink/resume');
await call('POST', '/connectors/fixture-broken/restart?includeTasks=true&onlyFailed=true');
await call('POST', '/connectors/fixture-sink/restart?includeTasks=false&onlyFailed=false');
await call('PATCH', '/connectors/fixture-source/offsets', { offsets: [{ partition: { filename: lines }, offset: { position: 0 } }] }, 'running');
await call('PUT', '/connectors/fixture-source/stop');
await until('the source is stopped', async () => (await (await fetch(`${url}/connectors/fixture-source/status`)).json()).connector.state === 'STOPPED');
await call('GET', '/connectors/fixture-source/offsets');
await call('PATCH', '/connectors/fixture-source/offsets', { offsets: [{ partition: { filename: lines }, offset: { position: 11 } }] });
await call('GET', '/connectors/fixture-source/offsets', undefined, 'altered');
await call('DELETE', '/connectors/fixture-source/offsets');
await call('GET', '/connectors/fixture-source/offsets', undefined, 'reset');
await call('DELETE', '/connectors/fixture-broken');

const info = answers['GET /'].body;
writeFileSync(
  out,
  `${JSON.stringify({ recordedWith: `Kafka Connect ${info.version} (${info.commit}) on ${new Date().toISOString().slice(0, 10)}`, answers }, null, 2)}\n`,
);
console.log(`wrote ${out.pathname}`);
