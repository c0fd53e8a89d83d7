import { useState } from 'react';
import { ProfileInput, type ConnectionTestResult, type ProfileView } from '@shared/profiles';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { profileCalls } from './profiles-store';
import { TestResults } from './TestResults';
import { useProfileDraft } from './use-profile-draft';
import { KafkaAuthFields, MonitoringFields, TlsFields, ZookeeperAndFlinkFields } from './ProfileFields';
import { ConnectFields } from './ConnectFields';
import { SchemaRegistryFields } from './SchemaRegistryFields';

export function ProfileForm({ profile, onClose, onSaved }: { profile: ProfileView | null; onClose: () => void; onSaved: () => void }) {
  const draft = useProfileDraft(profile);
  const form = useContractForm();
  const busy = form.busy;
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);

  async function run(kind: 'save' | 'test') {
    const candidate = draft.input();
    if (kind === 'test') {
      const result = await form.submit(candidate, (profile) => profileCalls.test({ profile }), { schema: ProfileInput, kind });
      if (result) setTested(result);
    } else if (await form.submit(candidate, profileCalls.save, { schema: ProfileInput, kind })) onSaved();
  }

  return (
    <Modal
      title={profile ? `Edit ${profile.name}` : 'New connection profile'}
      testId="profile-form"
      wide
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button disabled={busy !== null} onClick={() => void run('test')} data-testid="profile-test">
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button className="primary" disabled={busy !== null} onClick={() => void run('save')} data-testid="profile-save">
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <Field label="Name" error={form.error('name')}>
          <input name="name" value={draft.name} onChange={(event) => draft.setName(event.target.value)} />
        </Field>
        <Field label="Bootstrap servers" error={form.error('kafkaBootstrap')} hint="host:port, separated by commas">
          <input
            name="bootstrap"
            value={draft.bootstrap}
            onChange={(event) => draft.setBootstrap(event.target.value)}
            placeholder="broker1:9092, broker2:9092"
            spellCheck={false}
          />
        </Field>
        <KafkaAuthFields draft={draft} profile={profile} form={form} />
        <TlsFields draft={draft} profile={profile} form={form} />
        <ZookeeperAndFlinkFields draft={draft} profile={profile} form={form} />
        <SchemaRegistryFields draft={draft.registry} profile={profile} form={form} />
        <ConnectFields draft={draft.connect} profile={profile} form={form} />
        <MonitoringFields draft={draft} form={form} />
        {form.error('form') && <div className="form-error">{form.error('form')}</div>}
        {tested && <TestResults result={tested} />}
      </div>
    </Modal>
  );
}
