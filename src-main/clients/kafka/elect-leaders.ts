// ElectLeaders (API key 43, v2: KIP-460), which @platformatic/kafka neither offers in its Admin nor defines as a raw API:
// encoded here with its protocol Writer and Reader, and sent over a Connection like its own APIs.
import type { Reader, Writer } from '@platformatic/kafka';
import { platformaticKafka } from './platformatic';

const ELECT_LEADERS_KEY = 43;
/** ElectionType: 0 preferred, 1 unclean. StreamDesk only ever asks for the preferred replica. */
const PREFERRED = 0;

export interface ElectionResult {
  topic: string;
  partition: number;
  errorCode: number;
  errorMessage: string | null;
}

/**
 * ElectLeaders Request (Version: 2) => election_type [topic_partitions] timeout_ms TAG_BUFFER
 *   election_type => INT8
 *   topic_partitions => topic [partitions] TAG_BUFFER  (a null array: every partition of the cluster)
 *     topic => COMPACT_STRING
 *     partitions => INT32
 *   timeout_ms => INT32
 */
function createRequest(topics: Topics, timeoutMs: number): Writer {
  return platformaticKafka()
    .Writer.create()
    .appendInt8(PREFERRED)
    .appendArray(topics, (w, t) => w.appendString(t.topic).appendArray(t.partitions, (w, p) => w.appendInt32(p), true, false))
    .appendInt32(timeoutMs)
    .appendTaggedFields();
}

/**
 * ElectLeaders Response (Version: 2) => throttle_time_ms error_code [replica_election_results] TAG_BUFFER
 *   replica_election_results => topic [partition_result] TAG_BUFFER
 *     partition_result => partition_id error_code error_message TAG_BUFFER
 * Per-partition errors are answers here (ELECTION_NOT_NEEDED is the usual one), not failures: only a request-wide error throws.
 */
function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): { errorCode: number; results: ElectionResult[] } {
  reader.readInt32();
  const errorCode = reader.readInt16();
  const results = reader.readArray((r) => {
    const topic = r.readString();
    return r.readArray((p) => ({ topic, partition: p.readInt32(), errorCode: p.readInt16(), errorMessage: p.readNullableString() }));
  });
  return { errorCode, results: results.flat() };
}

type Topics = { topic: string; partitions: number[] }[] | null;

type ElectLeadersApi = ReturnType<typeof createElectLeaders>;
const createElectLeaders = () =>
  platformaticKafka().createAPI<[topics: Topics, timeoutMs: number], ReturnType<typeof parseResponse>>(ELECT_LEADERS_KEY, 2, createRequest, parseResponse);
let electLeaders: ElectLeadersApi | null = null;

/** The API, made at first use (@platformatic/kafka is loaded lazily). */
export function electLeadersV2(): ElectLeadersApi {
  return (electLeaders ??= createElectLeaders());
}
