import { useState } from 'react';
import { SetQuotaArgs, type QuotaEntry } from '@shared/users';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { useAction } from '@renderer/store';
import { Field } from '@renderer/ui/Modal';
import { quotasStore, userCalls } from './users-store';

const EMPTY = { user: '', clientId: '', producerByteRate: '', consumerByteRate: '', requestPercentage: '' };
const FIELDS = Object.keys(EMPTY);

/** The form's text as the contract's arguments: empty fields left out, numbers as numbers (a non-number stays, for the schema to name). */
function quotaArgs(draft: typeof EMPTY): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(draft)
      .filter(([, value]) => value.trim() !== '')
      .map(([key, value]) => [key, key === 'user' || key === 'clientId' || Number.isNaN(Number(value)) ? value.trim() : Number(value)]),
  );
}

/** Client quotas (produce and consume byte rates, request percentage) per user, client id or both: listed, set, removed. */
export function QuotasPanel() {
  const { data, error } = quotasStore.use();
  const [draft, setDraft] = useState(EMPTY);
  const form = useContractForm({ fields: FIELDS });
  const set = (field: keyof typeof EMPTY) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });
  const save = async () => {
    if (await form.submit(quotaArgs(draft), userCalls.setQuota, { schema: SetQuotaArgs })) await quotasStore.refresh();
  };
  return (
    <section className="panel" data-testid="quotas">
      <h2>Client quotas</h2>
      {error && <div className="callout error">{error}</div>}
      {data && <QuotasTable quotas={data.quotas} />}
      <div className="form-row wrap">
        <Field label="User" error={form.error('user')}>
          <input aria-label="Quota user" value={draft.user} onChange={set('user')} data-testid="quota-user" />
        </Field>
        <Field label="Client id" error={form.error('clientId')}>
          <input aria-label="Quota client id" value={draft.clientId} onChange={set('clientId')} data-testid="quota-client-id" />
        </Field>
        <Field label="Produce bytes/s" error={form.error('producerByteRate')}>
          <input aria-label="Produce bytes per second" value={draft.producerByteRate} onChange={set('producerByteRate')} data-testid="quota-produce" />
        </Field>
        <Field label="Consume bytes/s" error={form.error('consumerByteRate')}>
          <input aria-label="Consume bytes per second" value={draft.consumerByteRate} onChange={set('consumerByteRate')} data-testid="quota-consume" />
        </Field>
        <Field label="Request %" error={form.error('requestPercentage')}>
          <input aria-label="Request percentage" value={draft.requestPercentage} onChange={set('requestPercentage')} data-testid="quota-request" />
        </Field>
      </div>
      <button className="primary" disabled={form.busy !== null} onClick={() => void save()} data-testid="quota-set">
        Set quota
      </button>
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
    </section>
  );
}

const rate = (value: number | undefined) => (value === undefined ? '—' : value.toLocaleString());

function QuotasTable({ quotas }: { quotas: QuotaEntry[] }) {
  const { run, outcome } = useAction('quotas');
  if (quotas.length === 0) return <div className="muted">No client quota is set.</div>;
  return (
    <>
      {outcome && <div className={`note ${outcome.kind === 'error' ? 'error' : 'ok'}`}>{outcome.text}</div>}
      <table className="grid compact" data-testid="quotas-table">
        <thead>
          <tr>
            <th>User</th>
            <th>Client id</th>
            <th className="right">Produce B/s</th>
            <th className="right">Consume B/s</th>
            <th className="right">Request %</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {quotas.map((q) => (
            <tr key={`${q.user ?? ''}\u0000${q.clientId ?? ''}`} data-testid="quota-row">
              <td>{q.user ?? <span className="muted">any</span>}</td>
              <td>{q.clientId ?? <span className="muted">any</span>}</td>
              <td className="right">{rate(q.values.producer_byte_rate)}</td>
              <td className="right">{rate(q.values.consumer_byte_rate)}</td>
              <td className="right">{rate(q.values.request_percentage)}</td>
              <td className="right">
                <button
                  onClick={() =>
                    void run(() => userCalls.removeQuota({ ...(q.user ? { user: q.user } : {}), ...(q.clientId ? { clientId: q.clientId } : {}) }), {
                      label: 'Remove quota',
                      refresh: [quotasStore],
                    })
                  }
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
