// `streamdesk search` piped into a slow reader prints every match exactly once. The built CLI
// runs as a user runs it (`bin/streamdesk.js search …`, which runs out/main/search-cli.js) with its
// stdout a pipe that fills up; kcat counts the matches independently.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { recordPorts } from '@main/services/stack/recorded-ports';

const TOPIC = 'it.search-pipe';
const RECORDS = 200_000;
/** Every fourth record matches. */
const MATCHES = RECORDS / 4;
const CLI = path.resolve('bin/streamdesk.js');

// the shared stack: this file adds no JVM
const stack = inject('sharedStack');

/** One JSON record a line; `hit` is true on every fourth, padded so the output is megabytes. */
function records(): string {
  return Array.from({ length: RECORDS }, (_, n) => JSON.stringify({ n, hit: n % 4 === 0, pad: 'x'.repeat(40) })).join('\n') + '\n';
}

/**
 * The CLI with its stdout a pipe nobody reads until the search has reported its end on stderr and
 * then either exited or waited a second: its matches are then queued in the pipe and in Node's
 * stream, as when the reader is slow (`| (sleep 2; wc -l)`). Correct output never depends on the wait.
 */
function searchThroughSlowReader(flags: string[], env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [CLI, 'search', TOPIC, ...flags], env ? { env } : {});
  const chunks: Buffer[] = [];
  let stderr = '';
  let reading = false;
  let ended = false;
  // a 'readable' listener, not 'data': the pipe fills while nobody reads, and Node does not
  // throw away what is left in it when the child exits (as it does for an unwatched stdout)
  const take = () => {
    for (let chunk: Buffer | null; reading && (chunk = child.stdout.read() as Buffer | null) !== null;) chunks.push(chunk);
  };
  child.stdout.on('readable', take);
  const read = () => {
    reading = true;
    take();
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (ended || !stderr.includes('records/s (')) return;
    ended = true;
    void Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1000))]).then(read);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ stdout: Buffer.concat(chunks).toString(), stderr, code })));
}

/** Each printed match's partition and offset (the first two columns, or the JSON fields). */
function positions(stdout: string, json: boolean): string[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((text) => {
      if (!json) return text.split('\t').slice(0, 2).join('/');
      const record = JSON.parse(text) as { partition: number; offset: string | number };
      return `${record.partition}/${record.offset}`;
    });
}

beforeAll(async () => {
  expect(existsSync('out/main/search-cli.js'), 'out/main/search-cli.js is missing: run `npm run build`').toBe(true);
  const admin = kafkaClient({ brokers: [stack.bootstrap] }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 4 }], waitForLeaders: true });
  await admin.disconnect();
  execFileSync('kcat', ['-b', stack.bootstrap, '-P', '-t', TOPIC], { input: records(), maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
}, 300_000);

describe('streamdesk search into a slow pipe', () => {
  it('kcat sees the records and matches the test wrote', () => {
    const all = execFileSync('kcat', ['-b', stack.bootstrap, '-C', '-t', TOPIC, '-e', '-q', '-f', '%s\n'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
    });
    const lines = all.split('\n').filter(Boolean);
    expect(lines).toHaveLength(RECORDS);
    expect(lines.filter((text) => text.includes('"hit":true'))).toHaveLength(MATCHES);
  });

  it.each([
    { name: 'lines', json: false },
    { name: 'JSON Lines', json: true },
  ])(
    'prints every match exactly once as $name, with a --limit above the match count',
    async ({ json }) => {
      const { stdout, stderr, code } = await searchThroughSlowReader([
        '--kafka',
        stack.bootstrap,
        '--filter',
        'value.hit == true',
        '--limit',
        String(MATCHES + 1),
        ...(json ? ['--json'] : []),
      ]);
      const printed = positions(stdout, json);
      expect(stderr).toContain(`${MATCHES} matched`);
      expect(stderr).toContain('(complete)');
      expect(printed).toHaveLength(MATCHES);
      expect(new Set(printed).size).toBe(MATCHES);
      expect(code).toBe(0);
    },
    180_000,
  );

  it('prints exactly --limit matches when the limit is below the match count', async () => {
    const limit = 20_000;
    const { stdout, stderr } = await searchThroughSlowReader(['--kafka', stack.bootstrap, '--filter', 'value.hit == true', '--limit', String(limit)]);
    const printed = positions(stdout, false);
    expect(stderr).toContain(`stopped at --limit ${limit}`);
    expect(printed).toHaveLength(limit);
    expect(new Set(printed).size).toBe(limit);
  }, 180_000);

  it('finds the local stack on the Kafka port its data dir recorded, without --kafka', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'streamdesk-search-ports-'));
    recordPorts(dataDir, { kafka: stack.ports.kafka });
    // a fresh config dir: the built-in profile, which is the local stack
    const configDir = mkdtempSync(path.join(tmpdir(), 'streamdesk-search-config-'));
    const env: NodeJS.ProcessEnv = { ...process.env, STREAMDESK_CONFIG_DIR: configDir };
    delete env.STREAMDESK_KAFKA;
    const { stdout, stderr, code } = await searchThroughSlowReader(['--data-dir', dataDir, '--filter', 'value.hit == true', '--limit', '10'], env);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
    expect(stderr).toContain('stopped at --limit 10');
    expect(positions(stdout, false)).toHaveLength(10);
    expect(code).toBe(0);
  }, 180_000);
});
