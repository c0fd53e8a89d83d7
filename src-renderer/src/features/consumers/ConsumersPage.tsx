import { useState } from 'react';
import type { ConsumerGroupDetail, ResetOffsetsResult, ResetTarget } from '@shared/consumers';
import { Field } from '@renderer/ui/Modal';
import { num } from '@renderer/format';
import { hrefOf } from '@renderer/router';
import { consumerCalls, groupsStore, groupStore } from './consumers-store';
import { GroupLagChart } from './GroupLagChart';

type TargetKind = ResetTarget['kind'];

function ResetPanel({ group, onDone }: { group: ConsumerGroupDetail; onDone: () => void }) {
  const [kind, setKind] = useState<TargetKind>('earliest');
  const [value, setValue] = useState('');
  const [preview, setPreview] = useState<ResetOffsetsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const target = (): ResetTarget =>
    kind === 'timestamp' ? { kind, ms: new Date(value).getTime() } : kind === 'offset' ? { kind, offset: Number(value) } : { kind };
  const run = (dryRun: boolean) =>
    consumerCalls.resetOffsets({ groupId: group.summary.groupId, to: target(), dryRun }).then(
      (result) => {
        setError(null);
        setPreview(result);
        if (!dryRun) onDone();
      },
      (caught: Error) => setError(caught.message),
    );
  const empty = group.summary.state === 'Empty';
  return (
    <section className="panel" data-testid="reset-offsets">
      <header>
        <h2>Reset offsets</h2>
        {!empty && <span className="muted">Only while the group is empty: stop its consumers first (now {group.summary.state}).</span>}
      </header>
      <div className="form-row browse-form">
        <Field label="To">
          <select value={kind} onChange={(event) => (setKind(event.target.value as TargetKind), setPreview(null))}>
            <option value="earliest">earliest</option>
            <option value="latest">latest</option>
            <option value="timestamp">a time</option>
            <option value="offset">an offset</option>
          </select>
        </Field>
        {kind === 'timestamp' && (
          <Field label="Time">
            <input type="datetime-local" value={value} onChange={(event) => setValue(event.target.value)} />
          </Field>
        )}
        {kind === 'offset' && (
          <Field label="Offset">
            <input type="number" min={0} value={value} onChange={(event) => setValue(event.target.value)} />
          </Field>
        )}
        <button onClick={() => void run(true)} data-testid="reset-preview">
          Preview
        </button>
        <button className="primary" disabled={!empty || !preview || preview.applied} onClick={() => void run(false)} data-testid="reset-apply">
          Apply
        </button>
      </div>
      {error && <div className="note error">{error}</div>}
      {preview && (
        <table className="grid compact" data-testid="reset-changes">
          <thead>
            <tr>
              <th>Topic</th>
              <th>Partition</th>
              <th className="right">Current</th>
              <th className="right">New</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((change) => (
              <tr key={`${change.topic}-${change.partition}`}>
                <td>{change.topic}</td>
                <td>{change.partition}</td>
                <td className="right">{change.current ?? '—'}</td>
                <td className="right">{change.next}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview?.applied && <div className="note ok">Applied: the group's committed offsets now are the new ones.</div>}
    </section>
  );
}

function GroupDetail({ groupId, onChanged }: { groupId: string; onChanged: () => void }) {
  const { data: group, error: loadError } = groupStore.use({ groupId });
  const [actionError, setActionError] = useState<string | null>(null);
  const error = actionError ?? loadError;
  if (!group) return <div className="page-empty">{error ?? 'Loading…'}</div>;
  return (
    <>
      <section className="panel" data-testid="group-detail">
        <header>
          <h2>
            {group.summary.groupId} · {group.summary.state} · {group.summary.members} member{group.summary.members === 1 ? '' : 's'} · lag{' '}
            {num(group.summary.totalLag)}
          </h2>
          <button
            className="danger"
            onClick={() => {
              const typed = window.prompt(`Type the group id to delete it: ${groupId}`);
              if (typed !== null) void consumerCalls.delete(groupId, typed).then(onChanged, (caught: Error) => setActionError(caught.message));
            }}
          >
            Delete group
          </button>
        </header>
        {error && <div className="note error">{error}</div>}
        <GroupLagChart groupId={groupId} currentLag={group.summary.totalLag} />
        <table className="grid compact">
          <thead>
            <tr>
              <th>Topic</th>
              <th>Partition</th>
              <th className="right">Committed</th>
              <th className="right">End</th>
              <th className="right">Lag</th>
              <th>Member</th>
            </tr>
          </thead>
          <tbody>
            {group.partitions.map((partition) => (
              <tr key={`${partition.topic}-${partition.partition}`}>
                <td>
                  <a href={hrefOf('topics', partition.topic)}>{partition.topic}</a>
                </td>
                <td>{partition.partition}</td>
                <td className="right">{partition.committed ?? '—'}</td>
                <td className="right">{partition.end}</td>
                <td className="right">{num(partition.lag)}</td>
                <td className="muted">{partition.clientId ? `${partition.clientId} (${partition.host})` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ResetPanel group={group} onDone={() => void groupStore.refresh({ groupId })} />
    </>
  );
}

/** Consumer groups: state, members, topics and lag; a group's lag per partition; offset resets. */
export function ConsumersPage({ groupId }: { groupId: string | null }) {
  const { data: groups, error } = groupsStore.use();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Consumer groups</h1>
          <div className="muted">{groups ? `${groups.length} groups` : 'Loading…'}</div>
        </div>
      </div>
      {error && <div className="callout error">{error}</div>}
      <table className="grid compact" data-testid="groups-table">
        <thead>
          <tr>
            <th>Group</th>
            <th>State</th>
            <th className="right">Members</th>
            <th>Topics</th>
            <th className="right">Total lag</th>
          </tr>
        </thead>
        <tbody>
          {(groups ?? []).map((group) => (
            <tr key={group.groupId} data-group={group.groupId} className={group.groupId === groupId ? 'selected' : undefined}>
              <td>
                <a href={hrefOf('consumers', group.groupId)}>{group.groupId}</a>
              </td>
              <td>{group.state}</td>
              <td className="right">{group.members}</td>
              <td className="muted">{group.topics.join(', ')}</td>
              <td className="right">{num(group.totalLag)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups?.length === 0 && <div className="muted">No consumer group on this cluster.</div>}
      {groupId && <GroupDetail key={groupId} groupId={groupId} onChanged={() => (void groupsStore.refresh(), (location.hash = hrefOf('consumers')))} />}
    </div>
  );
}
