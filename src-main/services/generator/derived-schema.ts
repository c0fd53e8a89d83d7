// A generator kind's record shape as a schema to register: an Avro record (nullable fields as
// ["null", T] with default null) or a proto3 message (nullable fields `optional`), both in the
// namespace/package `streamdesk.generator`.
import type { GeneratorKind } from '@shared/generator';
import type { RegisteredSchema } from '@main/clients/schema-registry/schema-registry-client';
import { RECORD_SHAPES } from './records/shapes';

const NAMESPACE = 'streamdesk.generator';
const PROTO_TYPES = { string: 'string', int: 'int32', long: 'int64', double: 'double', boolean: 'bool' } as const;

export function derivedSchema(kind: GeneratorKind, format: 'avro' | 'protobuf'): RegisteredSchema {
  const shape = RECORD_SHAPES[kind];
  if (format === 'avro') {
    const fields = shape.fields.map((field) =>
      field.nullable ? { name: field.name, type: ['null', field.type], default: null } : { name: field.name, type: field.type },
    );
    return { schemaType: 'AVRO', schema: JSON.stringify({ type: 'record', name: shape.name, namespace: NAMESPACE, fields }), references: [] };
  }
  const lines = shape.fields.map((field, i) => `  ${field.nullable ? 'optional ' : ''}${PROTO_TYPES[field.type]} ${field.name} = ${i + 1};`);
  return { schemaType: 'PROTOBUF', schema: `syntax = "proto3";\npackage ${NAMESPACE};\n\nmessage ${shape.name} {\n${lines.join('\n')}\n}\n`, references: [] };
}
