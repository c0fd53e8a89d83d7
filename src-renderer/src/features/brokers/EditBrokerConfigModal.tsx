import { useState } from 'react';
import { AlterBrokerConfigsArgs, type BrokerConfigEntry } from '@shared/brokers';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { Field, Modal } from '@renderer/ui/Modal';
import { brokerCalls } from './brokers-store';

/**
 * Sets one dynamic config of a broker, or removes its override. The broker checks the value first (validateOnly): its
 * refusal shows under the field and nothing changes.
 */
export function EditBrokerConfigModal({ brokerId, entry, onClose }: { brokerId: number; entry: BrokerConfigEntry; onClose: (changed: boolean) => void }) {
  const [value, setValue] = useState(entry.value ?? '');
  const form = useContractForm({ fields: ['set', 'reset'] });
  const busy = form.busy !== null;
  const save = async () => {
    const args = { brokerId, set: { [entry.name]: value.trim() } };
    if (await form.submit(args, brokerCalls.alterConfigs, { schema: AlterBrokerConfigsArgs, kind: 'save' })) onClose(true);
  };
  const reset = async () => {
    if (await form.submit({ brokerId, reset: [entry.name] }, brokerCalls.alterConfigs, { schema: AlterBrokerConfigsArgs, kind: 'reset' })) onClose(true);
  };
  return (
    <Modal
      title={`${entry.name} on broker #${brokerId}`}
      onClose={() => onClose(false)}
      testId="edit-broker-config"
      footer={
        <>
          <button onClick={() => onClose(false)}>Cancel</button>
          {entry.source === 'dynamic-broker' && (
            <button disabled={busy} onClick={() => void reset()} data-testid="reset-broker-config">
              {form.busy === 'reset' ? 'Removing…' : 'Remove override'}
            </button>
          )}
          <button className="primary" disabled={busy} onClick={() => void save()} data-testid="save-broker-config">
            {form.busy === 'save' ? 'Checking with the broker…' : 'Save'}
          </button>
        </>
      }
    >
      <p className="muted">
        A per-broker dynamic config: the broker applies it without a restart. It validates the value first; nothing changes when it refuses.
      </p>
      <Field label="Value" error={form.error(`set.${entry.name}`) ?? form.error('set') ?? form.error('reset')}>
        <input aria-label="Value" value={value} onChange={(event) => setValue(event.target.value)} data-testid="broker-config-value" />
      </Field>
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
    </Modal>
  );
}
