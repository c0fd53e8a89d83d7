import { useState } from 'react';
import type { AclFilter } from '@shared/acls';
import { AclTable } from './AclTable';
import { AclCheckerPanel } from './AclCheckerPanel';
import { CreateAclPanel } from './CreateAclPanel';
import { DeleteAclsPanel } from './DeleteAclsPanel';
import { aclsStore } from './acls-store';
import { filled, OPERATIONS, RESOURCE_TYPES, Select } from './acl-fields';

const NO_FILTER = { principal: '', resourceType: '', patternType: '', operation: '', permission: '' };

/** The cluster's ACL bindings with filters, a form to add one, the checker, and deletes previewed first. */
export function AclsPage() {
  const [fields, setFields] = useState(NO_FILTER);
  const filter = filled(fields) as AclFilter;
  const { data, error } = aclsStore.use(filter);
  const set = (field: keyof typeof NO_FILTER) => (value: string) => setFields({ ...fields, [field]: value });
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>ACLs</h1>
          <div className="muted" data-testid="acls-summary">
            {data
              ? `${data.bindings.length} binding${data.bindings.length === 1 ? '' : 's'}${Object.keys(filter).length > 0 ? ' match the filters' : ''}`
              : 'Reading the bindings…'}
          </div>
        </div>
      </div>
      <section className="panel">
        <div className="form-row wrap" data-testid="acl-filters">
          <input
            aria-label="Filter principal"
            placeholder="principal (User:alice)"
            value={fields.principal}
            onChange={(e) => set('principal')(e.target.value)}
            data-testid="filter-principal"
          />
          <Select
            label="Filter resource type"
            value={fields.resourceType}
            options={RESOURCE_TYPES}
            anyLabel="any resource type"
            onChange={set('resourceType')}
            testId="filter-resource-type"
          />
          <Select
            label="Filter pattern"
            value={fields.patternType}
            options={['literal', 'prefixed']}
            anyLabel="any pattern"
            onChange={set('patternType')}
            testId="filter-pattern"
          />
          <Select
            label="Filter operation"
            value={fields.operation}
            options={OPERATIONS}
            anyLabel="any operation"
            onChange={set('operation')}
            testId="filter-operation"
          />
          <Select
            label="Filter permission"
            value={fields.permission}
            options={['allow', 'deny']}
            anyLabel="allow or deny"
            onChange={set('permission')}
            testId="filter-permission"
          />
        </div>
        {error && <div className="callout error">{data ? `Could not refresh: ${error}` : error}</div>}
        {data && <AclTable bindings={data.bindings} testId="acls-table" empty="No binding matches." />}
      </section>
      <AclCheckerPanel />
      <CreateAclPanel />
      <DeleteAclsPanel />
    </div>
  );
}
