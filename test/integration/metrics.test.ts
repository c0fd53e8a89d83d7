import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withKafkaAdmin } from '../../src-main/services/kafka/admin-session';
import { MetricsSampler } from '../../src-main/services/metrics/metrics-sampler';

const shared = inject('sharedStack');
const target = () => ({ brokers: [shared.bootstrap] });
const TOPIC = 'it.metrics-rate';
const RATE = 200;
const SECONDS = 12;

/**
 * kcat writes RATE lines a second for SECONDS seconds (fed on a fixed schedule), so the rate is
 * known independently of StreamDesk.
 */
function produceWithKcat(): Promise<number> {
  return new Promise((resolve, reject) => {
    const kcat = spawn('kcat', ['-b', shared.bootstrap, '-P', '-t', TOPIC, '-X', 'linger.ms=5'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let sent = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      const owed = Math.min(RATE * SECONDS, Math.floor(((Date.now() - started) / 1000) * RATE));
      const lines: string[] = [];
      while (sent < owed) lines.push(JSON.stringify({ n: sent++, event_time: Date.now() }));
      if (lines.length) kcat.stdin.write(lines.join('\n') + '\n');
      if (sent >= RATE * SECONDS) {
        clearInterval(timer);
        kcat.stdin.end();
      }
    }, 20);
    kcat.on('error', reject);
    kcat.on('exit', (code) => (code === 0 ? resolve(sent) : reject(new Error(`kcat exited with ${code}`))));
  });
}

describe('metrics sampler on a real broker', () => {
  const sampler = new MetricsSampler({ target, prometheusUrl: () => null, intervalMs: 1000 });

  beforeAll(async () => {
    await withKafkaAdmin(target(), 'create topic', (admin) => admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true }));
    sampler.start();
  });
  afterAll(() => sampler.stop());

  it(`measures ${RATE} messages/s produced by kcat within 10%, and the series shows the burst`, async () => {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const sent = await produceWithKcat();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const metrics = await sampler.topicMetrics(TOPIC, '5m');
    const values = metrics.series.messages_per_sec.map(([, value]) => value);
    // The middle of the burst: skip the first and last seconds, where a sample straddles its edges.
    const steady = values.filter((value) => value > 0).slice(2, -2);
    expect(steady.length).toBeGreaterThanOrEqual(SECONDS - 5);
    const mean = steady.reduce((sum, value) => sum + value, 0) / steady.length;
    console.log(`[metrics] kcat sent ${sent} at ${RATE}/s; StreamDesk measured a mean of ${mean.toFixed(1)}/s over ${steady.length} samples`);
    expect(Math.abs(mean - RATE) / RATE).toBeLessThan(0.1);
    // Everything that was sent is accounted for: the area under the curve is the message count
    // (each point is the rate over the second before it).
    const total = metrics.series.messages_per_sec.reduce((sum, [, value], i, all) => sum + value * (i === 0 ? 1 : (all[i][0] - all[i - 1][0]) / 1000), 0);
    expect(Math.abs(total - sent) / sent).toBeLessThan(0.05);
    expect(metrics.unavailable).toEqual(['bytes_in_per_sec', 'bytes_out_per_sec']);
  });

  it('answers an unknown topic with not-found', async () => {
    await expect(sampler.topicMetrics('it.no-such-topic', '1h')).rejects.toThrow(/does not exist/);
  });
});
