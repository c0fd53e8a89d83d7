import type { SchemaUsage } from '@shared/schemas';
import { hrefOf } from '@renderer/router';
import { usageStore } from './schemas-store';

/** Which topics use the subject: by TopicNameStrategy name, and by the ids their newest records carry (a bounded look, said so). */
export function UsagePanel({ subject }: { subject: string }) {
  const { data, error, loading } = usageStore.use({ subject });
  return (
    <section className="panel" data-testid="schema-usage">
      <header>
        <h2>Used by topics</h2>
        <button disabled={loading} onClick={() => void usageStore.refresh({ subject })}>
          {loading ? 'Looking…' : 'Look again'}
        </button>
      </header>
      {!data && <div className="muted">{error ?? 'Reading the newest records of the topics…'}</div>}
      {data && <UsageLists usage={data} />}
      {data && error && <div className="note error">{error}</div>}
    </section>
  );
}

function UsageLists({ usage }: { usage: SchemaUsage }) {
  const { scanned } = usage;
  return (
    <>
      <h3>By name (TopicNameStrategy: &lt;topic&gt;-key, &lt;topic&gt;-value)</h3>
      {usage.byName.length === 0 ? (
        <div className="muted">No topic is named after this subject.</div>
      ) : (
        <ul data-testid="usage-by-name">
          {usage.byName.map((u) => (
            <li key={`${u.topic}-${u.side}`}>
              <a href={hrefOf('topics', u.topic)}>{u.topic}</a> <span className="muted">({u.side})</span>
            </li>
          ))}
        </ul>
      )}
      <h3>By the schema ids in recent records</h3>
      {usage.byRecords.length === 0 ? (
        <div className="muted">No record looked at carries one of this subject&apos;s ids.</div>
      ) : (
        <ul data-testid="usage-by-records">
          {usage.byRecords.map((u) => (
            <li key={`${u.topic}-${u.side}`}>
              <a href={hrefOf('topics', u.topic)}>{u.topic}</a>{' '}
              <span className="muted">
                ({u.side}: {u.records} record{u.records === 1 ? '' : 's'} with id {u.ids.join(', ')})
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted" data-testid="usage-bounds">
        Looked at the newest {scanned.recordsPerPartition} records of each partition of {scanned.topics} of {scanned.topicsTotal} topics (those named after the
        subject first, then by name){scanned.topics < scanned.topicsTotal ? '; topics not looked at may use it too' : ''}.
        {scanned.failures.length > 0 && ` Could not read: ${scanned.failures.map((f) => `${f.topic} (${f.reason})`).join('; ')}.`}
      </p>
    </>
  );
}
