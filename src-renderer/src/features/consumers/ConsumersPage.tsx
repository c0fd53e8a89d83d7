import { useCallback, useEffect, useState } from 'react';
import type { ConsumerGroupDetail, ConsumerGroupListing, ConsumerGroupSummary, ResetOffsetsResult, ResetTarget } from '@shared/consumers';
import { VirtualRows } from '@renderer/ui/VirtualRows';
import { Field } from '@renderer/ui/Modal';
import { ChangesTable, PreviewApplyButtons, usePreviewApply, type ChangeColumn } from '@renderer/ui/PreviewApply';
import { num } from '@renderer/format';
import { hrefOf } from '@renderer/router';
import { consumerCalls, groupsStore, groupStore, readSummaries, type GroupList } from './consumers-store';
import { GroupLagChart } from './GroupLagChart';
import { ResourceAclsPanel } from '@renderer/features/acls/ResourceAclsPanel';

type TargetKind = ResetTarget['kind'];

const RESET_COLUMNS: ChangeColumn<ResetOffsetsResult['changes'][number]>[] = [
  { label: 'Topic', render: (change) => change.topic },
  { label: 'Partition', render: (change) => change.partition },
  { label: 'Current', render: (change) => change.current ?? '—', right: true },
  { label: 'New', render: (change) => change.next, right: true },
];

function ResetTargetFields({
  kind,
  value,
  onKind,
  onValue,
}: {
  kind: TargetKind;
  value: string;
  onKind: (kind: TargetKind) => void;
  onValue: (value: string) => void;
}) {
  return (
    <>
      <Field label="To">
        <select value={kind} onChange={(event) => onKind(event.target.value as TargetKind)}>
          <option value="earliest">earliest</option>
          <option value="latest">latest</option>
          <option value="timestamp">a time</option>
          <option value="offset">an offset</option>
        </select>
      </Field>
      {kind === 'timestamp' && (
        <Field label="Time">
          <input type="datetime-local" value={value} onChange={(event) => onValue(event.target.value)} />
        </Field>
      )}
      {kind === 'offset' && (
        <Field label="Offset">
          <input type="number" min={0} value={value} onChange={(event) => onValue(event.target.value)} />
        </Field>
      )}
    </>
  );
}

function ResetPanel({ group, onDone }: { group: ConsumerGroupDetail; onDone: () => void }) {
  const [kind, setKind] = useState<TargetKind>('earliest');
  const [value, setValue] = useState('');
  const target = (): ResetTarget =>
    kind === 'timestamp' ? { kind, ms: new Date(value).getTime() } : kind === 'offset' ? { kind, offset: Number(value) } : { kind };
  const reset = usePreviewApply((dryRun) => consumerCalls.resetOffsets({ groupId: group.summary.groupId, to: target(), dryRun }), onDone);
  const blocked = group.summary.state === 'Empty' ? null : `Only while the group is empty: stop its consumers first (now ${group.summary.state}).`;
  return (
    <section className="panel" data-testid="reset-offsets">
      <header>
        <h2>Reset offsets</h2>
        {blocked && <span className="muted">{blocked}</span>}
      </header>
      <div className="form-row browse-form">
        <ResetTargetFields kind={kind} value={value} onKind={(next) => (setKind(next), reset.clear())} onValue={setValue} />
        <PreviewApplyButtons blocked={blocked} state={reset} prefix="reset" />
      </div>
      {reset.error && <div className="note error">{reset.error}</div>}
      {reset.preview && (
        <ChangesTable rows={reset.preview.changes} columns={RESET_COLUMNS} rowKey={(change) => `${change.topic}-${change.partition}`} testId="reset-changes" />
      )}
      {reset.preview?.applied && <div className="note ok">Applied: the group's committed offsets now are the new ones.</div>}
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
      <ResourceAclsPanel resourceType="group" name={groupId} />
    </>
  );
}

const GROUP_COLUMNS = 'minmax(220px, 2fr) 150px 90px minmax(200px, 3fr) 120px';

/** One group's row: its state at once, members, topics and lag once its summary is read (… until then). */
function GroupRow({ group, summary, selected }: { group: ConsumerGroupListing; summary: ConsumerGroupSummary | undefined; selected: boolean }) {
  return (
    <a
      className={`vtable-row${selected ? ' selected' : ''}`}
      href={hrefOf('consumers', group.groupId)}
      style={{ gridTemplateColumns: GROUP_COLUMNS }}
      data-group={group.groupId}
      data-summarized={summary !== undefined}
    >
      <span className="name">{group.groupId}</span>
      <span>{group.state}</span>
      <span className="right">{summary ? summary.members : '…'}</span>
      <span className="muted ellipsis">{summary ? summary.topics.join(', ') : '…'}</span>
      <span className="right">{summary ? num(summary.totalLag) : '…'}</span>
    </a>
  );
}

/** Every group (only the rows in view are drawn, and their lag is read first). */
function GroupsTable({ list, groupId }: { list: GroupList | null; groupId: string | null }) {
  const onDrawn = useCallback((drawn: readonly ConsumerGroupListing[]) => readSummaries(drawn.map((group) => group.groupId)), []);
  // the rows were read again: the reading goes on from where it is
  useEffect(() => readSummaries([]), [list]);
  return (
    <div className="vtable" data-testid="groups-table">
      <div className="vtable-head" style={{ gridTemplateColumns: GROUP_COLUMNS }}>
        <span>Group</span>
        <span>State</span>
        <span className="right">Members</span>
        <span>Topics</span>
        <span className="right">Total lag</span>
      </div>
      <VirtualRows
        items={list?.groups ?? []}
        rowHeight={36}
        maxHeight={groupId ? 260 : 560}
        onDrawn={onDrawn}
        render={(group) => <GroupRow key={group.groupId} group={group} summary={list?.summaries.get(group.groupId)} selected={group.groupId === groupId} />}
      />
    </div>
  );
}

/** Consumer groups: state, members, topics and lag; a group's lag per partition; offset resets. */
export function ConsumersPage({ groupId }: { groupId: string | null }) {
  const { data: list, error } = groupsStore.use();
  const read = list ? list.groups.reduce((count, group) => count + (list.summaries.has(group.groupId) ? 1 : 0), 0) : 0;
  const progress = list?.summariesError
    ? ` · lag could not be read: ${list.summariesError}`
    : list && read < list.groups.length
      ? ` · reading members and lag… (${num(read)} of ${num(list.groups.length)})`
      : '';
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Consumer groups</h1>
          <div className="muted">{list ? `${num(list.groups.length)} groups${progress}` : 'Loading…'}</div>
        </div>
      </div>
      {error && <div className="callout error">{error}</div>}
      <GroupsTable list={list} groupId={groupId} />
      {list?.groups.length === 0 && <div className="muted">No consumer group on this cluster.</div>}
      {groupId && <GroupDetail key={groupId} groupId={groupId} onChanged={() => (void groupsStore.refresh(), (location.hash = hrefOf('consumers')))} />}
    </div>
  );
}
