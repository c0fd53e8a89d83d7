import { describe, expect, it } from 'vitest';
import type { MetricsSample } from '@shared/metrics';
import { AlertService } from '@main/services/alerts/alert-service';
import type { AlertInputs } from '@main/services/alerts/rules';

const lagging = (lag: number): MetricsSample => ({
  at: 0,
  cluster: { messages_per_sec: 0, bytes_in_per_sec: null, bytes_out_per_sec: null, consumer_lag: lag, requests_per_sec: null, errors_per_sec: null },
  topics: {},
  idle_ms: null,
});

/** An alert engine whose Flink answers when the test says so. */
function engine() {
  let answerFlink: (jobs: AlertInputs['flinkJobs']) => void = () => undefined;
  let flinkReads = 0;
  const published: { topic: string; record: Record<string, unknown> }[] = [];
  const alerts = new AlertService({
    publish: (topic, record) => {
      published.push({ topic, record: record as Record<string, unknown> });
      return Promise.resolve();
    },
    flinkJobs: () => {
      flinkReads += 1;
      return new Promise((resolve) => (answerFlink = resolve));
    },
  });
  return { alerts, published, answerFlink: (jobs: AlertInputs['flinkJobs']) => answerFlink(jobs), flinkReads: () => flinkReads };
}

describe('the alert engine', () => {
  it('fires and clears a lag alert at once, while Flink has not answered yet', () => {
    const { alerts, flinkReads } = engine();
    alerts.onMetrics(lagging(20_000));
    expect(alerts.state().active.map((alert) => alert.ruleId)).toEqual(['consumer-lag']);
    alerts.updateRule({ id: 'consumer-lag', threshold: 50_000 });
    expect(alerts.state().active).toEqual([]);
    expect(alerts.state().history[0].clearedAt).not.toBeNull();
    expect(flinkReads()).toBe(1); // one read under way, not one per evaluation
  });

  it("fires a Flink job's alert when its read answers", async () => {
    const { alerts, answerFlink } = engine();
    alerts.onMetrics(lagging(0));
    answerFlink([{ id: 'j1', name: 'stavanger_parking_realtime', state: 'RESTARTING', failedInARow: 0 }]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(alerts.state().active.map((alert) => alert.message)).toEqual(['Flink job "stavanger_parking_realtime" is RESTARTING']);
  });

  it('publishes the start and the clear of an alert under the same id when asked to', async () => {
    const { alerts, published } = engine();
    alerts.setPublishTopic('data_quality_alerts');
    alerts.onMetrics(lagging(20_000));
    alerts.onMetrics(lagging(10));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(published.map(({ topic, record }) => [topic, record.event, record.ruleId])).toEqual([
      ['data_quality_alerts', 'started', 'consumer-lag'],
      ['data_quality_alerts', 'cleared', 'consumer-lag'],
    ]);
    expect(published[0].record.id).toBe(published[1].record.id);
  });

  it('publishes the edges in the order they happened, even when the first send is the slower one', async () => {
    const sent: string[] = [];
    let first = true;
    const alerts = new AlertService({
      // the first send waits (a new topic's metadata), the next would go straight through
      publish: (_topic, record) => {
        const slow = first;
        first = false;
        return new Promise((resolve) => setTimeout(resolve, slow ? 20 : 0)).then(() => void sent.push((record as { event: string }).event));
      },
    });
    alerts.setPublishTopic('data_quality_alerts');
    alerts.onMetrics(lagging(20_000));
    alerts.onMetrics(lagging(10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual(['started', 'cleared']);
  });
});
