import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokerByteCounters, parsePrometheusText } from '../../../src-main/services/metrics/prometheus-text';

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
    const counters = brokerByteCounters(samples);
    expect(counters.bytesIn.get('orders')).toBe(1024);
    expect(counters.bytesIn.get(null)).toBe(2048);
    expect(counters.bytesOut.get(null)).toBe(4096);
  });

  it('reads the counters of the real exporter agent on Kafka 3.9 (recorded from the native broker)', () => {
    const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'jmx-exporter-metrics.txt'), 'utf8');
    const counters = brokerByteCounters(parsePrometheusText(text, ['kafka_server_brokertopicmetrics_bytes']));
    expect(counters.bytesIn.get(null)).toBe(2609719);
    expect(counters.bytesIn.get('orders')).toBe(1781116);
    expect(counters.bytesIn.get('stavanger_parking_events')).toBe(828603);
    expect(counters.bytesOut.get(null)).toBe(0);
  });
});
