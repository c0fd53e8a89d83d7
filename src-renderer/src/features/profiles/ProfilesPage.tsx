import { useEffect, useState } from 'react';
import type { ConnectionTestResult, ProfileView } from '@shared/profiles';
import { useAction } from '@renderer/store';
import { profileCalls, profilesStore } from './profiles-store';
import { ProfileForm } from './ProfileForm';
import { TestResults } from './TestResults';
import { ConfirmButton } from '@renderer/ui/ConfirmButton';

function Summary({ profile }: { profile: ProfileView }) {
  const parts = [profile.kafkaBootstrap.join(', ')];
  if (profile.auth.mechanism !== 'none') parts.push(`${profile.auth.mechanism.toUpperCase()} as ${profile.auth.username}`);
  if (profile.tls.enabled) parts.push(profile.tls.certFile ? 'mTLS' : 'TLS');
  if (profile.zookeeper) parts.push(`ZooKeeper ${profile.zookeeper}`);
  if (profile.flink.url) parts.push(`Flink ${profile.flink.url}`);
  if (profile.schemaRegistry.url) parts.push(`Schema Registry ${profile.schemaRegistry.url}`);
  if (profile.connect.urls.length > 0) parts.push(`Kafka Connect ${profile.connect.urls.join(', ')}`);
  return <div className="muted">{parts.join(' · ')}</div>;
}

/** One profile: what it connects to, use, test, edit and delete. */
function ProfileCard({ profile, active, onEdit }: { profile: ProfileView; active: boolean; onEdit: () => void }) {
  const { run } = useAction('profiles');
  const test = useAction(`profile-test:${profile.id}`);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const act = (action: () => Promise<unknown>) => void run(action, { refresh: [profilesStore] });
  const testing = test.busy !== null;
  const runTest = () => {
    setResult(null);
    void test.run(() => profileCalls.test({ id: profile.id })).then((answer) => answer && setResult(answer));
  };
  return (
    <section className={`panel profile${active ? ' active' : ''}`} data-profile={profile.name} data-active={active}>
      <header>
        <div>
          <h2>
            {profile.name} {active && <span className="flag ok">active</span>}
          </h2>
          <Summary profile={profile} />
        </div>
        <div className="actions">
          {!active && <button onClick={() => act(() => profileCalls.activate(profile.id))}>Use</button>}
          <button onClick={runTest} disabled={testing}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
          {!profile.builtIn && <button onClick={onEdit}>Edit</button>}
          {!profile.builtIn && (
            <ConfirmButton question={`Delete the profile “${profile.name}”?`} onConfirm={() => act(() => profileCalls.delete(profile.id))}>
              Delete
            </ConfirmButton>
          )}
        </div>
      </header>
      {result && !testing && <TestResults result={result} />}
      {test.outcome?.kind === 'error' && !testing && <div className="note error">{test.outcome.text}</div>}
    </section>
  );
}

/** Local stack plus saved remote clusters; switching one switches every page live. */
export function ProfilesPage() {
  const { data: state, error } = profilesStore.use();
  const [editing, setEditing] = useState<ProfileView | 'new' | null>(null);
  const { outcome } = useAction('profiles');
  const actionError = outcome?.kind === 'error' ? outcome.text : null;
  // read again whenever the page opens (App follows the list meanwhile)
  useEffect(() => void profilesStore.refresh(), []);
  if (!state) return <div className="page-empty">{error ?? 'Loading profiles…'}</div>;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Connection profiles</h1>
          <div className="muted" data-testid="secret-storage">
            Secrets: {state.secretStorage.description}
          </div>
        </div>
        <button className="primary" onClick={() => setEditing('new')} data-testid="new-profile">
          New profile
        </button>
      </div>
      {state.problems.map((problem) => (
        <div className="callout warn" key={problem}>
          {problem}
        </div>
      ))}
      {actionError && <div className="callout error">{actionError}</div>}
      {state.profiles.map((profile) => (
        <ProfileCard key={profile.id} profile={profile} active={profile.id === state.activeId} onEdit={() => setEditing(profile)} />
      ))}
      {editing && (
        <ProfileForm
          profile={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void profilesStore.refresh();
          }}
        />
      )}
    </div>
  );
}
