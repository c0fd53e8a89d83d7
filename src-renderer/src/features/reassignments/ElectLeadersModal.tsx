import { useEffect, useState } from 'react';
import type { ElectLeadersResult } from '@shared/reassignments';
import { Modal } from '@renderer/ui/Modal';
import { ChangesTable } from '@renderer/ui/PreviewApply';
import { reassignmentCalls } from './reassignments-store';

type Change = ElectLeadersResult['changes'][number];

const columns = (applied: boolean, showTopic: boolean) => [
  ...(showTopic ? [{ label: 'Topic', render: (c: Change) => c.topic }] : []),
  { label: 'Partition', render: (c: Change) => c.partition },
  { label: 'Leader now', render: (c: Change) => `#${c.leader}` },
  { label: 'Preferred', render: (c: Change) => `#${c.preferred}` },
  {
    label: applied ? 'Outcome' : 'Will it move?',
    render: (c: Change) =>
      c.error ? (
        <span className="warn">{c.error}</span>
      ) : applied ? (
        <span className="ok">led by #{c.preferred}</span>
      ) : c.preferredInSync ? (
        'yes'
      ) : (
        <span className="warn">no: preferred replica not in sync</span>
      ),
  },
];

/** Preferred leader election for one topic or the whole cluster: the partitions that would change leader first, then Elect. */
export function ElectLeadersModal({ topic, onClose }: { topic?: string; onClose: () => void }) {
  const [result, setResult] = useState<ElectLeadersResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    setBusy(true);
    try {
      setResult(await reassignmentCalls.electLeaders({ ...(topic ? { topic } : {}), dryRun }));
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void run(true), []); // eslint-disable-line react-hooks/exhaustive-deps -- the preview once, on open
  const electable = result?.changes.filter((c) => c.preferredInSync).length ?? 0;
  const applied = result !== null && !result.dryRun;
  return (
    <Modal
      title={`Elect preferred leaders${topic ? ` of ${topic}` : ' (whole cluster)'}`}
      onClose={onClose}
      testId="elect-leaders-modal"
      wide
      footer={
        <>
          <button onClick={onClose}>{applied ? 'Close' : 'Cancel'}</button>
          {!applied && (
            <button className="primary" disabled={busy || electable === 0} onClick={() => void run(false)} data-testid="elect-apply">
              {busy ? 'Working…' : `Elect ${electable} leader${electable === 1 ? '' : 's'}`}
            </button>
          )}
        </>
      }
    >
      <p className="muted">Each partition led by another replica than its first (its preferred leader) is handed back to the first one, if it is in sync.</p>
      {result && result.changes.length === 0 && <p data-testid="elect-nothing">Every partition is led by its preferred replica: nothing to elect.</p>}
      {result && result.changes.length > 0 && (
        <ChangesTable rows={result.changes} columns={columns(applied, !topic)} rowKey={(c) => `${c.topic}/${c.partition}`} testId="elect-preview" />
      )}
      {error && <div className="form-error">{error}</div>}
    </Modal>
  );
}
