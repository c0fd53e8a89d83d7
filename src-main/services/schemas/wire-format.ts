// Where a record side's schema id is and where its payload starts.
//
// Confluent wire format: magic byte 0, a 4-byte big-endian schema id, the payload. Apicurio 3's
// serdes write the same by default: Default4ByteIdHandler puts its *content id* (apicurio.registry.use-id
// defaults to contentId) in those 4 bytes, which its Confluent-compatible API serves at
// /schemas/ids/{id}. Legacy8ByteIdHandler writes magic 0 and an 8-byte id (a global id unless
// use-id says contentId). With apicurio.registry.headers.enabled the id goes to the record headers
// instead (DefaultHeadersHandler: `apicurio.{key,value}.globalId` when use-id=globalId, else
// `apicurio.{key,value}.contentId`, each an 8-byte big-endian long) and KafkaSerializer writes the
// payload alone, with no magic byte. Sources: Apicurio/apicurio-registry serdes/generic/serde-common
// Default4ByteIdHandler.java, Legacy8ByteIdHandler.java, config/SerdeConfig.java; serdes/kafka/
// serde-kafka-common KafkaSerializer.java, headers/KafkaSerdeHeaders.java, headers/DefaultHeadersHandler.java.

export type RecordSide = 'key' | 'value';

export interface RecordHeaderBytes {
  key: string;
  value: Uint8Array | null;
}

/** How a registry knows the id: `content` is what /schemas/ids/{id} serves; `global` is Apicurio's. */
type SchemaIdKind = 'content' | 'global';

export interface Framing {
  id: number;
  idKind: SchemaIdKind;
  payload: Uint8Array;
  /** Written by Apicurio's serdes (its id header or its 8-byte id): its Protobuf payloads start with a Ref. */
  apicurio: boolean;
}

export interface FramingOptions {
  /** Magic 0 is followed by an 8-byte id (Apicurio's Legacy8ByteIdHandler), of this kind. */
  eightByteIds?: SchemaIdKind;
}

export function readFraming(
  bytes: Uint8Array,
  side: RecordSide,
  headers: readonly RecordHeaderBytes[],
  options: FramingOptions = {},
): Framing | { reason: string } {
  const fromHeaders = headers.length ? headerId(side, headers) : null;
  if (fromHeaders) return { ...fromHeaders, payload: stripMatchingId(bytes, fromHeaders.id), apicurio: true };
  if (bytes.length === 0) return { reason: 'empty: no magic byte and no schema id' };
  if (bytes[0] !== 0) return { reason: `no schema id: the first byte is 0x${bytes[0].toString(16).padStart(2, '0')}, not the magic byte 0` };
  if (options.eightByteIds) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 9) return { reason: `truncated: ${bytes.length} bytes, the magic byte and an 8-byte id need 9` };
    return { id: safeId(view.getBigUint64(1)), idKind: options.eightByteIds, payload: bytes.subarray(9), apicurio: true };
  }
  if (bytes.length < 5) return { reason: `truncated: ${bytes.length} bytes, the magic byte and a 4-byte schema id need 5` };
  return { id: bytes[1] * 0x1000000 + ((bytes[2] << 16) | (bytes[3] << 8) | bytes[4]), idKind: 'content', payload: bytes.subarray(5), apicurio: false };
}

function headerId(side: RecordSide, headers: readonly RecordHeaderBytes[]): { id: number; idKind: SchemaIdKind } | null {
  for (const [name, idKind] of [
    [`apicurio.${side}.globalId`, 'global'],
    [`apicurio.${side}.contentId`, 'content'],
  ] as const) {
    const value = headers.findLast((h) => h.key === name)?.value;
    if (value && value.length === 8) return { id: safeId(new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0)), idKind };
  }
  return null;
}

/** With the id in a header the payload has no framing; tolerate a producer that framed it anyway. */
function stripMatchingId(bytes: Uint8Array, id: number): Uint8Array {
  if (bytes[0] !== 0) return bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 9 && view.getBigUint64(1) === BigInt(id)) return bytes.subarray(9);
  if (bytes.length >= 5 && view.getUint32(1) === id) return bytes.subarray(5);
  return bytes;
}

function safeId(id: bigint): number {
  return id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : -1;
}
