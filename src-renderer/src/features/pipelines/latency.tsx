// End-to-end latency as the Pipelines page and a job's detail show it, with the one explanation
// of what the figure means (the tooltip and the detail panel say the same).
import type { PipelineLatency } from '@shared/flink';
import { elapsed } from '@renderer/format';

/** 850 ms, 8.2 s, 4 min 5 s; negative figures keep their sign. */
function duration(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(a / 60_000);
  if (minutes >= 120) return `${sign}${Math.round(a / 3_600_000)} h`;
  return `${sign}${minutes} min ${Math.round((a % 60_000) / 1000)} s`;
}

/** What the figure means, in words; used as the tooltip and the detail panel's text. */
function latencyMeaning(latency: PipelineLatency): string {
  return (
    `End-to-end latency: for each of the newest results in ${latency.sinkTopic} (those that arrived since the job started, within ${Math.round(latency.spanMs / 1000)} s of the newest), ` +
    `its arrival (the Kafka record timestamp: the broker's append time on a LogAppendTime topic, else the time Flink's producer sent it) ` +
    `minus the event time it carries in "${latency.eventTimeField}" (the newest input it includes). ` +
    `A windowed result arrives only after its window closes and the watermark passes it, so the figure includes that wait.` +
    (latency.oldestInputP50Ms !== null ? ' "From oldest input" measures from the oldest input of each result: the whole window\'s wait.' : '')
  );
}

/** The jobs table's cell: the median, or why there is none. */
export function LatencyCell({ latency }: { latency: PipelineLatency | null }) {
  if (!latency)
    return (
      <span className="muted" title="Not measured: it needs a running job whose pipeline names a sink topic and the result field that carries event time">
        —
      </span>
    );
  const title = `${latencyMeaning(latency)}${latency.note ? `\n\nNote: ${latency.note}` : ''}${latency.samples ? `\n\n${latency.samples} results: min ${duration(latency.minMs)}, median ${duration(latency.p50Ms)}, max ${duration(latency.maxMs)}` : ''}`;
  if (latency.p50Ms === null)
    return (
      <span className="muted" title={title} data-testid="latency">
        waiting…
      </span>
    );
  return (
    <span title={title} data-testid="latency" data-latency-ms={latency.p50Ms}>
      {duration(latency.p50Ms)}
      {latency.newestArrivalAt !== null && <div className="muted mono-small">as of {elapsed(latency.newestArrivalAt)} ago</div>}
    </span>
  );
}

/** The job detail's panel. */
export function LatencyPanel({ latency }: { latency: PipelineLatency | null }) {
  return (
    <section className="panel" data-testid="latency-panel">
      <header>
        <h2>End-to-end latency</h2>
      </header>
      {!latency ? (
        <div className="muted">Not measured: it needs a running job whose pipeline names a sink topic and the result field that carries event time.</div>
      ) : (
        <>
          <dl className="figures latency-figures">
            <div>
              <dt>Median</dt>
              <dd data-testid="latency-p50">{duration(latency.p50Ms)}</dd>
            </div>
            <div>
              <dt>Min</dt>
              <dd>{duration(latency.minMs)}</dd>
            </div>
            <div>
              <dt>Max</dt>
              <dd>{duration(latency.maxMs)}</dd>
            </div>
            {latency.oldestInputP50Ms !== null && (
              <div>
                <dt>From oldest input (median)</dt>
                <dd>{duration(latency.oldestInputP50Ms)}</dd>
              </div>
            )}
            <div>
              <dt>Results sampled</dt>
              <dd>{latency.samples}</dd>
            </div>
            <div>
              <dt>Newest result</dt>
              <dd>{latency.newestArrivalAt !== null ? `${elapsed(latency.newestArrivalAt)} ago` : '—'}</dd>
            </div>
          </dl>
          {latency.note && <div className="callout warn">{latency.note}</div>}
          <p className="muted">{latencyMeaning(latency)}</p>
        </>
      )}
    </section>
  );
}
