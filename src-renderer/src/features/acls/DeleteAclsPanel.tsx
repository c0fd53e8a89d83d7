import { useState } from 'react';
import { DeleteAclsArgs } from '@shared/acls';
import { usePreviewApply, PreviewApplyButtons } from '@renderer/ui/PreviewApply';
import { AclTable } from './AclTable';
import { aclCalls, aclsStore } from './acls-store';
import { AclFilterFields, filled } from './acl-fields';

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
        <AclFilterFields fields={filter} set={set} purpose="delete" patterns={['literal', 'prefixed', 'match']} />
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
