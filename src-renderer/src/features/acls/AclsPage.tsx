import { useState } from 'react';
import type { AclFilter } from '@shared/acls';
import { AclTable } from './AclTable';
import { AclCheckerPanel } from './AclCheckerPanel';
import { CreateAclPanel } from './CreateAclPanel';
import { DeleteAclsPanel } from './DeleteAclsPanel';
import { aclsStore } from './acls-store';
import { AclFilterFields, filled } from './acl-fields';

const NO_FILTER = { principal: '', resourceType: '', patternType: '', operation: '', permission: '' };

/** The cluster's ACL bindings with filters, a form to add one, the checker, and deletes previewed first. */
export function AclsPage() {
  const [fields, setFields] = useState(NO_FILTER);
  const filter = filled(fields) as AclFilter;
  const { data, error } = aclsStore.use(filter);
  // the listing's filter has no resource name field, so AclFilterFields never sets one
  const set = (field: string) => (value: string) => setFields({ ...fields, [field]: value });
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
          <AclFilterFields fields={fields} set={set} purpose="filter" patterns={['literal', 'prefixed']} />
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
