import type { AclBinding } from '@shared/acls';

/** Bindings, one a row: who, allow or deny, what operation, on which resource pattern, from which host. */
export function AclTable({ bindings, testId, empty }: { bindings: AclBinding[]; testId: string; empty: string }) {
  if (bindings.length === 0)
    return (
      <div className="muted" data-testid={`${testId}-empty`}>
        {empty}
      </div>
    );
  return (
    <table className="grid compact" data-testid={testId}>
      <thead>
        <tr>
          <th>Principal</th>
          <th>Permission</th>
          <th>Operation</th>
          <th>Resource</th>
          <th>Pattern</th>
          <th>Host</th>
        </tr>
      </thead>
      <tbody>
        {bindings.map((b) => (
          <tr key={[b.principal, b.permission, b.operation, b.resourceType, b.resourceName, b.patternType, b.host].join('\u0000')} data-testid="acl-row">
            <td>
              <code>{b.principal}</code>
            </td>
            <td>
              <span className={`flag ${b.permission === 'allow' ? 'ok' : 'error'}`}>{b.permission}</span>
            </td>
            <td>{b.operation}</td>
            <td>
              {b.resourceType} <code>{b.resourceName}</code>
            </td>
            <td>{b.patternType}</td>
            <td>{b.host}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
