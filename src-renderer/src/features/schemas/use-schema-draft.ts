import { useState } from 'react';
import type { SchemaReference, SchemaType, SchemaVersion } from '@shared/schemas';
import { readableSchema } from './line-diff';

/** A reference row as typed (the version as text until it is sent). */
export interface ReferenceRow {
  name: string;
  subject: string;
  version: string;
}

/** What a new schema starts as, per type: something the registry accepts, to edit from. */
const STARTERS: Record<SchemaType, string> = {
  AVRO: JSON.stringify({ type: 'record', name: 'Example', namespace: 'com.example', fields: [{ name: 'id', type: 'string' }] }, null, 2),
  PROTOBUF: 'syntax = "proto3";\npackage com.example;\n\nmessage Example {\n  string id = 1;\n}\n',
  JSON: JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { id: { type: 'string' } } }, null, 2),
};

/** The editor's fields: a new version starts from the latest one, a new subject from a starter of its type. */
export function useSchemaDraft(latest: SchemaVersion | null) {
  const [subject, setSubject] = useState('');
  const [schemaType, setSchemaTypeState] = useState<SchemaType>(latest?.schemaType ?? 'AVRO');
  const [schema, setSchema] = useState(latest ? readableSchema(latest.schema) : STARTERS.AVRO);
  const [references, setReferences] = useState<ReferenceRow[]>(
    latest?.references.map((r) => ({ name: r.name, subject: r.subject, version: String(r.version) })) ?? [],
  );
  const setSchemaType = (next: SchemaType) => {
    // an untouched starter follows the type; typed text is kept
    if (Object.values(STARTERS).includes(schema)) setSchema(STARTERS[next]);
    setSchemaTypeState(next);
  };
  const args = (forSubject: string) => ({
    subject: forSubject,
    schemaType,
    schema,
    references: references.map((r): SchemaReference => ({ name: r.name.trim(), subject: r.subject.trim(), version: Number(r.version) })),
  });
  return { subject, setSubject, schemaType, setSchemaType, schema, setSchema, references, setReferences, args };
}
export type SchemaDraft = ReturnType<typeof useSchemaDraft>;
