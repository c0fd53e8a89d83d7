// A topic's table schema: from its value subject in the Schema Registry when it has one, else the one
// the user saved for this profile, else inferred from the newest records (cached a few minutes: every
// statement naming the topic asks for it).
import type { MessageRecord } from '@shared/messages';
import type { SqlTableColumn, SqlTableSchema } from '@shared/sql';
import type { SchemaRegistryClient } from '@main/clients/schema-registry/schema-registry-client';
import { inferJsonColumns } from './json-inference';
import { registryTable } from './registry-table';
import { extraColumns } from './table-ddl';
import type { TableSchemasStore } from './table-schemas-store';

const CACHE_MS = 5 * 60_000;

export interface TableSchemasDeps {
  store: TableSchemasStore;
  profileId: () => string;
  /** The newest records of a topic, decoded as the messages area reads them. */
  sample: (topic: string) => Promise<MessageRecord[]>;
  /** The active connection's registry, or null. */
  registry: () => SchemaRegistryClient | null;
}

const JSON_VALUES = { format: 'json' } as const;

export class TableSchemas {
  private readonly cache = new Map<string, { at: number; schema: SqlTableSchema }>();

  constructor(private readonly d: TableSchemasDeps) {}

  async of(topic: string): Promise<SqlTableSchema> {
    const key = `${this.d.profileId()}\n${topic}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.schema;
    const schema = await this.fresh(topic);
    // a saved schema is read again every time (the file is the truth); the registry and the records are asked at most every few minutes
    if (schema.source !== 'saved') this.cache.set(key, { at: Date.now(), schema });
    return schema;
  }

  private async fresh(topic: string): Promise<SqlTableSchema> {
    const fromRegistry = await registryTable(this.d.registry(), topic);
    if (fromRegistry.status === 'found')
      return { topic, source: 'registry', value: fromRegistry.value, columns: withExtras(fromRegistry.columns), sampled: 0, note: fromRegistry.note };
    const saved = this.d.store.get(topic);
    if (saved) return { topic, source: 'saved', value: JSON_VALUES, columns: withExtras(saved), sampled: 0, note: null };
    const inferred = await this.infer(topic);
    return fromRegistry.status === 'unreachable' ? { ...inferred, note: [fromRegistry.note, inferred.note].filter(Boolean).join('; ') } : inferred;
  }

  save(topic: string, columns: SqlTableColumn[]): SqlTableSchema {
    const values = columns.filter((c) => c.kind === 'value');
    this.d.store.set(topic, values);
    this.cache.delete(`${this.d.profileId()}\n${topic}`);
    return { topic, source: 'saved', value: JSON_VALUES, columns: withExtras(values), sampled: 0, note: null };
  }

  private async infer(topic: string): Promise<SqlTableSchema> {
    const records = await this.d.sample(topic);
    const registryFormats = new Set(
      records.flatMap((r) => (r.valueDecoding?.status === 'decoded' && r.valueDecoding.schemaId !== null ? [r.valueDecoding.format] : [])),
    );
    const inferred = inferJsonColumns(records.map((r) => (r.valueFormat === 'json' ? r.value : r.valueFormat === 'null' ? null : (r.value ?? ''))));
    const note =
      registryFormats.size > 0
        ? `the values are ${[...registryFormats].join('/')} with a Schema Registry, but there is no subject ${topic}-value (the topic's name strategy) to type the table by: read as JSON, every record is skipped`
        : inferred.skipped > 0
          ? `${inferred.skipped} of ${records.length} sampled records are not JSON objects: the table skips them`
          : null;
    return {
      topic,
      source: records.length === 0 ? 'empty' : 'sample',
      value: JSON_VALUES,
      columns: withExtras(inferred.columns),
      sampled: records.length,
      note,
    };
  }
}

function withExtras(values: SqlTableColumn[]): SqlTableColumn[] {
  return [...values, ...extraColumns(new Set(values.map((c) => c.name)))];
}
