import { QuotasPanel } from './QuotasPanel';
import { UserPasswordPanel } from './UserPasswordPanel';
import { UsersTable } from './UsersTable';
import { usersStore } from './users-store';

/** SCRAM users (created with a typed or generated password, shown once), and client quotas. */
export function UsersPage() {
  const { data, error } = usersStore.use();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Users and quotas</h1>
          <div className="muted" data-testid="users-summary">
            {data ? `${data.users.length} SCRAM user${data.users.length === 1 ? '' : 's'}` : 'Reading the users…'}
          </div>
        </div>
      </div>
      <section className="panel">
        {error && <div className="callout error">{data ? `Could not refresh: ${error}` : error}</div>}
        {data && <UsersTable listing={data} />}
      </section>
      <UserPasswordPanel />
      <QuotasPanel />
    </div>
  );
}
