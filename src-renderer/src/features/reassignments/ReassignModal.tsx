import { useState } from 'react';
import type { ReassignmentPlan } from '@shared/reassignments';
import type { TopicDetail } from '@shared/topics';
import { bytes } from '@renderer/format';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm, type ContractForm } from '@renderer/forms/use-contract-form';
import { PlanTable } from './PlanTable';
import { reassignmentCalls, reassignmentsStore } from './reassignments-store';

const FIELDS = ['replicationFactor', 'partitions', 'throttleBytesPerSec', 'allowMixedReplicationFactor'];
const MIB = 1024 * 1024;

/** "1, 2 3" → [1, 2, 3]; what is not a number stays NaN so the contract's check names the row. */
const replicaList = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));

/** MiB/s as typed → bytes/s; blank: no throttle. */
const throttleOf = (text: string) => (text.trim() === '' ? null : Math.round(Number(text) * MIB));

interface PlanState {
  factor: string;
  throttle: string;
  /** The replica lists as edited, by partition; null until a plan was generated. */
  rows: Record<string, string> | null;
  edited: boolean;
  mixed: boolean;
}

/** What the form sends: the generated plan's replication factor until a row is edited, then the rows themselves. */
function argsOf(topic: string, state: PlanState, dryRun: boolean) {
  const common = { topic, throttleBytesPerSec: throttleOf(state.throttle), dryRun };
  if (!state.edited || !state.rows) return { ...common, replicationFactor: Number(state.factor) };
  const partitions = Object.fromEntries(Object.entries(state.rows).map(([partition, text]) => [partition, replicaList(text)]));
  return { ...common, partitions, allowMixedReplicationFactor: state.mixed };
}

function PlanSummary({ plan }: { plan: ReassignmentPlan }) {
  const moving = plan.partitions.filter((p) => p.adding.length > 0 || p.removing.length > 0).length;
  return (
    <p className="muted" data-testid="reassign-summary">
      {moving === 0
        ? 'This plan changes nothing.'
        : `${moving} of ${plan.partitions.length} partitions change; ${bytes(plan.bytesToMove)} will be copied; brokers involved: ${plan.brokersInvolved.map((id) => `#${id}`).join(', ')}.`}
      {plan.throttleBytesPerSec !== null && moving > 0 && ` Replication throttled to ${bytes(plan.throttleBytesPerSec)}/s on each of them until it is done.`}
    </p>
  );
}

/** The replication factor, the throttle, and whether partitions may differ. */
function PlanOptions({ state, set, form, brokers }: { state: PlanState; set: (next: Partial<PlanState>) => void; form: ContractForm; brokers: number | null }) {
  return (
    <>
      <div className="form-row">
        <Field label="Replication factor" error={form.error('replicationFactor')} hint={brokers === null ? undefined : `${brokers} live brokers`}>
          <input
            type="number"
            min={1}
            value={state.factor}
            onChange={(event) => set({ factor: event.target.value, rows: null, edited: false })}
            data-testid="reassign-factor"
          />
        </Field>
        <Field label="Throttle (MiB/s per broker)" error={form.error('throttleBytesPerSec')} hint="Blank: no throttle. Removed when done.">
          <input
            type="number"
            min={0}
            step="any"
            value={state.throttle}
            placeholder="none"
            onChange={(event) => set({ throttle: event.target.value })}
            data-testid="reassign-throttle"
          />
        </Field>
      </div>
      {state.edited && (
        <label className="check">
          <input type="checkbox" checked={state.mixed} onChange={(event) => set({ mixed: event.target.checked })} /> Partitions may end with different
          replication factors
        </label>
      )}
    </>
  );
}

/** Reassign a topic's partitions: a generated balanced plan (or the rows as edited), previewed, then applied. */
export function ReassignModal({ detail, onClose }: { detail: TopicDetail; onClose: () => void }) {
  const topic = detail.summary.name;
  const [state, setState] = useState<PlanState>({ factor: String(detail.summary.replicationFactor), throttle: '', rows: null, edited: false, mixed: false });
  const [plan, setPlan] = useState<ReassignmentPlan | null>(null);
  const form = useContractForm({ fields: FIELDS });
  const set = (next: Partial<PlanState>) => (setState((s) => ({ ...s, ...next })), setPlan(null));
  const preview = async () => {
    const result = await form.submit(argsOf(topic, state, true), reassignmentCalls.reassign);
    if (!result) return;
    setPlan(result);
    if (!state.edited) setState((s) => ({ ...s, rows: Object.fromEntries(result.partitions.map((p) => [String(p.partition), p.target.join(', ')])) }));
  };
  const apply = async () => {
    if (await form.submit(argsOf(topic, state, false), reassignmentCalls.reassign)) {
      await reassignmentsStore.refresh();
      onClose();
    }
  };
  const busy = form.busy !== null;
  return (
    <Modal
      title={`Reassign partitions of ${topic}`}
      onClose={onClose}
      testId="reassign-modal"
      wide
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button disabled={busy} onClick={() => void preview()} data-testid="reassign-preview">
            {state.rows ? 'Preview' : 'Generate plan'}
          </button>
          <button className="primary" disabled={busy || !plan} onClick={() => void apply()} data-testid="reassign-apply">
            {busy ? 'Working…' : 'Apply'}
          </button>
        </>
      }
    >
      <p className="muted">
        A generated plan spreads replicas and preferred leaders evenly over the live brokers (rack-aware when racks are set) and keeps replicas where they are
        when it can. Edit a row to move replicas yourself; the first broker of a row is the preferred leader.
      </p>
      <PlanOptions state={state} set={set} form={form} brokers={plan?.brokers.length ?? null} />
      <PlanTable
        detail={detail}
        plan={plan}
        rows={state.rows}
        errorOf={(partition) => form.error(`partitions.${partition}`)}
        onEdit={(partition, text) => set({ rows: { ...state.rows, [partition]: text }, edited: true })}
      />
      {plan && <PlanSummary plan={plan} />}
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
    </Modal>
  );
}
