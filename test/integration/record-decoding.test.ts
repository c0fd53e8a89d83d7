// Records written by independent encoders (avsc, protobufjs, JSON text; Confluent framing written
// here; schemas registered through the registry's own REST API) are decoded exactly by browse, tail,
// search, export and the CLI's search, against a real Apicurio Registry and a real Kafka. The
// registry is stopped mid-way (records raw with the reason) and started again (decoded again).
import { Writable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import avro from 'avsc';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowseArgs, SearchArgs, TailPollArgs, type DecodeSettings, type MessageRecord, type SearchProgress } from '@shared/messages';
import { StreamdeskError } from '@shared/errors';
import { toCsv, toJsonLines } from '@shared/message-export';
import { kafkaClient, type KafkaTarget } from '@main/clients/kafka/kafka-target';
import { registryOfCluster } from '@main/clients/schema-registry/registry-of-cluster';
import { runSearch } from '@main/cli-search';
import { DecodeService } from '@main/services/messages/decode-service';
import { AUTO_DECODE, DecodeSettingsStore } from '@main/services/messages/decode-settings-store';
import { MessagesService } from '@main/services/messages/messages-service';
import { SearchService } from '@main/services/messages/search-service';
import { startTestStack, type TestStack } from '@test/stack';

const AVRO_TOPIC = 'it.decode.avro';
const MIXED_TOPIC = 'it.decode.mixed';
const BARE_TOPIC = 'it.decode.bare';

const STATUS_AVRO = {
  type: 'record',
  name: 'Status',
  namespace: 'garage',
  fields: [
    { name: 'garage', type: 'string' },
    { name: 'free', type: 'int' },
    { name: 'updatedAt', type: 'long' },
    { name: 'state', type: { type: 'enum', name: 'State', symbols: ['OPEN', 'FULL', 'CLOSED'] } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};
const GARAGES = ['Kyrre', 'Nordre', 'Sentrum'];
const STATES = ['OPEN', 'FULL', 'CLOSED'];

const COMMON_PROTO = `syntax = "proto3";
package common;
message Money { int64 cents = 1; string currency = 2; }
`;
// Status is the second top-level message: its index list is [1]; Status.Spot's is [1, 0].
const GARAGE_PROTO = `syntax = "proto3";
package garage;
import "common.proto";
message Other { string ignored = 1; }
message Status {
  string garage = 1;
  Spot spot = 2;
  common.Money fee = 3;
  repeated string tags = 4;
  message Spot { int32 level = 1; string code = 2; }
}
`;
const CAR_JSON_SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { plate: { type: 'string' }, minutes: { type: 'integer' } },
  required: ['plate'],
});

let stack: TestStack;
let registryUrl: string;
let target: KafkaTarget;
let dataDir: string;
let decode: DecodeService;
let messages: MessagesService;
let searches: SearchService;
const ids: Record<string, number> = {};

/** A POST to the registry; a connection it drops (seen once right after its start on a loaded machine) is tried again. */
async function post(url: string, body: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body });
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function register(subject: string, schema: string, schemaType: 'AVRO' | 'PROTOBUF' | 'JSON', references: object[] = []): Promise<number> {
  const res = await post(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, JSON.stringify({ schema, schemaType, references }));
  const body = (await res.json()) as { id?: number };
  if (!res.ok || typeof body.id !== 'number') throw new Error(`register ${subject}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Confluent framing, written here: magic 0, the id big-endian, then (Protobuf) the message indexes. */
function framed(id: number, payload: Uint8Array, indexes: number[] | null = null): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(id, 1);
  const zigzag = (n: number) => (n << 1) ^ (n >> 31);
  const index = indexes === null ? [] : indexes.length === 1 && indexes[0] === 0 ? [0] : [zigzag(indexes.length), ...indexes.map(zigzag)];
  return Buffer.concat([head, Buffer.from(index), Buffer.from(payload)]);
}

function statusOf(i: number) {
  return { garage: GARAGES[i % 3], free: i, updatedAt: 1_700_000_000_000 + i, state: STATES[i % 3], note: i % 2 === 0 ? null : `note ${i}` };
}

/** The Avro union as avsc writes it with wrapped unions off: the branch's value itself. */
const avroType = avro.Type.forSchema(STATUS_AVRO as avro.Schema);

async function produce(topic: string, messagesToSend: { key?: Buffer | string | null; value: Buffer | null; headers?: Record<string, Buffer | string> }[]) {
  const producer = kafkaClient(target).producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: messagesToSend.map((m) => ({ partition: 0, key: m.key ?? null, value: m.value, headers: m.headers })) });
  await producer.disconnect();
}

async function searchAll(service: SearchService, topic: string, filter: SearchArgs['filter']) {
  const matches: MessageRecord[] = [];
  const running = await service.start(SearchArgs.parse({ topic, filter }), { progress: () => {}, matches: (event) => matches.push(...event.records) });
  const final: SearchProgress = await running.finished;
  return { matches: matches.sort((a, b) => a.offset - b.offset), final };
}

const decodedJson = (record: MessageRecord) => (record.valueDecoding?.status === 'decoded' ? (JSON.parse(record.valueDecoding.json) as unknown) : undefined);

beforeAll(async () => {
  stack = await startTestStack({ schemaRegistry: true });
  registryUrl = stack.schemaRegistryUrl!;
  target = { brokers: [stack.bootstrap] };
  dataDir = mkdtempSync(path.join(tmpdir(), 'streamdesk-decode-'));
  const registryTarget = () => ({ url: registryUrl });
  decode = new DecodeService(
    new DecodeSettingsStore(path.join(dataDir, 'decode-settings.json'), () => 'it'),
    registryOfCluster(registryTarget),
    registryTarget,
  );
  messages = new MessagesService(
    () => target,
    (topic) => decode.reader(topic),
  );
  searches = new SearchService(() => target, { decode: (topic) => decode.worker(topic), workers: 2 });

  ids.avro = await register('garages-value', JSON.stringify(STATUS_AVRO), 'AVRO');
  ids.common = await register('common.proto', COMMON_PROTO, 'PROTOBUF');
  ids.garage = await register('garage-proto-value', GARAGE_PROTO, 'PROTOBUF', [{ name: 'common.proto', subject: 'common.proto', version: 1 }]);
  ids.car = await register('cars-value', CAR_JSON_SCHEMA, 'JSON');

  const admin = kafkaClient(target).admin();
  await admin.connect();
  await admin.createTopics({ topics: [AVRO_TOPIC, MIXED_TOPIC, BARE_TOPIC].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
  await admin.disconnect();
  await produce(
    AVRO_TOPIC,
    Array.from({ length: 30 }, (_, i) => ({ key: `car-${i}`, value: framed(ids.avro, avroType.toBuffer(statusOf(i))) })),
  );
}, 300_000);

afterAll(async () => {
  await searches?.close();
  await stack?.stop();
});

describe('records decoded through the registry', () => {
  it('browse decodes Avro records exactly, with format, schema id, subject and version', async () => {
    const { records } = await messages.browse(BrowseArgs.parse({ topic: AVRO_TOPIC, from: { kind: 'beginning' }, limit: 100 }));
    expect(records).toHaveLength(30);
    for (const record of records) {
      expect(record.valueDecoding).toMatchObject({ status: 'decoded', format: 'avro', schemaId: ids.avro, subject: 'garages-value', version: 1 });
      expect(decodedJson(record)).toEqual(statusOf(record.offset));
      // the bytes as stored stay: hex of the framed record
      expect(record.value).toBe(framed(ids.avro, avroType.toBuffer(statusOf(record.offset))).toString('hex'));
      expect(record.keyDecoding).toBeUndefined();
    }
  });

  it('decodes Protobuf with an imported type, a nested type and non-zero message indexes, JSON Schema, and shows an unknown id raw with the reason', async () => {
    const root = new protobuf.Root();
    protobuf.parse(COMMON_PROTO, root, { keepCase: true });
    protobuf.parse(GARAGE_PROTO.replace('import "common.proto";', ''), root, { keepCase: true });
    const Status = root.lookupType('garage.Status');
    const Spot = root.lookupType('garage.Status.Spot');
    const status = { garage: 'Kyrre', spot: { level: 2, code: 'B7' }, fee: { cents: '9007199254740993', currency: 'NOK' }, tags: ['ev', 'roof'] };
    const spot = { level: -3, code: 'U1' };
    await produce(MIXED_TOPIC, [
      { key: 'status', value: framed(ids.garage, Status.encode(Status.fromObject(status)).finish(), [1]) },
      { key: 'spot', value: framed(ids.garage, Spot.encode(Spot.fromObject(spot)).finish(), [1, 0]) },
      { key: 'car', value: framed(ids.car, Buffer.from(JSON.stringify({ plate: 'EL 12345', minutes: 42 }))) },
      { key: 'unknown', value: framed(987_654, Buffer.from([1, 2, 3])) },
      { key: 'plain', value: Buffer.from('{"plain":true}') },
    ]);
    const { records } = await messages.browse(BrowseArgs.parse({ topic: MIXED_TOPIC, from: { kind: 'beginning' }, limit: 100 }));
    const byKey = new Map(records.map((record) => [record.key, record]));
    expect(byKey.get('status')!.valueDecoding).toMatchObject({ status: 'decoded', format: 'protobuf', schemaId: ids.garage, subject: 'garage-proto-value' });
    // int64 past 2^53 comes out exactly, as a decimal string
    expect(decodedJson(byKey.get('status')!)).toEqual(status);
    expect(decodedJson(byKey.get('spot')!)).toEqual(spot);
    expect(byKey.get('car')!.valueDecoding).toMatchObject({ status: 'decoded', format: 'json-schema', schemaId: ids.car, subject: 'cars-value' });
    expect(decodedJson(byKey.get('car')!)).toEqual({ plate: 'EL 12345', minutes: 42 });
    const unknown = byKey.get('unknown')!.valueDecoding;
    expect(unknown?.status).toBe('raw');
    expect(unknown?.status === 'raw' && unknown.reason).toMatch(/schema id 987654: .*(not found|404)/i);
    expect(byKey.get('plain')!.valueDecoding).toBeUndefined();
    expect(byKey.get('plain')!.value).toBe('{"plain":true}');
  });

  it('live tail decodes what is written after it starts', async () => {
    const start = await messages.tailPoll(TailPollArgs.parse({ topic: AVRO_TOPIC }));
    await produce(AVRO_TOPIC, [{ key: 'car-30', value: framed(ids.avro, avroType.toBuffer(statusOf(30))) }]);
    const next = await messages.tailPoll(TailPollArgs.parse({ topic: AVRO_TOPIC, after: start.positions, maxWaitMs: 5000 }));
    expect(next.records).toHaveLength(1);
    expect(decodedJson(next.records[0])).toEqual(statusOf(30));
  });

  it('search runs an expression on Avro fields, contains on decoded values, in the workers', async () => {
    const { matches, final } = await searchAll(searches, AVRO_TOPIC, { expression: 'value.garage == "Kyrre" && value.free >= 10' });
    expect(final.error).toBeNull();
    const expected = Array.from({ length: 31 }, (_, i) => i).filter((i) => GARAGES[i % 3] === 'Kyrre' && i >= 10);
    expect(matches.map((record) => record.offset)).toEqual(expected);
    for (const record of matches) expect(decodedJson(record)).toEqual(statusOf(record.offset));
    // an enum's symbol is not in the Avro bytes: the decoded value is searched, not the bytes
    const full = await searchAll(searches, AVRO_TOPIC, { expression: 'value.state == "FULL"' });
    expect(full.matches.map((record) => record.offset)).toEqual(Array.from({ length: 31 }, (_, i) => i).filter((i) => i % 3 === 1));
    const contains = await searchAll(searches, AVRO_TOPIC, { value: { mode: 'contains', pattern: '"note":"note 7"' } });
    expect(contains.matches.map((record) => record.offset)).toEqual([7]);
  });

  it('contains on Avro whose strings are raw in the bytes: the byte pre-check keeps exactly the records the decoded text holds', async () => {
    // no enum, bytes or fixed: the pre-check applies; field names, digits, quotes and JSON punctuation must still match as the decoded text does
    const schema = {
      type: 'record',
      name: 'Spot',
      namespace: 'it.raw',
      fields: [
        { name: 'garage', type: 'string' },
        { name: 'free', type: 'int' },
      ],
    };
    const type = avro.Type.forSchema(schema as avro.Schema);
    const id = await register('it.decode.raw-value', JSON.stringify(schema), 'AVRO');
    const topic = 'it.decode.raw';
    const admin = kafkaClient(target).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const spots = Array.from({ length: 40 }, (_, i) => ({ garage: i % 4 === 0 ? 'Kyrre "north"' : `Nordre ${i}`, free: i * 3 }));
    await produce(
      topic,
      spots.map((spot) => ({ value: framed(id, type.toBuffer(spot)) })),
    );
    const offsetsWhere = (test: (json: string) => boolean) => spots.flatMap((spot, i) => (test(JSON.stringify(spot)) ? [i] : []));
    for (const pattern of ['Kyrre', 'Nordre 1', 'garage', 'ree', '12', '"north\\"', 'absent', '"garage":"Nordre 1', '"free":12', '"Kyrre', 'e 1","free":3']) {
      const found = await searchAll(searches, topic, { value: { mode: 'contains', pattern } });
      expect(found.final.error).toBeNull();
      expect({ pattern, offsets: found.matches.map((record) => record.offset) }).toEqual({ pattern, offsets: offsetsWhere((json) => json.includes(pattern)) });
    }
  });

  it('exports decoded values with their schema ids as JSON Lines and CSV', async () => {
    const { records } = await messages.browse(BrowseArgs.parse({ topic: AVRO_TOPIC, from: { kind: 'beginning' }, limit: 5 }));
    const lines = toJsonLines(records)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.value)).toEqual([0, 1, 2, 3, 4].map(statusOf));
    expect(lines.every((line) => line.valueSchemaId === ids.avro && line.valueFormat === 'avro' && line.valueSubject === 'garages-value')).toBe(true);
    const rows = toCsv(records).trimEnd().split('\r\n');
    expect(rows[1]).toBe(`0,0,${records[0].timestamp},"car-0",,"avro","${JSON.stringify(statusOf(0)).replace(/"/g, '""')}",,${ids.avro},`);
  });

  it('streamdesk search decodes too, with --schema-registry', async () => {
    let text = '';
    const out = new Writable({ write: (chunk: Buffer, _, done) => ((text += chunk.toString()), done()) });
    const err = new Writable({ write: (_chunk, _, done) => done() });
    const code = await runSearch(
      [AVRO_TOPIC, '--filter', 'value.garage == "Nordre" && value.free < 5', '--json', '--schema-registry', registryUrl],
      target,
      out,
      err,
      (topic, url) => ({ registry: url ? { url } : null, settings: AUTO_DECODE }),
    );
    expect(code).toBe(0);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { offset: number; value: unknown; valueSchemaId: number });
    expect(lines.map((line) => line.offset).sort((a, b) => a - b)).toEqual([1, 4]);
    for (const line of lines) expect([line.value, line.valueSchemaId]).toEqual([statusOf(line.offset), ids.avro]);
  });
});

describe('a registry that goes away', () => {
  it('shows records raw with the reason while it is down, and decodes them again when it is back', async () => {
    // a schema this process has not fetched yet, so nothing cached can answer for it
    const v2 = { ...STATUS_AVRO, fields: [...STATUS_AVRO.fields, { name: 'zone', type: 'string', default: 'A' }] };
    const id = await register('garages-value', JSON.stringify(v2), 'AVRO');
    const type2 = avro.Type.forSchema(v2 as avro.Schema);
    await produce(AVRO_TOPIC, [{ key: 'v2', value: framed(id, type2.toBuffer({ ...statusOf(31), zone: 'C' })) }]);
    const lastTwo = () => messages.browse(BrowseArgs.parse({ topic: AVRO_TOPIC, from: { kind: 'end', count: 2 }, limit: 2 }));

    await stack.stack.stop('schema-registry');
    try {
      const down = (await lastTwo()).records;
      // the schema fetched before is still compiled; the new one cannot be fetched
      expect(decodedJson(down[0])).toEqual(statusOf(30));
      expect(down[1].valueDecoding?.status).toBe('raw');
      expect(down[1].valueDecoding?.status === 'raw' && down[1].valueDecoding.reason).toMatch(
        new RegExp(`did not answer \\(schema id ${id}\\): .*ECONNREFUSED`),
      );
      const searched = await searchAll(searches, AVRO_TOPIC, { key: { mode: 'contains', pattern: 'v2' } });
      expect(searched.matches[0].valueDecoding?.status).toBe('raw');
    } finally {
      await stack.stack.start('schema-registry');
    }
    const back = (await lastTwo()).records;
    expect(back[1].valueDecoding).toMatchObject({ status: 'decoded', format: 'avro', schemaId: id, subject: 'garages-value', version: 2 });
    expect(decodedJson(back[1])).toEqual({ ...statusOf(31), zone: 'C' });
  }, 240_000);
});

describe('a topic decode override', () => {
  it('reads bare payloads by a subject and version, by a local .proto and message type, and as hex; bad input names the field and saves nothing', async () => {
    const root = protobuf.parse(`syntax = "proto3"; package local; message Ping { string from = 1; int32 n = 2; }`, { keepCase: true }).root;
    const Ping = root.lookupType('local.Ping');
    await produce(BARE_TOPIC, [
      { key: Buffer.from(Ping.encode(Ping.fromObject({ from: 'gate', n: 3 })).finish()), value: avroType.toBuffer(statusOf(5)) },
      { key: Buffer.from(Ping.encode(Ping.fromObject({ from: 'exit', n: 4 })).finish()), value: avroType.toBuffer(statusOf(6)) },
    ]);
    const read = async () => (await messages.browse(BrowseArgs.parse({ topic: BARE_TOPIC, from: { kind: 'beginning' }, limit: 10 }))).records;
    // auto: nothing framed, nothing decoded
    expect((await read())[0].valueDecoding).toBeUndefined();

    const bad: [DecodeSettings, string][] = [
      [{ key: { mode: 'proto', proto: 'message {', messageType: 'Ping' }, value: { mode: 'auto' } }, 'settings.key.proto'],
      [
        { key: { mode: 'proto', proto: 'syntax = "proto3"; message Ping { string from = 1; }', messageType: 'Pong' }, value: { mode: 'auto' } },
        'settings.key.messageType',
      ],
      [{ key: { mode: 'auto' }, value: { mode: 'subject', subject: 'no-such-subject', version: 1 } }, 'settings.value.subject'],
      [{ key: { mode: 'auto' }, value: { mode: 'subject', subject: 'garages-value', version: 99 } }, 'settings.value.version'],
    ];
    for (const [settings, field] of bad) {
      const error = await decode.save(BARE_TOPIC, settings).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamdeskError);
      expect((error as StreamdeskError).issues?.[0].path.join('.')).toBe(field);
      expect(decode.settings(BARE_TOPIC)).toEqual(AUTO_DECODE);
    }

    const proto = `syntax = "proto3"; package local; message Ping { string from = 1; int32 n = 2; }`;
    await decode.save(BARE_TOPIC, {
      key: { mode: 'proto', proto, messageType: 'local.Ping' },
      value: { mode: 'subject', subject: 'garages-value', version: 1 },
    });
    const records = await read();
    expect(records.map((record) => record.keyDecoding)).toEqual([
      { status: 'decoded', format: 'protobuf', schemaId: null, subject: null, version: null, json: JSON.stringify({ from: 'gate', n: 3 }) },
      { status: 'decoded', format: 'protobuf', schemaId: null, subject: null, version: null, json: JSON.stringify({ from: 'exit', n: 4 }) },
    ]);
    expect(records.map(decodedJson)).toEqual([statusOf(5), statusOf(6)]);
    expect(records[0].valueDecoding).toMatchObject({ format: 'avro', schemaId: ids.avro, subject: 'garages-value', version: 1 });
    // search honours the override too (its workers read the saved settings)
    const found = await searchAll(searches, BARE_TOPIC, { expression: 'key.from == "exit" && value.free == 6' });
    expect(found.matches.map((record) => record.offset)).toEqual([1]);

    await decode.save(BARE_TOPIC, { key: { mode: 'hex' }, value: { mode: 'raw' } });
    const hex = await read();
    expect(hex[0].keyDecoding).toMatchObject({
      format: 'hex',
      json: JSON.stringify(Buffer.from(Ping.encode(Ping.fromObject({ from: 'gate', n: 3 })).finish()).toString('hex')),
    });
    expect(hex[0].valueDecoding).toBeUndefined();
    // kept per profile and topic in the data dir: a new store over the same file reads it back
    expect(new DecodeSettingsStore(path.join(dataDir, 'decode-settings.json'), () => 'it').get(BARE_TOPIC)).toEqual({
      key: { mode: 'hex' },
      value: { mode: 'raw' },
    });
    expect(new DecodeSettingsStore(path.join(dataDir, 'decode-settings.json'), () => 'other').get(BARE_TOPIC)).toEqual(AUTO_DECODE);
  });
});
