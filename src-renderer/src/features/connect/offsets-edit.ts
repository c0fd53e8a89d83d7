// A connector's offsets (KIP-875) as the Offsets panel edits them: a sink's as one row per topic
// partition with an offset input, a source's as the JSON of its partition/offset maps.
import type { ConnectorOffset } from '@shared/connect';

export interface SinkRow {
  topic: string;
  partition: number;
  /** The committed offset, null when none. */
  current: number | null;
  /** What the user typed: empty leaves the partition as it is. */
  next: string;
}

/** A sink's offsets as rows, by topic and partition. */
export function sinkRows(offsets: readonly ConnectorOffset[]): SinkRow[] {
  return offsets
    .map((entry) => ({
      topic: typeof entry.partition.kafka_topic === 'string' ? entry.partition.kafka_topic : '',
      partition: Number(entry.partition.kafka_partition ?? 0),
      current: typeof entry.offset?.kafka_offset === 'number' ? entry.offset.kafka_offset : null,
      next: '',
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export type OffsetsParse = { ok: true; offsets: ConnectorOffset[] } | { ok: false; error: string };

/** The rows the user changed as Connect's sink offsets; a bad number is refused naming its row. */
export function sinkChange(rows: readonly SinkRow[]): OffsetsParse {
  const offsets: ConnectorOffset[] = [];
  for (const row of rows) {
    const text = row.next.trim();
    if (text === '') continue;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 0) return { ok: false, error: `${row.topic}-${row.partition}: the offset must be a whole number ≥ 0` };
    offsets.push({ partition: { kafka_topic: row.topic, kafka_partition: row.partition }, offset: { kafka_offset: value } });
  }
  return offsets.length > 0 ? { ok: true, offsets } : { ok: false, error: 'type a new offset for at least one partition' };
}

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A source's offsets from the JSON the user edited: an array of {partition: {…}, offset: {…} | null}, each fault named by its index. */
export function parseSourceOffsets(text: string): OffsetsParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const list = isMap(parsed) && Array.isArray(parsed.offsets) ? (parsed.offsets as unknown[]) : parsed;
  if (!Array.isArray(list) || list.length === 0) return { ok: false, error: 'must be a non-empty array of {"partition": {…}, "offset": {…}}' };
  const offsets: ConnectorOffset[] = [];
  for (const [index, entry] of list.entries()) {
    if (!isMap(entry) || !isMap(entry.partition)) return { ok: false, error: `[${index}].partition: must be an object` };
    if (entry.offset !== null && !isMap(entry.offset)) return { ok: false, error: `[${index}].offset: must be an object, or null to forget it` };
    offsets.push({ partition: entry.partition, offset: entry.offset });
  }
  return { ok: true, offsets };
}

/** A partition or offset map as one line: a sink's topic-partition, else compact JSON. */
export function mapText(map: Record<string, unknown> | null): string {
  if (map === null) return '—';
  if (typeof map.kafka_topic === 'string' && typeof map.kafka_partition === 'number') return `${map.kafka_topic}-${map.kafka_partition}`;
  if (Object.keys(map).length === 1 && typeof map.kafka_offset === 'number') return String(map.kafka_offset);
  return JSON.stringify(map);
}
