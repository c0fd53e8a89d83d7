import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BrowseArgs, SearchArgs, type MessageRecord, type SearchMatches, type SearchProgress } from '@shared/messages';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { MessagesService } from '@main/services/messages/messages-service';
import { SearchService } from '@main/services/messages/search-service';
import { kcatCommand, toCsv, toJsonLines } from '@main/services/messages/export';
import { ReplayService } from '@main/services/messages/replay-service';
import { ReplayArgs, TailPollArgs, type ReplayProgress } from '@shared/messages';
import { exportFile } from '@shared/message-export';

const shared = inject('sharedStack');
const target = { brokers: [shared.bootstrap] };
const TOPIC = 'it.msg.browse';
const BIG = 'it.msg.big';
const REPLAY = 'it.msg.replay';
const COPY = 'it.msg.kcat-copy';
const TAIL = 'it.msg.tail';
const EXPORT = 'it.msg.export';
const EXPORT_COPY = 'it.msg.export-kcat';
// Recent: records older than the broker's retention (7 days) may be deleted while the suite runs.
const BASE = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
const GARAGES = ['Kyrre', 'Nordre', 'Sentrum'];
const HTML = '<img src=x onerror="alert(1)"><script>alert("xss")</script>';

interface Produced {
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

const produced: Produced[] = [];

async function produceFixture(admin: Admin): Promise<void> {
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }], waitForLeaders: true });
  const producer = kafkaClient(target).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const planned: Omit<Produced, 'offset'>[] = [];
  for (let partition = 0; partition < 3; partition++) {
    for (let i = 0; i < 10; i++) {
      planned.push({
        partition,
        timestamp: BASE + i * 1000 + partition,
        key: `k-${partition}-${i}`,
        value: Buffer.from(JSON.stringify({ garage: GARAGES[i % 3], free: i, partition, nested: { list: [i, i * 2] } })),
        headers: { src: 'it', i: String(i) },
      });
    }
  }
  planned.push({ partition: 0, timestamp: BASE + 20_000, key: 'html', value: Buffer.from(HTML), headers: {} });
  planned.push({ partition: 0, timestamp: BASE + 21_000, key: 'bin', value: Buffer.from([0, 1, 2, 255]), headers: { kind: 'binary' } });
  planned.push({ partition: 0, timestamp: BASE + 22_000, key: 'gone', value: null, headers: {} });
  planned.push({ partition: 0, timestamp: BASE + 23_000, key: null, value: Buffer.from('plain text, no key'), headers: {} });
  const offsets = [0, 0, 0];
  for (const record of planned) {
    await producer.send({
      topic: TOPIC,
      acks: -1,
      messages: [{ partition: record.partition, key: record.key, value: record.value, timestamp: String(record.timestamp), headers: record.headers }],
    });
    produced.push({ ...record, offset: offsets[record.partition]++ });
  }
  await producer.disconnect();
}

function sortKey(record: { timestamp: number; partition: number; offset: number }): string {
  return `${record.timestamp}/${record.partition}/${String(record.offset).padStart(6, '0')}`;
}

function expectSame(records: MessageRecord[], expected: Produced[]): void {
  expect(records.map((record) => [record.partition, record.offset])).toEqual(
    [...expected]
      .sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset)
      .map((record) => [record.partition, record.offset]),
  );
  for (const record of records) {
    const source = expected.find((candidate) => candidate.partition === record.partition && candidate.offset === record.offset)!;
    expect(record.key).toBe(source.key);
    expect(record.timestamp).toBe(source.timestamp);
    expect(Object.fromEntries(record.headers.map((header) => [header.key, header.value]))).toEqual(source.headers);
    if (source.value === null) expect(record.valueFormat).toBe('null');
    else if (record.valueFormat === 'binary') expect(record.value).toBe(source.value.toString('hex'));
    else expect(record.value).toBe(source.value.toString('utf8'));
  }
}

async function search(
  service: SearchService,
  args: Partial<SearchArgs>,
): Promise<{ matches: MessageRecord[]; progress: SearchProgress[]; final: SearchProgress }> {
  const matches: MessageRecord[] = [];
  const progress: SearchProgress[] = [];
  const running = await service.start(SearchArgs.parse({ topic: TOPIC, ...args }), {
    progress: (event) => progress.push(event),
    matches: (event: SearchMatches) => matches.push(...event.records),
  });
  const final = await running.finished;
  return { matches, progress, final };
}

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  expect(field).toBe('');
  return rows;
}

/** Records whose text is hard to carry: unicode, CSV and shell metacharacters, line breaks, quotes. */
const HOSTILE: { partition: number; key: string | null; value: string; headers: Record<string, string> }[] = [
  {
    partition: 0,
    key: 'ключ-😀',
    value: JSON.stringify({ city: 'Tromsø', note: 'a, "b"\nc', emoji: '🚗' }),
    headers: { 'trace-id': 'it\'s "quoted"', lang: 'nb-NO' },
  },
  { partition: 1, key: "k,'1'", value: 'line 1\nline 2, with "quotes", 50% \\ done $(id) `id`\r\nend', headers: { 'x,y': 'a=b; c' } },
  { partition: 2, key: null, value: 'no key, 日本語', headers: {} },
  { partition: 0, key: 'empty-value', value: '', headers: { empty: '' } },
];

describe('messages on a real broker', () => {
  const messages = new MessagesService(() => target);
  const searches = new SearchService(() => target, { workers: 2 });
  let admin: Admin;

  beforeAll(async () => {
    admin = kafkaClient(target).admin();
    await admin.connect();
    await produceFixture(admin);
  });
  afterAll(async () => {
    await searches.close();
    await admin.deleteTopics({ topics: [TOPIC, BIG, REPLAY, COPY, TAIL, EXPORT, EXPORT_COPY] }).catch(() => {});
    await admin.disconnect();
  });

  it('browses from the beginning: every record, in timestamp order, with keys, headers and values', async () => {
    const result = await messages.browse(BrowseArgs.parse({ topic: TOPIC, from: { kind: 'beginning' }, limit: 1000 }));
    expectSame(result.records, produced);
    expect(result.hasMore).toBe(false);
    expect(result.partitions.map((window) => [window.partition, window.logStart, window.logEnd])).toEqual([
      [0, 0, 14],
      [1, 0, 10],
      [2, 0, 10],
    ]);
  });

  it('browses the last N per partition, an offset, a timestamp, one partition, and cuts at the limit', async () => {
    const last2 = await messages.browse(BrowseArgs.parse({ topic: TOPIC, from: { kind: 'end', count: 2 }, limit: 100 }));
    expectSame(
      last2.records,
      produced.filter((record) => record.offset >= (record.partition === 0 ? 12 : 8)),
    );

    const atOffset = await messages.browse(BrowseArgs.parse({ topic: TOPIC, partition: 1, from: { kind: 'offset', offset: 5 }, limit: 100 }));
    expectSame(
      atOffset.records,
      produced.filter((record) => record.partition === 1 && record.offset >= 5),
    );

    const atTime = await messages.browse(BrowseArgs.parse({ topic: TOPIC, from: { kind: 'timestamp', ms: BASE + 7000 }, limit: 100 }));
    expectSame(
      atTime.records,
      produced.filter((record) => record.timestamp >= BASE + 7000),
    );

    const first4 = await messages.browse(BrowseArgs.parse({ topic: TOPIC, from: { kind: 'beginning' }, limit: 4 }));
    expectSame(first4.records, [...produced].sort((a, b) => a.timestamp - b.timestamp).slice(0, 4));
    expect(first4.hasMore).toBe(true);

    const newest3 = await messages.browse(BrowseArgs.parse({ topic: TOPIC, from: { kind: 'end', count: 100 }, limit: 3 }));
    expectSame(
      newest3.records,
      produced.filter((record) => record.timestamp >= BASE + 21_000),
    );

    const pastEnd = await messages.browse(BrowseArgs.parse({ topic: TOPIC, partition: 2, from: { kind: 'offset', offset: 99 }, limit: 10 }));
    expect(pastEnd.records).toEqual([]);
  });

  it('keeps HTML as inert text, shows bytes as hex, a tombstone as null and a missing key as null', async () => {
    const result = await messages.browse(BrowseArgs.parse({ topic: TOPIC, partition: 0, from: { kind: 'offset', offset: 10 }, limit: 10 }));
    expect(result.records.map((record) => [record.key, record.valueFormat, record.value])).toEqual([
      ['html', 'text', HTML],
      ['bin', 'binary', '000102ff'],
      ['gone', 'null', null],
      [null, 'text', 'plain text, no key'],
    ]);
    const json = await messages.browse(BrowseArgs.parse({ topic: TOPIC, partition: 0, from: { kind: 'offset', offset: 0 }, limit: 1 }));
    expect(json.records[0].valueFormat).toBe('json');
  });

  it('rejects a partition the topic does not have, and a topic that does not exist', async () => {
    await expect(messages.browse(BrowseArgs.parse({ topic: TOPIC, partition: 7, from: { kind: 'beginning' } }))).rejects.toThrow(
      /partition: .* has partitions 0–2/,
    );
    await expect(messages.browse(BrowseArgs.parse({ topic: 'it.msg.nope', from: { kind: 'beginning' } }))).rejects.toThrow(/does not exist/);
  });

  it('tails records written after it started, and stops', async () => {
    const seen: MessageRecord[] = [];
    const tail = await messages.tail({ topic: TOPIC, partition: null }, (records) => seen.push(...records), { maxWaitMs: 200 });
    const producer = kafkaClient(target).producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: [1, 2, 3].map((n) => ({ partition: n % 3, key: `tail-${n}`, value: `v${n}` })) });
    await producer.disconnect();
    const deadline = Date.now() + 10_000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await tail.stop();
    expect(seen.map((record) => record.key).sort()).toEqual(['tail-1', 'tail-2', 'tail-3']);
    // remove them from the fixture's view: later tests count exact records
    for (const record of seen)
      produced.push({
        partition: record.partition,
        offset: record.offset,
        timestamp: record.timestamp,
        key: record.key,
        value: Buffer.from(record.value!),
        headers: {},
      });
  });

  it('searches with a field-path expression, contains, regex, headers and time bounds: exactly the matching records', async () => {
    const json = (record: Produced) =>
      record.value && record.value[0] === 0x7b ? (JSON.parse(record.value.toString()) as { garage: string; free: number; nested: { list: number[] } }) : null;
    const byExpression = await search(searches, { filter: { expression: 'value.garage == "Kyrre" && value.free < 5' } });
    expectSame(
      byExpression.matches.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      produced.filter((record) => json(record)?.garage === 'Kyrre' && json(record)!.free < 5),
    );
    expect(byExpression.final).toMatchObject({
      done: true,
      cancelled: false,
      scanned: produced.length,
      total: produced.length,
      partitionsDone: 3,
      matched: byExpression.matches.length,
    });

    const nested = await search(searches, { filter: { expression: '(value.nested.list[1] >= 10 || key == "bin") && !(value.partition == 2)' } });
    expect(nested.matches.map((record) => record.key).sort()).toEqual([
      'bin',
      'k-0-5',
      'k-0-6',
      'k-0-7',
      'k-0-8',
      'k-0-9',
      'k-1-5',
      'k-1-6',
      'k-1-7',
      'k-1-8',
      'k-1-9',
    ]);

    const script = await search(searches, { filter: { value: { mode: 'contains', pattern: '<script>' } } });
    expect(script.matches.map((record) => record.value)).toEqual([HTML]);

    const keyRegex = await search(searches, { filter: { key: { mode: 'regex', pattern: '^K-1-[0-4]$', ignoreCase: true } } });
    expect(keyRegex.matches.map((record) => record.key).sort()).toEqual(['k-1-0', 'k-1-1', 'k-1-2', 'k-1-3', 'k-1-4']);

    const header = await search(searches, { filter: { headers: { name: 'i', match: { mode: 'regex', pattern: '^[89]$' } } } });
    expect(header.matches).toHaveLength(6);

    const window = await search(searches, { filter: { fromMs: BASE + 3000, toMs: BASE + 5000 } });
    expectSame(
      window.matches.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      produced.filter((record) => record.timestamp >= BASE + 3000 && record.timestamp < BASE + 5000),
    );

    const bounded = await search(searches, { from: { kind: 'end', count: 3 }, filter: {} });
    expect(bounded.final.scanned).toBe(9);
    expect(bounded.matches).toHaveLength(9);

    const limited = await search(searches, { filter: {}, maxMatches: 5 });
    expect(limited.matches).toHaveLength(5);
    expect(limited.final.stoppedAtLimit).toBe(true);
  });

  it('rejects a bad expression before reading anything', async () => {
    await expect(
      searches.start(SearchArgs.parse({ topic: TOPIC, filter: { expression: 'value.a == ' } }), { progress: () => {}, matches: () => {} }),
    ).rejects.toThrow(/expression: .* at character/);
  });

  it('scans a large topic in parallel with honest progress, and can be cancelled', async () => {
    await admin.createTopics({ topics: [{ topic: BIG, numPartitions: 6 }], waitForLeaders: true });
    const dir = mkdtempSync(path.join(tmpdir(), 'streamdesk-msg-'));
    const file = path.join(dir, 'records.txt');
    const lines: string[] = [];
    for (let i = 0; i < 120_000; i++)
      lines.push(`k${i % 500}|${JSON.stringify({ id: i, garage: GARAGES[i % 3], free: i % 50, tag: i % 1000 === 0 ? 'needle' : 'hay' })}`);
    writeFileSync(file, lines.join('\n') + '\n');
    execFileSync('kcat', ['-b', shared.bootstrap, '-P', '-t', BIG, '-K', '|', '-l', file], { timeout: 120_000 });

    const full = await search(searches, { topic: BIG, filter: { value: { mode: 'contains', pattern: 'needle' } } });
    expect(full.final).toMatchObject({ done: true, scanned: 120_000, total: 120_000, matched: 120, partitionsDone: 6 });
    expect(new Set(full.matches.map((record) => (JSON.parse(record.value!) as { id: number }).id)).size).toBe(120);
    // progress never runs backwards and is rate limited
    const scannedSeries = full.progress.map((event) => event.scanned);
    expect([...scannedSeries].sort((a, b) => a - b)).toEqual(scannedSeries);

    const expression = await search(searches, { topic: BIG, filter: { expression: 'value.garage == "Kyrre" && value.free < 10' } });
    expect(expression.final.matched).toBe(lines.filter((_, i) => i % 3 === 0 && i % 50 < 10).length);

    let searchId = '';
    const progress: SearchProgress[] = [];
    const running = await searches.start(SearchArgs.parse({ topic: BIG, filter: { value: { mode: 'regex', pattern: 'needle' } } }), {
      progress: (event) => progress.push(event),
      matches: () => {},
    });
    searchId = running.searchId;
    expect(searches.cancel(searchId)).toBe(true);
    const final = await running.finished;
    expect(final.cancelled).toBe(true);
    expect(final.done).toBe(true);
    expect(final.scanned).toBeLessThanOrEqual(120_000);
  });

  it('exports exactly what was read as JSON Lines and CSV', async () => {
    const result = await messages.browse(BrowseArgs.parse({ topic: TOPIC, partition: 1, from: { kind: 'beginning' }, limit: 100 }));
    const lines = toJsonLines(result.records).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as MessageRecord)).toEqual(result.records);
    const fromKafka = produced.filter((record) => record.partition === 1);
    expect(lines.map((line) => (JSON.parse(line) as MessageRecord).value)).toEqual(fromKafka.map((record) => record.value!.toString()));
    const csv = toCsv(result.records).trimEnd().split('\r\n');
    expect(csv[0]).toBe('partition,offset,timestamp,key,headers,value_format,value,key_schema_id,value_schema_id,decode_reason');
    expect(csv).toHaveLength(fromKafka.length + 1);
    expect(csv[1]).toContain('"{""garage"":""Kyrre""');
  });

  it('a record copied as a kcat command produces the same key, value, headers and partition', async () => {
    await admin.createTopics({ topics: [{ topic: COPY, numPartitions: 3 }], waitForLeaders: true });
    const source = await messages.browse(BrowseArgs.parse({ topic: TOPIC, partition: 0, from: { kind: 'offset', offset: 9 }, limit: 4 }));
    for (const record of source.records) execFileSync('sh', ['-c', kcatCommand(record, COPY, [shared.bootstrap])], { timeout: 30_000 });
    const copied = await messages.browse(BrowseArgs.parse({ topic: COPY, partition: 0, from: { kind: 'beginning' }, limit: 10 }));
    const shape = (record: MessageRecord) => [record.key, record.keyEncoding, record.value, record.valueFormat, record.headers];
    expect(copied.records.map(shape)).toEqual(source.records.map(shape));
  });

  it('tails by polling: positions at the end first, then exactly the new records, none skipped under a small limit', async () => {
    await admin.createTopics({ topics: [{ topic: TAIL, numPartitions: 3 }], waitForLeaders: true });
    const start = await messages.tailPoll(TailPollArgs.parse({ topic: TAIL }));
    expect(start).toEqual({ records: [], positions: [0, 1, 2].map((partition) => ({ partition, offset: 0 })) });
    const producer = kafkaClient(target).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: TAIL,
      acks: -1,
      messages: Array.from({ length: 10 }, (_, i) => ({ partition: i < 7 ? 0 : 2, key: `t${i}`, value: `v${i}` })),
    });
    await producer.disconnect();
    // limit 4 over 3 partitions: at most 2 per partition per poll; the positions carry on from there.
    const seen: MessageRecord[] = [];
    let positions = start.positions;
    for (let poll = 0; poll < 20 && seen.length < 10; poll++) {
      const step = await messages.tailPoll(TailPollArgs.parse({ topic: TAIL, after: positions, maxWaitMs: 500, limit: 4 }));
      expect(step.records.length).toBeLessThanOrEqual(4);
      seen.push(...step.records);
      positions = step.positions;
    }
    expect(seen.map((record) => record.key).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`).sort());
    expect(seen.filter((record) => record.partition === 0).map((record) => record.offset)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(positions).toEqual([
      { partition: 0, offset: 7 },
      { partition: 1, offset: 0 },
      { partition: 2, offset: 3 },
    ]);
    const quiet = await messages.tailPoll(TailPollArgs.parse({ topic: TAIL, after: positions, maxWaitMs: 0 }));
    expect(quiet.records).toEqual([]);
    const onePartition = await messages.tailPoll(TailPollArgs.parse({ topic: TAIL, partition: 2 }));
    expect(onePartition.positions).toEqual([{ partition: 2, offset: 3 }]);
    await expect(messages.tailPoll(TailPollArgs.parse({ topic: TAIL, after: [{ partition: 5, offset: 0 }] }))).rejects.toThrow(
      /after: topic "it.msg.tail" has partitions 0–2, not 5/,
    );
    expect(() => TailPollArgs.parse({ topic: TAIL, maxWaitMs: 60_000 })).toThrow(/at most 10000/);
  });

  it('exported files hold exactly what was produced: keys, headers, unicode, commas, quotes and line breaks', async () => {
    await admin.createTopics({ topics: [{ topic: EXPORT, numPartitions: 3 }], waitForLeaders: true });
    const producer = kafkaClient(target).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const record of HOSTILE)
      await producer.send({
        topic: EXPORT,
        acks: -1,
        messages: [{ partition: record.partition, key: record.key, value: record.value, headers: record.headers }],
      });
    await producer.disconnect();
    const read = await messages.browse(BrowseArgs.parse({ topic: EXPORT, from: { kind: 'beginning' }, limit: 100 }));
    expect(read.records).toHaveLength(HOSTILE.length);
    const byKey = (key: string | null) => HOSTILE.find((record) => record.key === key)!;

    const jsonl = exportFile(EXPORT, read.records, 'jsonl');
    expect(jsonl.fileName).toBe('it.msg.export-4-records.jsonl');
    const lines = jsonl.text.split('\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) {
      const record = JSON.parse(line) as MessageRecord;
      const source = byKey(record.key);
      expect([record.partition, record.value, Object.fromEntries(record.headers.map((header) => [header.key, header.value]))]).toEqual([
        source.partition,
        source.value,
        source.headers,
      ]);
    }

    const csv = exportFile(EXPORT, read.records, 'csv');
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual([
      'partition',
      'offset',
      'timestamp',
      'key',
      'headers',
      'value_format',
      'value',
      'key_schema_id',
      'value_schema_id',
      'decode_reason',
    ]);
    expect(rows).toHaveLength(HOSTILE.length + 1);
    for (const [partition, offset, timestamp, key, headers, , value] of rows.slice(1)) {
      const source = byKey(key === '' ? null : key);
      const original = read.records.find((record) => record.partition === Number(partition) && record.offset === Number(offset))!;
      expect([Number(partition), Number(timestamp), value, headers === '' ? {} : JSON.parse(headers)]).toEqual([
        source.partition,
        original.timestamp,
        source.value,
        source.headers,
      ]);
    }
  });

  it('"copy as kcat" commands, run by a shell with real kcat, produce the same key, value bytes, headers and partition', async () => {
    await admin.createTopics({ topics: [{ topic: EXPORT_COPY, numPartitions: 3 }], waitForLeaders: true });
    const originals = await messages.browse(BrowseArgs.parse({ topic: EXPORT, from: { kind: 'beginning' }, limit: 100 }));
    for (const record of originals.records) {
      const { command, caveats } = await messages.kcatCommand({ topic: EXPORT, partition: record.partition, offset: record.offset });
      expect(caveats.join(' ')).toMatch(/timestamp/);
      execFileSync('sh', ['-c', command.replace(`-t '${EXPORT}'`, `-t '${EXPORT_COPY}'`)], { timeout: 30_000 });
    }
    const copies = await messages.browse(BrowseArgs.parse({ topic: EXPORT_COPY, from: { kind: 'beginning' }, limit: 100 }));
    const shape = (record: MessageRecord) =>
      JSON.stringify([record.partition, record.key, record.keyEncoding, record.value, record.valueFormat, record.headers]);
    expect(copies.records.map(shape).sort()).toEqual(originals.records.map(shape).sort());
    // And kcat, reading independently, sees the same bytes as the original's (a value with \r\n included).
    const independent = execFileSync('kcat', ['-b', shared.bootstrap, '-C', '-e', '-q', '-t', EXPORT_COPY, '-p', '1', '-f', '%k\u001f%s']).toString('utf8');
    expect(independent).toBe(`${HOSTILE[1].key}\u001f${HOSTILE[1].value}`);
    await expect(messages.kcatCommand({ topic: EXPORT, partition: 0, offset: 99 })).rejects.toThrow(/offset: it.msg.export\[0\] has no record at offset 99/);
  });

  it('replays a time range into another topic with keys, headers, timestamps, partitions and order', async () => {
    await admin.createTopics({ topics: [{ topic: REPLAY, numPartitions: 3 }], waitForLeaders: true });
    const events: { read: number; written: number }[] = [];
    const replay = new ReplayService(() => target, { progressIntervalMs: 0 });
    const result = await replay.replay(ReplayArgs.parse({ source: TOPIC, target: REPLAY, fromMs: BASE + 2000, toMs: BASE + 6000 }), (event) =>
      events.push(event),
    );
    const expected = produced.filter((record) => record.timestamp >= BASE + 2000 && record.timestamp < BASE + 6000);
    expect(result).toMatchObject({ done: true, error: null, written: expected.length });
    expect(events.at(-1)).toMatchObject({ written: expected.length });
    const copy = await messages.browse(BrowseArgs.parse({ topic: REPLAY, from: { kind: 'beginning' }, limit: 1000 }));
    const view = (record: { partition: number; timestamp: number; key: string | null; headers: Record<string, string> }) => [
      record.partition,
      record.timestamp,
      record.key,
      record.headers,
    ];
    expect(copy.records.map((record) => view({ ...record, headers: Object.fromEntries(record.headers.map((header) => [header.key, header.value!])) }))).toEqual(
      [...expected].sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition).map(view),
    );
    // order per partition: offsets in the copy follow the source's order
    for (const partition of [0, 1, 2]) {
      const keys = copy.records
        .filter((record) => record.partition === partition)
        .sort((a, b) => a.offset - b.offset)
        .map((record) => record.key);
      expect(keys).toEqual(expected.filter((record) => record.partition === partition).map((record) => record.key));
    }
    await expect(replay.replay(ReplayArgs.parse({ source: TOPIC, target: 'it.msg.absent', fromMs: 0, toMs: 1 }))).rejects.toThrow(
      /target: topic "it.msg.absent" does not exist/,
    );
  });

  it('a started replay answers its id at once and reports progress under it until done, or the failure', async () => {
    const replay = new ReplayService(() => target, { progressIntervalMs: 0 });
    const before = (await messages.browse(BrowseArgs.parse({ topic: REPLAY, from: { kind: 'beginning' }, limit: 1000 }))).records.length;
    const events: ReplayProgress[] = [];
    const started = replay.start(ReplayArgs.parse({ source: TOPIC, target: REPLAY, fromMs: BASE, toMs: BASE + 1000 }), (event) => events.push(event));
    expect(events).toEqual([]);
    const final = await started.finished;
    const expected = produced.filter((record) => record.timestamp >= BASE && record.timestamp < BASE + 1000).length;
    expect(expected).toBe(3);
    expect(final).toMatchObject({ replayId: started.replayId, done: true, error: null, written: expected });
    expect(events.every((event) => event.replayId === started.replayId)).toBe(true);
    expect(events.map((event) => event.written)).toEqual([...events.map((event) => event.written)].sort((x, y) => x - y));
    const after = (await messages.browse(BrowseArgs.parse({ topic: REPLAY, from: { kind: 'beginning' }, limit: 1000 }))).records.length;
    expect(after - before).toBe(expected);

    const failed = await replay.start(ReplayArgs.parse({ source: TOPIC, target: 'it.msg.absent', fromMs: 0, toMs: 1 }), () => {}).finished;
    expect(failed).toMatchObject({ done: true, error: 'target: topic "it.msg.absent" does not exist' });
  });
});
