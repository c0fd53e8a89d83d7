import { useState } from 'react';
import type { CallArgs } from '@shared/contract';
import { AclCheckArgs, type AclCheckResult } from '@shared/acls';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { Field } from '@renderer/ui/Modal';
import { AclTable } from './AclTable';
import { aclCalls } from './acls-store';
import { filled, OPERATIONS, RESOURCE_TYPES, Select } from './acl-fields';

const EMPTY = { principal: 'User:', operation: 'write', resourceType: 'topic', resourceName: '', host: '' };
const FIELDS = Object.keys(EMPTY);
const DECISION_TEXT = { 'super-user': 'a super user', deny: 'a deny binding', allow: 'an allow binding', none: 'no binding' };

/** "Can P do O on R from H?" answered by Kafka's rules from the cluster's bindings, with the bindings that decide it. */
export function AclCheckerPanel() {
  const [question, setQuestion] = useState(EMPTY);
  const [answer, setAnswer] = useState<AclCheckResult | null>(null);
  const form = useContractForm({ fields: FIELDS });
  const set = (field: keyof typeof EMPTY) => (value: string) => setQuestion({ ...question, [field]: value });
  const ask = async () => setAnswer((await form.submit(filled(question) as CallArgs<'acls:check'>, aclCalls.check, { schema: AclCheckArgs })) ?? null);
  return (
    <section className="panel" data-testid="acl-checker">
      <h2>Check access</h2>
      <div className="form-row wrap">
        <Field label="Principal" error={form.error('principal')}>
          <input aria-label="Check principal" value={question.principal} onChange={(e) => set('principal')(e.target.value)} data-testid="check-principal" />
        </Field>
        <Field label="Operation" error={form.error('operation')}>
          <Select
            label="Check operation"
            value={question.operation}
            options={OPERATIONS.filter((o) => o !== 'all')}
            onChange={set('operation')}
            testId="check-operation"
          />
        </Field>
        <Field label="Resource type" error={form.error('resourceType')}>
          <Select
            label="Check resource type"
            value={question.resourceType}
            options={RESOURCE_TYPES}
            onChange={set('resourceType')}
            testId="check-resource-type"
          />
        </Field>
        <Field label="Resource name" error={form.error('resourceName')}>
          <input
            aria-label="Check resource name"
            value={question.resourceName}
            onChange={(e) => set('resourceName')(e.target.value)}
            data-testid="check-resource-name"
          />
        </Field>
        <Field label="From host" error={form.error('host')} hint="empty: a host no binding names">
          <input aria-label="Check host" value={question.host} onChange={(e) => set('host')(e.target.value)} data-testid="check-host" />
        </Field>
      </div>
      <button className="primary" disabled={form.busy !== null} onClick={() => void ask()} data-testid="check-run">
        {form.busy ? 'Checking…' : 'Check'}
      </button>
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
      {answer && <CheckAnswer answer={answer} />}
    </section>
  );
}

function CheckAnswer({ answer }: { answer: AclCheckResult }) {
  return (
    <div data-testid="check-answer">
      <div className={`callout ${answer.allowed ? 'ok' : 'error'}`} data-testid="check-verdict">
        <span>
          <strong>{answer.allowed ? 'Allowed' : 'Denied'}</strong> (decided by {DECISION_TEXT[answer.decision]}): {answer.reason}
        </span>
      </div>
      {answer.decidedBy.length > 0 && <AclTable bindings={answer.decidedBy} testId="check-decided-by" empty="" />}
    </div>
  );
}
