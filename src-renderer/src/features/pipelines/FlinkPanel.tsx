import type { ResourceMetric } from '@shared/metrics';
import { LiveFigure } from '@renderer/charts/LiveFigure';
import { bytes, num } from '@renderer/format';
import { type LiveResourceMetrics, latestResources } from '../metrics/metrics-store';
import { ResourceChart } from '../metrics/ResourceChart';

const rate = (value: number) => `${num(Math.round(value))}/s`;
const percent = (value: number) => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %`;
const ms = (value: number) => `${num(Math.round(value))} ms`;
const METRIC_NAMES: Partial<Record<ResourceMetric, string>> = {
  records_in_per_sec: 'in',
  records_out_per_sec: 'out',
  busy_ratio: 'busy (worst task)',
  backpressured_ratio: 'backpressured (worst task)',
};

function latestOf(metrics: LiveResourceMetrics | null, group: 'flink' | 'flink-job', subject: string | null, metric: ResourceMetric): number | null {
  return metrics?.series.find((series) => series.group === group && series.subject === subject && series.metric === metric)?.current ?? null;
}

/** Each running job's figures now: the per-job series' newest values. */
function RunningJobs() {
  const latest = latestResources.useSelect(undefined, (state) => state.data);
  const jobs = new Map<string, { name: string; values: Partial<Record<ResourceMetric, number>> }>();
  for (const entry of latest?.values ?? []) {
    if (entry.group !== 'flink-job' || entry.subject === null) continue;
    const job = jobs.get(entry.subject) ?? { name: entry.label, values: {} };
    job.values[entry.metric] = entry.value;
    jobs.set(entry.subject, job);
  }
  if (jobs.size === 0) return null;
  return (
    <table className="flink-jobs" data-testid="flink-jobs">
      <thead>
        <tr>
          <th>Running job</th>
          <th>In</th>
          <th>Out</th>
          <th>Backpressured</th>
          <th>Last checkpoint</th>
          <th>Restarts</th>
        </tr>
      </thead>
      <tbody>
        {[...jobs.entries()].map(([id, job]) => (
          <tr key={id}>
            <td>
              {job.name} <span className="muted">{id.slice(0, 8)}</span>
            </td>
            <td>
              <LiveFigure text={job.values.records_in_per_sec !== undefined ? rate(job.values.records_in_per_sec) : '—'} />
            </td>
            <td>
              <LiveFigure text={job.values.records_out_per_sec !== undefined ? rate(job.values.records_out_per_sec) : '—'} />
            </td>
            <td>
              <LiveFigure text={job.values.backpressured_ratio !== undefined ? percent(job.values.backpressured_ratio) : '—'} />
            </td>
            <td>
              <LiveFigure
                text={
                  job.values.checkpoint_duration_ms !== undefined
                    ? `${ms(job.values.checkpoint_duration_ms)} · ${bytes(job.values.checkpoint_size_bytes)}`
                    : '—'
                }
              />
            </td>
            <td>
              <LiveFigure text={num(job.values.restarts)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Restarts of the running jobs, added up (an alert covers a job that keeps restarting). */
function Restarts() {
  const restarts = latestResources.useSelect(
    undefined,
    (state) => state.data?.values.find((entry) => entry.group === 'flink' && entry.metric === 'restarts')?.value ?? null,
  );
  return restarts === null ? null : <span className={restarts > 0 ? 'flow off' : 'muted'}>{num(restarts)} restarts in running jobs</span>;
}

/** The Overview's Flink charts, from Flink's REST metrics: throughput, backpressure, checkpoints. */
export function FlinkPanel() {
  return (
    <section className="throughput" data-testid="flink-metrics">
      <div className="section-header">
        <h2>Flink</h2>
        <Restarts />
      </div>
      <div className="charts">
        <ResourceChart
          title="Flink records per second"
          testId="chart-flink-records"
          group="flink"
          metrics={['records_in_per_sec', 'records_out_per_sec']}
          name={(series) => METRIC_NAMES[series.metric] ?? series.metric}
          format={rate}
          axisFormat={(value) => num(Math.round(value))}
          source="flink"
        />
        <ResourceChart
          title="Backpressure and busy time"
          testId="chart-flink-backpressure"
          group="flink"
          metrics={['backpressured_ratio', 'busy_ratio']}
          name={(series) => METRIC_NAMES[series.metric] ?? series.metric}
          format={percent}
          source="flink"
          yMax={(dataMax) => Math.min(1, Math.max(0.05, dataMax))}
        />
        <ResourceChart
          title="Checkpoints"
          testId="chart-flink-checkpoints"
          group="flink"
          metrics={['checkpoint_duration_ms']}
          name={() => 'duration of the last completed'}
          format={ms}
          current={(metrics) => {
            const duration = latestOf(metrics, 'flink', null, 'checkpoint_duration_ms');
            const size = latestOf(metrics, 'flink', null, 'checkpoint_size_bytes');
            return `${duration === null ? '—' : ms(duration)} · ${bytes(size)}`;
          }}
          source="flink"
        />
      </div>
      <RunningJobs />
    </section>
  );
}
