import { useState } from 'react';
import { DeleteAclsArgs } from '@shared/acls';
import { usePreviewApply, PreviewApplyButtons } from '@renderer/ui/PreviewApply';
import { AclTable } from './AclTable';
import { aclCalls, aclsStore } from './acls-store';
import { filled, OPERATIONS, RESOURCE_TYPES, Select } from './acl-fields';

const EMPTY = { principal: '', resourceType: '', resourceName: '', patternType: '', operation: '', permission: '', host: '' };

/** A delete filter: Preview lists exactly the bindings it removes (DescribeAcls matches as DeleteAcls does), Apply removes them. */
export function DeleteAclsPanel() {
  const [filter, setFilter] = useState(EMPTY);
  const state = usePreviewApply(
    async (dryRun) => {
      const args = { filter: filled(filter), dryRun };
      const checked = DeleteAclsArgs.safeParse(args);
      if (!checked.success) throw new Error(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const result = await aclCalls.delete(checked.data);
      return { ...result, applied: !result.dryRun };
    },
    () => void aclsStore.refresh(),
  );
  const set = (field: keyof typeof EMPTY) => (value: string) => {
    setFilter({ ...filter, [field]: value });
    state.clear();
  };
  return (
    <section className="panel" data-testid="delete-acls">
      <h2>Delete bindings</h2>
      <p className="muted">Fields left empty match any value; at least one must be set.</p>
      <div className="form-row wrap">
        <input
          aria-label="Delete principal"
          placeholder="principal"
          value={filter.principal}
          onChange={(e) => set('principal')(e.target.value)}
          data-testid="delete-principal"
        />
        <Select
          label="Delete resource type"
          value={filter.resourceType}
          options={RESOURCE_TYPES}
          anyLabel="any resource type"
          onChange={set('resourceType')}
          testId="delete-resource-type"
        />
        <input
          aria-label="Delete resource name"
          placeholder="resource name"
          value={filter.resourceName}
          onChange={(e) => set('resourceName')(e.target.value)}
          data-testid="delete-resource-name"
        />
        <Select
          label="Delete pattern"
          value={filter.patternType}
          options={['literal', 'prefixed', 'match']}
          anyLabel="any pattern"
          onChange={set('patternType')}
          testId="delete-pattern"
        />
        <Select
          label="Delete operation"
          value={filter.operation}
          options={OPERATIONS}
          anyLabel="any operation"
          onChange={set('operation')}
          testId="delete-operation"
        />
        <Select
          label="Delete permission"
          value={filter.permission}
          options={['allow', 'deny']}
          anyLabel="allow or deny"
          onChange={set('permission')}
          testId="delete-permission"
        />
        <PreviewApplyButtons blocked={state.preview?.bindings.length === 0 ? 'the filter matches no binding' : null} state={state} prefix="delete-acls" />
      </div>
      {state.error && <div className="form-error">{state.error}</div>}
      {state.preview && (
        <div data-testid={state.preview.applied ? 'delete-acls-removed' : 'delete-acls-would-remove'}>
          <h3>{state.preview.applied ? `Removed ${state.preview.bindings.length}` : `Would remove ${state.preview.bindings.length}`}</h3>
          <AclTable bindings={state.preview.bindings} testId="delete-acls-bindings" empty="The filter matches no binding." />
        </div>
      )}
    </section>
  );
}
