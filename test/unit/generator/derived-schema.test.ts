// Each generator kind's declared shape against thousands of its own records: the Avro and Protobuf
// schemas derived from it encode every record (StreamDesk's encoder), and avsc / protobufjs used
// directly read each one back as the record it was.
import avro from 'avsc';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { GeneratorKind } from '@shared/generator';
import { derivedSchema } from '@main/services/generator/derived-schema';
import { recordMaker } from '@main/services/generator/records';
import { encoderOf } from '@main/services/schemas/record-encoder';

const RECORDS = 3000;

function records(kind: GeneratorKind): Record<string, unknown>[] {
  const start = Date.UTC(2026, 11, 7, 8);
  const make = recordMaker(kind, 42, start);
  return Array.from({ length: RECORDS }, (_, i) => make(start + i * 997).value);
}

describe.each(GeneratorKind.options)('%s', (kind) => {
  it('writes Avro that avsc reads back as the records', () => {
    const schema = derivedSchema(kind, 'avro');
    const encoder = encoderOf({ ...schema, subject: `t-value`, version: 1, id: 7 }, []);
    const type = avro.Type.forSchema(JSON.parse(schema.schema) as avro.Schema);
    for (const record of records(kind)) {
      const bytes = encoder.encode(record);
      expect(bytes.readUInt32BE(1)).toBe(7);
      expect({ ...(type.fromBuffer(bytes.subarray(5)) as object) }).toEqual(record);
    }
  });

  it('writes Protobuf that protobufjs reads back as the records (message index 0)', () => {
    const schema = derivedSchema(kind, 'protobuf');
    const encoder = encoderOf({ ...schema, subject: `t-value`, version: 1, id: 8 }, []);
    const root = protobuf.parse(schema.schema, { keepCase: true }).root;
    const type = root.nestedArray
      .flatMap((n) => (n as protobuf.Namespace).nestedArray)
      .flatMap((n) => (n as protobuf.Namespace).nestedArray)[0] as protobuf.Type;
    for (const record of records(kind)) {
      const bytes = encoder.encode(record);
      expect(bytes[5]).toBe(0);
      const back = type.toObject(type.decode(bytes.subarray(6)), { longs: Number, defaults: true });
      const expected = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
      expect(back).toEqual(expected);
    }
  });
});
