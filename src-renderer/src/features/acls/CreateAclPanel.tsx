import { useState } from 'react';
import type { CallArgs } from '@shared/contract';
import { AclBinding } from '@shared/acls';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { Field } from '@renderer/ui/Modal';
import { aclCalls, aclsStore } from './acls-store';
import { OPERATIONS, RESOURCE_TYPES, Select } from './acl-fields';

const EMPTY = { principal: 'User:', resourceType: 'topic', resourceName: '', patternType: 'literal', operation: 'read', permission: 'allow', host: '*' };
const FIELDS = Object.keys(EMPTY);

/** Adds one binding; the contract's schema and the broker's answer show beside their fields. */
export function CreateAclPanel() {
  const [draft, setDraft] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const form = useContractForm({ fields: FIELDS });
  const set = (field: keyof typeof EMPTY) => (value: string) => setDraft({ ...draft, [field]: value });
  const submit = async () => {
    // the selects' text is checked by the contract's schema before the call
    const done = await form.submit(draft as CallArgs<'acls:create'>, aclCalls.create, { schema: AclBinding });
    if (!done) return setCreated(null);
    setCreated(`${done.permission} ${done.principal} ${done.operation} on ${done.resourceType} ${done.resourceName} (${done.patternType})`);
    await aclsStore.refresh();
  };
  return (
    <section className="panel" data-testid="create-acl">
      <h2>Add a binding</h2>
      <div className="form-row wrap">
        <Field label="Principal" error={form.error('principal')}>
          <input aria-label="Principal" value={draft.principal} onChange={(e) => set('principal')(e.target.value)} data-testid="acl-principal" />
        </Field>
        <Field label="Permission" error={form.error('permission')}>
          <Select label="Permission" value={draft.permission} options={['allow', 'deny']} onChange={set('permission')} testId="acl-permission" />
        </Field>
        <Field label="Operation" error={form.error('operation')}>
          <Select label="Operation" value={draft.operation} options={OPERATIONS} onChange={set('operation')} testId="acl-operation" />
        </Field>
        <Field label="Resource type" error={form.error('resourceType')}>
          <Select label="Resource type" value={draft.resourceType} options={RESOURCE_TYPES} onChange={set('resourceType')} testId="acl-resource-type" />
        </Field>
        <Field label="Resource name" error={form.error('resourceName')} hint="* is every name">
          <input aria-label="Resource name" value={draft.resourceName} onChange={(e) => set('resourceName')(e.target.value)} data-testid="acl-resource-name" />
        </Field>
        <Field label="Pattern" error={form.error('patternType')}>
          <Select label="Pattern" value={draft.patternType} options={['literal', 'prefixed']} onChange={set('patternType')} testId="acl-pattern" />
        </Field>
        <Field label="Host" error={form.error('host')}>
          <input aria-label="Host" value={draft.host} onChange={(e) => set('host')(e.target.value)} data-testid="acl-host" />
        </Field>
      </div>
      <button className="primary" disabled={form.busy !== null} onClick={() => void submit()} data-testid="acl-create">
        {form.busy ? 'Adding…' : 'Add binding'}
      </button>
      {created && (
        <div className="note ok" data-testid="acl-created">
          Added: {created}
        </div>
      )}
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
    </section>
  );
}
