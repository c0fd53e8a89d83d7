import { useState } from 'react';
import { DeleteConnectorArgs } from '@shared/connect';
import type { ConnectorAt } from './connect-route';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { navigate } from '@renderer/router';
import { connectCalls, overviewStore } from './connect-store';

/** Delete a connector once its name is typed: its config and status go; its topics and their records stay. */
export function DeleteConnectorModal({ connector, onClose }: { connector: ConnectorAt; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const form = useContractForm({ fields: ['confirm', 'name'] });
  const busy = form.busy !== null;
  const remove = async () => {
    if (!(await form.submit({ ...connector, confirm: typed }, connectCalls.delete, { schema: DeleteConnectorArgs }))) return;
    onClose();
    void overviewStore.refresh();
    navigate('connect');
  };
  return (
    <Modal
      title={`Delete ${connector.name}?`}
      onClose={onClose}
      testId="delete-connector-modal"
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="danger" disabled={busy || typed !== connector.name} onClick={() => void remove()} data-testid="delete-connector-confirm">
            {busy ? 'Deleting…' : 'Delete connector'}
          </button>
        </>
      }
    >
      <p>
        The connector and its tasks are deleted from {connector.cluster}. Its topics and their records stay, and so do its offsets: a connector created again
        under this name starts from them.
      </p>
      <Field label={`Type ${connector.name} to confirm`} error={form.error('confirm') ?? form.error('name') ?? form.error('form')}>
        <input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} data-testid="delete-connector-typed" />
      </Field>
    </Modal>
  );
}
