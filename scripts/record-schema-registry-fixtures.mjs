#!/usr/bin/env node
// Records a real Schema Registry's answers as unit-test fixtures (test/unit/schemas/fixtures/).
// Run against an empty Apicurio Registry 3.x (any Confluent-compatible registry works; the last
// step, Apicurio's global ids, is skipped elsewhere):
//   node scripts/record-schema-registry-fixtures.mjs http://127.0.0.1:18085
// It registers the schemas below through the Confluent-compatible API, then saves every answer the
// unit tests ask for, keyed by "GET <path>", as the registry sent it (status and body).
import { writeFileSync } from 'node:fs';

const [root = 'http://127.0.0.1:18085'] = process.argv.slice(2);
const ccompat = '/apis/ccompat/v7';
const out = new URL('../test/unit/schemas/fixtures/schema-registry.json', import.meta.url);

const money = {
  type: 'record',
  name: 'Money',
  namespace: 'com.streamdesk.fixture',
  fields: [
    { name: 'units', type: 'long' },
    { name: 'currency', type: { type: 'enum', name: 'Currency', symbols: ['NOK', 'EUR', 'USD'] } },
  ],
};
const parking = {
  type: 'record',
  name: 'ParkingEvent',
  namespace: 'com.streamdesk.fixture',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'garage', type: 'string' },
    { name: 'spots', type: 'int' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'big', type: 'long' },
    { name: 'price', type: 'com.streamdesk.fixture.Money' },
    {
      name: 'location',
      type: {
        type: 'record',
        name: 'Location',
        fields: [
          { name: 'lat', type: 'double' },
          { name: 'lon', type: 'double' },
        ],
      },
    },
    { name: 'tag', type: { type: 'fixed', name: 'Tag', size: 4 } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['FREE', 'FULL'] } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'extra', type: ['null', 'long', 'Location'], default: null },
    { name: 'payload', type: 'bytes' },
    { name: 'scores', type: { type: 'map', values: 'float' } },
    { name: 'plates', type: { type: 'array', items: 'string' } },
  ],
};
const commonProto = `syntax = "proto3";
package streamdesk.common;

message Money {
  int64 units = 1;
  string currency = 2;
}
`;
const ordersProto = `syntax = "proto3";
package streamdesk.orders;

import "common.proto";

message Header {
  string id = 1;
}

message Order {
  enum Status {
    NEW = 0;
    PAID = 1;
  }
  message Line {
    message Note {
      string text = 1;
    }
    string sku = 1;
    int32 qty = 2;
    streamdesk.common.Money price = 3;
    Note note = 4;
  }
  string id = 1;
  repeated Line lines = 2;
  Status status = 3;
  int64 placed_at = 4;
  bytes signature = 5;
  map<string, string> attrs = 6;
}
`;
const alertSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Alert',
  type: 'object',
  properties: { id: { type: 'string' }, level: { enum: ['info', 'warn', 'error'] }, value: { type: 'number' } },
  required: ['id', 'level'],
};

const answers = {};

async function call(method, path, body) {
  const res = await fetch(`${root}${path}`, {
    method,
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/vnd.schemaregistry.v1+json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function record(path) {
  const answer = await call('GET', path);
  answers[`GET ${path}`] = answer;
  return answer;
}

async function register(subject, schema, schemaType, references = []) {
  const answer = await call('POST', `${ccompat}/subjects/${encodeURIComponent(subject)}/versions`, { schema, schemaType, references });
  if (answer.status !== 200) throw new Error(`registering ${subject}: ${JSON.stringify(answer)}`);
  return answer.body.id;
}

const ids = {};
ids.money = await register('fixture.money', JSON.stringify(money), 'AVRO');
ids.parking = await register('fixture.parking-value', JSON.stringify(parking), 'AVRO', [
  { name: 'com.streamdesk.fixture.Money', subject: 'fixture.money', version: 1 },
]);
ids.common = await register('common.proto', commonProto, 'PROTOBUF');
ids.orders = await register('fixture.orders-value', ordersProto, 'PROTOBUF', [{ name: 'common.proto', subject: 'common.proto', version: 1 }]);
ids.alert = await register('fixture.alerts-value', JSON.stringify(alertSchema), 'JSON');
// The same content under a second subject: one content id, a second global id (so the two differ).
await register('fixture.parking-mirror-value', JSON.stringify(parking), 'AVRO', [
  { name: 'com.streamdesk.fixture.Money', subject: 'fixture.money', version: 1 },
]);

for (const id of Object.values(ids)) await record(`${ccompat}/schemas/ids/${id}`);
await record(`${ccompat}/schemas/ids/987654`);
await record(`${ccompat}/subjects`);
for (const subject of ['fixture.money', 'fixture.parking-value', 'common.proto', 'fixture.orders-value', 'fixture.alerts-value']) {
  await record(`${ccompat}/subjects/${encodeURIComponent(subject)}/versions/1`);
  await record(`${ccompat}/subjects/${encodeURIComponent(subject)}/versions/latest`);
}
await record(`${ccompat}/subjects/no-such-subject/versions/1`);

// Apicurio's own ids: its serdes can write the global id (8 bytes after the magic byte, or in the
// apicurio.value.globalId header); the Confluent-compatible API knows content ids only, so the
// global id is resolved to a content id through Apicurio's v3 search.
const globalIds = {};
for (const [name, subject] of [
  ['parking', 'fixture.parking-value'],
  ['orders', 'fixture.orders-value'],
  ['parkingMirror', 'fixture.parking-mirror-value'],
]) {
  const meta = await call('GET', `/apis/registry/v3/groups/default/artifacts/${encodeURIComponent(subject)}/versions/1`);
  if (meta.status === 200) {
    globalIds[name] = meta.body.globalId;
    await record(`/apis/registry/v3/search/versions?globalId=${meta.body.globalId}`);
  }
}
if (Object.keys(globalIds).length) await record('/apis/registry/v3/search/versions?globalId=987654');

const system = await call('GET', '/apis/registry/v3/system/info');
const recordedWith = system.status === 200 ? `${system.body.name} ${system.body.version}` : root;
writeFileSync(out, JSON.stringify({ recordedWith, recordedOn: new Date().toISOString().slice(0, 10), ids, globalIds, answers }, null, 2) + '\n');
console.log(`recorded ${Object.keys(answers).length} answers from ${recordedWith}`);
