// The on-cluster search against the real stack (Kafka, Flink 1.18 and its SQL Gateway): 1,000,000
// records written by kcat (an independent client), searched locally and on the cluster with several
// filters; the two must return the same records in the same order per partition. Cancel is checked
// on Flink's REST API. It uses the shared stack's Flink (two slots): one search at a time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MessageRecord, SearchArgs, SearchFilter, SearchProgress } from '@shared/messages';
import { SearchArgs as SearchArgsSchema } from '@shared/messages';
import { CreateTopicArgs } from '@shared/topics';
import { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { SearchService } from '@main/services/messages/search-service';
import { TopicsService } from '@main/services/topics/topics-service';
import { cancelAllJobs, waitFor } from './flink-support';

const shared = inject('sharedStack');
const target = () => ({ brokers: [shared.bootstrap] });
const TOPIC = `cluster-search-${Math.random().toString(36).slice(2, 8)}`;
const RECORDS = 1_000_000;
const GARAGES = ['Kyrre', 'Nordre', 'Sentrum', 'Havna', 'Lade', 'Moholt'];
const tmp = mkdtempSync(join(tmpdir(), 'streamdesk-cluster-search-'));

const flink = new FlinkRestClient({ fetch, baseUrl: shared.flinkUrl });
const search = new SearchService(target, {
  cluster: { gateway: () => new SqlGatewayClient({ fetch, baseUrl: shared.sqlGatewayUrl }), flink: () => flink, bootstrap: () => shared.bootstrap },
});

/** The i-th record's value: numbers, strings (some non-ASCII), nulls and missing fields, and some text that is not JSON. */
function valueOf(i: number): string {
  if (i % 997 === 0) return `plain text ${i} ÆRØ needle`;
  const value: Record<string, unknown> = { id: i, garage: GARAGES[i % 6], free: (i * 7919) % 500, tag: i % 1000 === 0 ? 'needle' : 'hay' };
  if (i % 7 === 0) value.name = `ÆRØ-${i}`;
  else value.name = `aero-${i}`;
  if (i % 5 === 0) value.opt = null;
  else if (i % 5 === 1) value.opt = '';
  else if (i % 5 === 2) value.opt = String(i % 3);
  else value.opt = i % 3;
  return JSON.stringify(value);
}

/** The records as kcat lines `key|value`, written by kcat (timestamps: the producer's clock). */
function writeRecords(): void {
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) lines.push(`key-${i % 1000}|${valueOf(i)}`);
  const file = join(tmp, 'records.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  execFileSync('kcat', ['-b', shared.bootstrap, '-P', '-t', TOPIC, '-K', '|', '-l', file], { stdio: 'inherit', timeout: 600_000 });
}

interface Outcome {
  records: MessageRecord[];
  final: SearchProgress;
  progress: SearchProgress[];
}

async function run(filter: SearchFilter, where: 'local' | 'cluster', extra: Partial<SearchArgs> = {}): Promise<Outcome> {
  const records: MessageRecord[] = [];
  const progress: SearchProgress[] = [];
  const args = SearchArgsSchema.parse({ topic: TOPIC, filter, where, maxMatches: 10_000_000, ...extra });
  const running = await search.start(args, { progress: (event) => progress.push(event), matches: (event) => records.push(...event.records) });
  const final = await running.finished;
  return { records, final, progress };
}

/** Offsets per partition, in the order they arrived. */
function byPartition(records: MessageRecord[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const record of records) {
    const list = out.get(record.partition) ?? [];
    list.push(record.offset);
    out.set(record.partition, list);
  }
  return new Map([...out].sort(([a], [b]) => a - b));
}

async function expectSame(filter: SearchFilter): Promise<number> {
  const local = await run(filter, 'local');
  const cluster = await run(filter, 'cluster');
  expect(local.final.error).toBeNull();
  expect(cluster.final.error).toBeNull();
  expect(cluster.final.done).toBe(true);
  // both read the same ranges: every record, or from the first offset at `fromMs` on (the local search starts there too)
  expect(cluster.final.scanned).toBe(local.final.scanned);
  if (filter.fromMs === undefined) expect(local.final.scanned).toBe(RECORDS);
  else expect(local.final.scanned).toBeLessThan(RECORDS);
  expect(cluster.final.matched).toBe(local.final.matched);
  // same set and the same order per partition (the cluster's order as it arrived, never sorted here)
  expect(byPartition(cluster.records)).toEqual(byPartition(local.records));
  const localByRef = new Map(local.records.map((r) => [`${r.partition}:${r.offset}`, r]));
  for (const record of cluster.records.slice(0, 2000)) {
    const twin = localByRef.get(`${record.partition}:${record.offset}`)!;
    expect({ key: record.key, value: record.value, valueFormat: record.valueFormat, timestamp: record.timestamp }).toEqual({
      key: twin.key,
      value: twin.value,
      valueFormat: twin.valueFormat,
      timestamp: twin.timestamp,
    });
  }
  return local.final.matched;
}

let middleMs = 0;

beforeAll(async () => {
  await new TopicsService(target).create(
    CreateTopicArgs.parse({ name: TOPIC, partitions: 3, replicationFactor: 1, retentionHours: null, cleanupPolicy: 'delete' }),
  );
  writeRecords();
  // kcat's own count, independent of StreamDesk
  const ends = execFileSync('kcat', ['-b', shared.bootstrap, '-Q', '-t', `${TOPIC}:0:-1`, '-t', `${TOPIC}:1:-1`, '-t', `${TOPIC}:2:-1`], { encoding: 'utf8' });
  expect(
    ends
      .match(/offset (\d+)/g)!
      .map((m) => Number(m.split(' ')[1]))
      .reduce((a, b) => a + b, 0),
  ).toBe(RECORDS);
  const sample = await run({ value: { mode: 'contains', pattern: 'id":500000,' } }, 'local');
  middleMs = sample.records[0].timestamp;
  await cancelAllJobs(flink);
}, 900_000);

afterAll(async () => {
  await cancelAllJobs(flink).catch(() => undefined);
  await search.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('on-cluster search returns exactly what the local search returns', () => {
  it('contains, case-sensitive, on the value', async () => {
    expect(await expectSame({ value: { mode: 'contains', pattern: 'needle' } })).toBeGreaterThan(1000);
  }, 900_000);

  it('contains ignoring case (non-ASCII letters), with a key filter', async () => {
    expect(await expectSame({ value: { mode: 'contains', pattern: 'ærø-1', ignoreCase: true }, key: { mode: 'contains', pattern: 'key-1' } })).toBeGreaterThan(
      100,
    );
  }, 900_000);

  it('a regular expression with the constructs that differ between Java and JavaScript', async () => {
    expect(await expectSame({ value: { mode: 'regex', pattern: '^plain text \\d+ .R. needle$|"id":12\\d{3}\\b' } })).toBeGreaterThan(100);
  }, 900_000);

  it('an expression with && || !, numbers, strings, null and "" against missing fields and text values', async () => {
    const matched = await expectSame({
      expression:
        '(value.garage == "Kyrre" && value.free < 50) || (value.opt == null && value.name >= "ÆRØ-9") || (value.opt == 1 && !value.opt == false && value.tag != "hay")',
    });
    expect(matched).toBeGreaterThan(1000);
    expect(await expectSame({ expression: 'value.opt && value.id > 999000' })).toBeGreaterThan(100);
  }, 900_000);

  it('time bounds and a regex on the key ignoring case', async () => {
    expect(await expectSame({ fromMs: middleMs, toMs: middleMs + 2000, key: { mode: 'regex', pattern: 'KEY-9\\d', ignoreCase: true } })).toBeGreaterThan(0);
  }, 900_000);

  it('refuses headers, naming the field, before anything runs', async () => {
    await expect(run({ headers: { match: { mode: 'contains', pattern: 'x' } } }, 'cluster')).rejects.toThrow(/filter\.headers.*run this search locally/);
  });

  it('cancel stops the Flink job (checked on Flink’s REST API)', async () => {
    const args = SearchArgsSchema.parse({ topic: TOPIC, filter: { value: { mode: 'regex', pattern: '(a|b|c)+x' } }, where: 'cluster' });
    const progress: SearchProgress[] = [];
    const running = await search.start(args, { progress: (event) => progress.push(event), matches: () => undefined });
    const jobId = await waitFor(() => Promise.resolve(progress.find((event) => event.cluster?.jobId)?.cluster?.jobId), 120_000, 'the search job');
    await waitFor(async () => (await flink.job(jobId)).state === 'RUNNING', 120_000, 'the job running');
    search.cancel(running.searchId);
    const final = await running.finished;
    expect(final.cancelled).toBe(true);
    await waitFor(async () => (await flink.job(jobId)).state === 'CANCELED', 60_000, 'the job cancelled on Flink');
  }, 300_000);
});
