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

/** The exporter's names of the counters the sampler reads start so. */
export const BROKER_COUNTER_PREFIXES = ['kafka_server_brokertopicmetrics_', 'kafka_network_requestmetrics_'] as const;
const [TOPIC_METRICS, REQUEST_METRICS] = BROKER_COUNTER_PREFIXES;

/** Per topic, and for the whole cluster under the key null. */
type Counter = Map<string | null, number>;

/**
 * The brokers' counters, summed over every scraped broker. Bytes in and out per topic and in all.
 * Requests and errors: for a topic, its produce and fetch requests and the failed ones (Kafka
 * counts a request once per partition it touches, and "failed" leaves out errors it expects, such
 * as a record too large); for the cluster, every request of any kind and every response with an
 * error code (RequestMetrics' RequestsPerSec and ErrorsPerSec), or, on an exporter that does not
 * export those, the topics' produce and fetch figures again.
 */
export interface BrokerCounters {
  bytesIn: Counter;
  bytesOut: Counter;
  requests: Counter;
  failedRequests: Counter;
}

/** BrokerTopicMetrics' names (after the prefix, before `_total`) → the counter they add to. */
const TOPIC_COUNTER_OF: Record<string, keyof BrokerCounters> = {
  bytesin: 'bytesIn',
  bytesout: 'bytesOut',
  totalproducerequests: 'requests',
  totalfetchrequests: 'requests',
  failedproducerequests: 'failedRequests',
  failedfetchrequests: 'failedRequests',
};

/** RequestsPerSec counts a consumer's or a follower's fetch twice: as Fetch, and as one of these. */
const FETCH_SUBKINDS = new Set(['FetchConsumer', 'FetchFollower']);

const add = (counter: Counter, key: string | null, value: number) => counter.set(key, (counter.get(key) ?? 0) + value);

/** The counters of the JMX exporter's answer, named as `compose/jmx-exporter/kafka-broker.yml` names them. */
export function brokerCounters(samples: PromSample[]): BrokerCounters {
  const counters: BrokerCounters = { bytesIn: new Map(), bytesOut: new Map(), requests: new Map(), failedRequests: new Map() };
  let allRequests: number | null = null;
  let errorResponses: number | null = null;
  for (const sample of samples) {
    if (!Number.isFinite(sample.value)) continue;
    if (sample.name.startsWith(TOPIC_METRICS)) {
      const counter = TOPIC_COUNTER_OF[sample.name.slice(TOPIC_METRICS.length).replace(/_total$/, '')];
      if (counter) add(counters[counter], sample.labels.topic ?? null, sample.value);
    } else if (sample.name === `${REQUEST_METRICS}requests_total`) {
      if (!FETCH_SUBKINDS.has(sample.labels.request ?? '')) allRequests = (allRequests ?? 0) + sample.value;
    } else if (sample.name === `${REQUEST_METRICS}errors_total`) {
      errorResponses = (errorResponses ?? 0) + (sample.labels.error === 'NONE' ? 0 : sample.value);
    }
  }
  // Kafka creates a topic's failure counters at its first failure: until then it has had none.
  for (const key of counters.requests.keys()) if (!counters.failedRequests.has(key)) counters.failedRequests.set(key, 0);
  if (allRequests !== null) counters.requests.set(null, allRequests);
  if (errorResponses !== null) counters.failedRequests.set(null, errorResponses);
  return counters;
}
