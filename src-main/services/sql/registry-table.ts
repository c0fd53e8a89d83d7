// A topic's table from its value subject in the Schema Registry (TopicNameStrategy: `<topic>-value`,
// the latest version). Avro: the columns Flink's `avro-confluent` format expects for that schema,
// which it is given as the reader schema (older versions' records resolve into it). JSON Schema:
// StreamDesk (services/messages/schema-encoding.ts) and the serdes write magic 0 and a schema id
// before the JSON, which Flink 1.18's `json` format fails on; the table reads the raw bytes and a view
// unframes them (table-ddl.ts), its columns from the schema's properties. Protobuf has the same framing
// and no Flink 1.18 format for its payload, so such a topic is not readable, with that reason.
import { StreamdeskError } from '@shared/errors';
import type { SqlTableColumn, SqlValueFormat } from '@shared/sql';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { avroColumns } from './avro-columns';
import { jsonSchemaColumns } from './json-schema-columns';

export type RegistryTable =
  | { status: 'none' }
  /** The registry did not answer: the table falls back to the records, with this note. */
  | { status: 'unreachable'; note: string }
  | { status: 'found'; value: SqlValueFormat; columns: SqlTableColumn[]; note: string | null };

const PROTOBUF_REASON = (subject: string) =>
  `${subject} is a Protobuf subject: Flink 1.18 has no format for Protobuf behind the registry's framing (magic byte, schema id, message indexes), so this table is not readable in SQL`;

export async function registryTable(registry: SchemaRegistryClient | null, topic: string): Promise<RegistryTable> {
  if (!registry) return { status: 'none' };
  const subject = `${topic}-value`;
  let latest;
  try {
    latest = await registry.subjectVersion(subject, 'latest');
  } catch (error) {
    if (error instanceof StreamdeskError && error.code === 'not-found') return { status: 'none' };
    return { status: 'unreachable', note: `the Schema Registry could not be asked for ${subject}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const about = `${subject} version ${latest.version}`;
  if (latest.schemaType === 'PROTOBUF') {
    const reason = PROTOBUF_REASON(subject);
    return { status: 'found', value: { format: 'unreadable', reason }, columns: [], note: reason };
  }
  if (latest.schemaType === 'JSON') {
    const json = jsonSchemaColumns(latest.schema);
    if (json.status === 'unsupported') {
      const reason = `${about}: ${json.reason}`;
      return { status: 'found', value: { format: 'unreadable', reason }, columns: [], note: reason };
    }
    return {
      status: 'found',
      value: { format: 'json-registry', subject, version: latest.version, schema: latest.schema },
      columns: json.columns.map(({ name, type, kind }) => ({ name, type, kind })),
      note: null,
    };
  }
  if (latest.references.length > 0) {
    const reason = `${about} uses schema references (${latest.references.map((r) => r.name).join(', ')}), which Flink's avro-confluent format cannot resolve`;
    return { status: 'found', value: { format: 'unreadable', reason }, columns: [], note: reason };
  }
  if (registry.signsIn) {
    const reason = `the Schema Registry needs a sign-in, which the table's DDL would have to carry in clear text: Avro tables are read from a registry without one`;
    return { status: 'found', value: { format: 'unreadable', reason }, columns: [], note: reason };
  }
  const avro = avroColumns(latest.schema);
  if (avro.status === 'unsupported') {
    const reason = `${about}: ${avro.reason}`;
    return { status: 'found', value: { format: 'unreadable', reason }, columns: [], note: reason };
  }
  return {
    status: 'found',
    value: { format: 'avro-confluent', registryUrl: registry.url, subject, version: latest.version, schema: latest.schema },
    columns: avro.columns,
    note: null,
  };
}
