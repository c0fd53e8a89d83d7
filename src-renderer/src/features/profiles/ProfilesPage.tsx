import { useEffect, useState } from 'react';
import type { ConnectionTestResult, ProfileView } from '../../../../src-shared/profiles';

import { profileCalls, useProfiles } from './profiles-store';
import { ProfileForm } from './ProfileForm';
import { TestResults } from './TestResults';

function Summary({ profile }: { profile: ProfileView }) {
  const parts = [profile.kafkaBootstrap.join(', ')];
  if (profile.auth.mechanism !== 'none') parts.push(`${profile.auth.mechanism.toUpperCase()} as ${profile.auth.username}`);
  if (profile.tls.enabled) parts.push(profile.tls.certFile ? 'mTLS' : 'TLS');
  if (profile.zookeeper) parts.push(`ZooKeeper ${profile.zookeeper}`);
  if (profile.flink.url) parts.push(`Flink ${profile.flink.url}`);
  return <div className="muted">{parts.join(' · ')}</div>;
}

/** Local stack plus saved remote clusters; switching one switches every page live. */
export function ProfilesPage() {
  const { state, error, load } = useProfiles();
  const [editing, setEditing] = useState<ProfileView | 'new' | null>(null);
  const [tests, setTests] = useState<Record<string, ConnectionTestResult | 'running' | string>>({});
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  if (!state) return <div className="page-empty">{error ?? 'Loading profiles…'}</div>;

  async function act(action: () => Promise<unknown>) {
    setActionError(null);
    try {
      await action();
      await load();
    } catch (caught) {
      setActionError((caught as Error).message);
    }
  }
  async function test(id: string) {
    setTests((previous) => ({ ...previous, [id]: 'running' }));
    try {
      const result = await profileCalls.test({ id });
      setTests((previous) => ({ ...previous, [id]: result }));
    } catch (caught) {
      setTests((previous) => ({ ...previous, [id]: (caught as Error).message }));
    }
  }

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
      {state.profiles.map((profile) => {
        const active = profile.id === state.activeId;
        const result = tests[profile.id];
        return (
          <section className={`panel profile${active ? ' active' : ''}`} key={profile.id} data-profile={profile.name} data-active={active}>
            <header>
              <div>
                <h2>
                  {profile.name} {active && <span className="flag ok">active</span>}
                </h2>
                <Summary profile={profile} />
              </div>
              <div className="actions">
                {!active && <button onClick={() => void act(() => profileCalls.activate(profile.id))}>Use</button>}
                <button onClick={() => void test(profile.id)} disabled={result === 'running'}>
                  {result === 'running' ? 'Testing…' : 'Test connection'}
                </button>
                {!profile.builtIn && <button onClick={() => setEditing(profile)}>Edit</button>}
                {!profile.builtIn && (
                  <button className="danger" onClick={() => window.confirm(`Delete the profile “${profile.name}”?`) && void act(() => profileCalls.delete(profile.id))}>
                    Delete
                  </button>
                )}
              </div>
            </header>
            {typeof result === 'object' && <TestResults result={result} />}
            {typeof result === 'string' && result !== 'running' && <div className="note error">{result}</div>}
          </section>
        );
      })}
      {editing && (
        <ProfileForm
          profile={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </div>
  );
}
