import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKER_COUNTER_PREFIXES, brokerCounters, parsePrometheusText } from '@main/services/metrics/prometheus-text';

describe("the JMX exporter's text format", () => {
  it('parses names, labels (with escapes) and values, skipping comments and other metrics', () => {
    const text = [
      '# HELP kafka_server_brokertopicmetrics_bytesin_total x',
      '# TYPE kafka_server_brokertopicmetrics_bytesin_total counter',
      'kafka_server_brokertopicmetrics_bytesin_total{topic="orders",} 1024.0',
      'kafka_server_brokertopicmetrics_bytesin_total{topic="we\\"ird"} 5',
      'kafka_server_brokertopicmetrics_bytesin_total 2048.0',
      'kafka_server_brokertopicmetrics_bytesout_total 4096.0',
      'jvm_memory_bytes_used{area="heap",} 1.0E8',
    ].join('\n');
    const samples = parsePrometheusText(text, ['kafka_server_brokertopicmetrics_bytes']);
    expect(samples).toHaveLength(4);
    expect(samples[1].labels.topic).toBe('we"ird');
    const counters = brokerCounters(samples);
    expect(counters.bytesIn.get('orders')).toBe(1024);
    expect(counters.bytesIn.get(null)).toBe(2048);
    expect(counters.bytesOut.get(null)).toBe(4096);
  });

  it('reads the counters of the real exporter agent on Kafka 3.9 (recorded from the native broker)', () => {
    const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'jmx-exporter-metrics.txt'), 'utf8');
    const counters = brokerCounters(parsePrometheusText(text, BROKER_COUNTER_PREFIXES));
    expect(counters.bytesIn.get(null)).toBe(754048);
    expect(counters.bytesIn.get('stavanger_parking_events')).toBe(609396);
    expect(counters.bytesOut.get('stavanger_parking_events')).toBe(609396); // the pipeline read all it was sent
    expect(counters.bytesOut.get('system_metrics')).toBeUndefined(); // nothing read since the broker started
    // a topic's produce and fetch requests (one per partition touched) and its failed ones
    expect(counters.requests.get('stavanger_parking_events')).toBe(309 + 855);
    expect(counters.requests.get('data_quality_alerts')).toBe(1);
    expect(counters.failedRequests.get('data_quality_alerts')).toBe(1); // a keyless record refused by a compacted topic
    expect(counters.failedRequests.get('stavanger_parking_events')).toBe(0); // no failure counter yet: none failed
    // the cluster: every request but the Fetch sub-kinds counted twice, every response with an error code
    expect(counters.requests.get(null)).toBe(953);
    expect(counters.failedRequests.get(null)).toBe(219);
  });

  it("falls back to the topics' produce and fetch figures for the cluster when RequestMetrics are not exported", () => {
    const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'jmx-exporter-metrics.txt'), 'utf8');
    const counters = brokerCounters(parsePrometheusText(text, ['kafka_server_brokertopicmetrics_']));
    expect(counters.requests.get(null)).toBe(527 + 861);
    expect(counters.failedRequests.get(null)).toBe(1);
  });
});
