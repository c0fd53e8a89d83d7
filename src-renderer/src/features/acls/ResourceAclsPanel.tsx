import type { AclResourceType } from '@shared/acls';
import { hrefOf } from '@renderer/router';
import { AclTable } from './AclTable';
import { aclsStore } from './acls-store';

/** The bindings that apply to one topic or group: its literal name, `*`, and every prefix of it (DescribeAcls' MATCH). */
export function ResourceAclsPanel({ resourceType, name }: { resourceType: AclResourceType; name: string }) {
  const { data, error } = aclsStore.use({ resourceType, resourceName: name, patternType: 'match' });
  return (
    <section className="panel" data-testid="resource-acls">
      <h2>
        ACLs <a href={hrefOf('acls')}>all bindings</a>
      </h2>
      {error && <div className="muted">{error}</div>}
      {data && <AclTable bindings={data.bindings} testId="resource-acls-table" empty={`No binding applies to this ${resourceType}.`} />}
    </section>
  );
}
