import type { UserListing } from '@shared/users';
import { useAction } from '@renderer/store';
import { ConfirmButton } from '@renderer/ui/ConfirmButton';
import { userCalls, usersStore } from './users-store';

/** The users and their SCRAM mechanisms; deleting removes every credential of the user. */
export function UsersTable({ listing }: { listing: UserListing }) {
  const { run, outcome } = useAction('users');
  if (listing.users.length === 0) return <div className="muted">No SCRAM user yet.</div>;
  return (
    <>
      {outcome && <div className={`note ${outcome.kind === 'error' ? 'error' : 'ok'}`}>{outcome.text}</div>}
      <table className="grid compact" data-testid="users-table">
        <thead>
          <tr>
            <th>User</th>
            <th>Mechanisms (iterations)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {listing.users.map((user) => (
            <tr key={user.name} data-testid={`user-${user.name}`}>
              <td>
                <code>User:{user.name}</code>
              </td>
              <td>{user.mechanisms.map((m) => `${m.mechanism.toUpperCase()} (${m.iterations})`).join(', ')}</td>
              <td className="right">
                {user.name === listing.signedInAs ? (
                  <span className="muted" title="Deleting it would lock StreamDesk out of this cluster">
                    StreamDesk signs in as this user
                  </span>
                ) : (
                  <ConfirmButton
                    question={`Delete ${user.name}? Its clients can no longer sign in.`}
                    onConfirm={() => run(() => userCalls.delete({ name: user.name }), { label: `Delete ${user.name}`, refresh: [usersStore] })}
                  >
                    Delete
                  </ConfirmButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
