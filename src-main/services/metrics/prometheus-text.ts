/** One sample of Prometheus' text exposition format: `name{label="v",…} value`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the samples whose names start with one of `prefixes` (the rest are skipped cheaply). */
export function parsePrometheusText(text: string, prefixes: readonly string[]): PromSample[] {
  const samples: PromSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || !prefixes.some((prefix) => line.startsWith(prefix))) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[3] ?? '').matchAll(LABEL)) labels[label[1]] = label[2].replace(/\\(.)/g, '$1');
    samples.push({ name: match[1], labels, value: Number(match[4]) });
  }
  return samples;
}

export interface BrokerByteCounters {
  /** Bytes in/out per topic, and cluster-wide under the key null. */
  bytesIn: Map<string | null, number>;
  bytesOut: Map<string | null, number>;
}

/**
 * Kafka's BrokerTopicMetrics BytesInPerSec/BytesOutPerSec counters as the JMX exporter names
 * them (`kafka_server_brokertopicmetrics_bytesin_total`, with a `topic` label per topic and
 * none for the broker total). Summed over every scraped broker.
 */
export function brokerByteCounters(samples: PromSample[]): BrokerByteCounters {
  const counters: BrokerByteCounters = { bytesIn: new Map(), bytesOut: new Map() };
  for (const sample of samples) {
    const target = sample.name.startsWith('kafka_server_brokertopicmetrics_bytesin') ? counters.bytesIn : sample.name.startsWith('kafka_server_brokertopicmetrics_bytesout') ? counters.bytesOut : null;
    if (!target || !Number.isFinite(sample.value)) continue;
    const key = sample.labels.topic ?? null;
    target.set(key, (target.get(key) ?? 0) + sample.value);
  }
  return counters;
}
