// Which topics the on-cluster search refuses: those whose records the local search decodes (a
// topic's decode override, or values framed for a Schema Registry). Flink reads the bytes as text,
// so its filter would see other text than the local one; the search says so instead of differing.
import type { DecodeSettings, MessageRecord } from '@shared/messages';

/** Newest records of the topic as the messages area reads them (decoded where the local search decodes). */
export type NewestRecords = (topic: string) => Promise<MessageRecord[]>;

function overrideOf(settings: DecodeSettings): string | null {
  for (const side of ['key', 'value'] as const) {
    const mode = settings[side].mode;
    if (mode !== 'auto' && mode !== 'raw') return `this topic's ${side}s are read through a decode override (${mode})`;
  }
  return null;
}

/** A value read without a decoder that starts like Confluent's framing (magic byte 0, a schema id). */
function looksFramed(record: MessageRecord): boolean {
  return record.valueFormat === 'binary' && record.value !== null && record.value.length >= 10 && record.value.startsWith('00');
}

function framedOf(records: MessageRecord[], registry: boolean): string | null {
  for (const record of records) {
    if (registry && looksFramed(record)) return "this topic's values are framed for a Schema Registry (Avro, Protobuf or JSON Schema)";
    for (const side of ['key', 'value'] as const) {
      const decoding = side === 'key' ? record.keyDecoding : record.valueDecoding;
      if (decoding?.status === 'decoded') return `this topic's ${side}s are ${decoding.format} (decoded through the Schema Registry)`;
      if (decoding?.status === 'raw') return `this topic's ${side}s are framed for a Schema Registry (${decoding.reason})`;
    }
  }
  return null;
}

/**
 * The reason to refuse, or null. `newest` decodes where the local search does; `registry`: it does not,
 * but a registry is configured, so framed bytes are looked for. The newest records stand for the topic (older framed records are not looked for).
 */
export async function clusterRefusal(topic: string, settings: DecodeSettings, newest: NewestRecords, registry = false): Promise<string | null> {
  const reason = overrideOf(settings) ?? framedOf(await newest(topic), registry);
  return reason === null ? null : `on-cluster search reads JSON/text records; ${reason}: run this search locally`;
}
