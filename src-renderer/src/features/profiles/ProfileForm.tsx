import { useState } from 'react';
import { ProfileInput, type ConnectionTestResult, type FlinkAuthKind, type KafkaMechanism, type ProfileView } from '../../../../src-shared/profiles';
import { Field, Modal } from '../../ui/Modal';
import { useContractForm } from '../../forms/use-contract-form';
import { profileCalls } from './profiles-store';
import { TestResults } from './TestResults';

const empty = (value: string) => (value.trim() === '' ? null : value.trim());
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** A secret field never shows the stored value: empty keeps it, "Clear" removes it. */
function SecretInput({ label, stored, value, onChange, error }: { label: string; stored: boolean; value: string | undefined; onChange(value: string | undefined): void; error?: string }) {
  return (
    <Field label={label} error={error} hint={stored ? (value === '' ? 'Will be removed' : 'Stored and encrypted; leave empty to keep it') : undefined}>
      <div className="secret-row">
        <input type="password" autoComplete="new-password" value={value ?? ''} placeholder={stored ? '•••••••• (stored)' : ''} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />
        {stored && (
          <button type="button" onClick={() => onChange('')}>
            Clear
          </button>
        )}
      </div>
    </Field>
  );
}

export function ProfileForm({ profile, onClose, onSaved }: { profile: ProfileView | null; onClose(): void; onSaved(): void }) {
  const [name, setName] = useState(profile?.name ?? '');
  const [bootstrap, setBootstrap] = useState(profile?.kafkaBootstrap.join(', ') ?? '');
  const [mechanism, setMechanism] = useState<KafkaMechanism>(profile?.auth.mechanism ?? 'none');
  const [username, setUsername] = useState(profile?.auth.username ?? '');
  const [password, setPassword] = useState<string | undefined>(undefined);
  const [tls, setTls] = useState(profile?.tls.enabled ?? false);
  const [caFile, setCaFile] = useState(profile?.tls.caFile ?? '');
  const [certFile, setCertFile] = useState(profile?.tls.certFile ?? '');
  const [keyFile, setKeyFile] = useState(profile?.tls.keyFile ?? '');
  const [keyPassword, setKeyPassword] = useState<string | undefined>(undefined);
  const [verify, setVerify] = useState(profile?.tls.rejectUnauthorized ?? true);
  const [zookeeper, setZookeeper] = useState(profile?.zookeeper ?? '');
  const [flinkUrl, setFlinkUrl] = useState(profile?.flink.url ?? '');
  const [flinkAuth, setFlinkAuth] = useState<FlinkAuthKind>(profile?.flink.auth ?? 'none');
  const [flinkUser, setFlinkUser] = useState(profile?.flink.username ?? '');
  const [flinkSecret, setFlinkSecret] = useState<string | undefined>(undefined);
  const [prometheusUrl, setPrometheusUrl] = useState(profile?.prometheusUrl ?? '');
  const [kafkaUiUrl, setKafkaUiUrl] = useState(profile?.kafkaUiUrl ?? '');
  const form = useContractForm();
  const busy = form.busy;
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);

  function input() {
    return {
      ...(profile ? { id: profile.id } : {}),
      name,
      kafkaBootstrap: bootstrap.split(',').map((entry) => entry.trim()).filter(Boolean),
      auth: { mechanism, username: optional(username), password },
      tls: { enabled: tls, caFile: optional(caFile), certFile: optional(certFile), keyFile: optional(keyFile), keyPassword, rejectUnauthorized: verify },
      zookeeper: empty(zookeeper),
      flink: { url: empty(flinkUrl), auth: flinkAuth, username: optional(flinkUser), ...(flinkAuth === 'bearer' ? { token: flinkSecret } : { password: flinkSecret }) },
      prometheusUrl: empty(prometheusUrl),
      kafkaUiUrl: empty(kafkaUiUrl),
    };
  }

  async function run(kind: 'save' | 'test') {
    const candidate = input();
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
          <input name="name" value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
        <Field label="Bootstrap servers" error={form.error('kafkaBootstrap')} hint="host:port, separated by commas">
          <input name="bootstrap" value={bootstrap} onChange={(event) => setBootstrap(event.target.value)} placeholder="broker1:9092, broker2:9092" spellCheck={false} />
        </Field>
        <div className="form-row">
          <Field label="SASL" error={form.error('auth.mechanism')}>
            <select value={mechanism} onChange={(event) => setMechanism(event.target.value as KafkaMechanism)} name="mechanism">
              <option value="none">none</option>
              <option value="plain">PLAIN</option>
              <option value="scram-sha-256">SCRAM-SHA-256</option>
              <option value="scram-sha-512">SCRAM-SHA-512</option>
            </select>
          </Field>
          {mechanism !== 'none' && (
            <>
              <Field label="Username" error={form.error('auth.username')}>
                <input name="username" value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="off" />
              </Field>
              <SecretInput label="Password" stored={profile?.hasKafkaPassword ?? false} value={password} onChange={setPassword} error={form.error('auth.password')} />
            </>
          )}
        </div>
        <label className="check">
          <input type="checkbox" checked={tls} onChange={(event) => setTls(event.target.checked)} /> TLS (SSL), with optional client certificate (mTLS)
        </label>
        {tls && (
          <>
            <Field label="CA certificate file (PEM)" error={form.error('tls.caFile')}>
              <input value={caFile} onChange={(event) => setCaFile(event.target.value)} placeholder="/etc/kafka/ca.pem" spellCheck={false} />
            </Field>
            <div className="form-row">
              <Field label="Client certificate file" error={form.error('tls.certFile')}>
                <input value={certFile} onChange={(event) => setCertFile(event.target.value)} spellCheck={false} />
              </Field>
              <Field label="Client key file" error={form.error('tls.keyFile')}>
                <input value={keyFile} onChange={(event) => setKeyFile(event.target.value)} spellCheck={false} />
              </Field>
            </div>
            <div className="form-row">
              <SecretInput label="Key password" stored={profile?.hasKeyPassword ?? false} value={keyPassword} onChange={setKeyPassword} error={form.error('tls.keyPassword')} />
              <label className="check">
                <input type="checkbox" checked={verify} onChange={(event) => setVerify(event.target.checked)} /> Verify the broker's certificate
              </label>
            </div>
          </>
        )}
        <div className="form-row">
          <Field label="ZooKeeper (optional)" error={form.error('zookeeper')} hint="Empty for KRaft clusters">
            <input value={zookeeper} onChange={(event) => setZookeeper(event.target.value)} placeholder="zk1:2181" spellCheck={false} />
          </Field>
          <Field label="Flink REST URL (optional)" error={form.error('flink.url')}>
            <input value={flinkUrl} onChange={(event) => setFlinkUrl(event.target.value)} placeholder="http://flink:8081" spellCheck={false} />
          </Field>
        </div>
        {flinkUrl.trim() !== '' && (
          <div className="form-row">
            <Field label="Flink authentication" error={form.error('flink.auth')}>
              <select value={flinkAuth} onChange={(event) => setFlinkAuth(event.target.value as FlinkAuthKind)}>
                <option value="none">none</option>
                <option value="basic">basic</option>
                <option value="bearer">bearer token</option>
              </select>
            </Field>
            {flinkAuth === 'basic' && (
              <Field label="Flink username" error={form.error('flink.username')}>
                <input value={flinkUser} onChange={(event) => setFlinkUser(event.target.value)} autoComplete="off" />
              </Field>
            )}
            {flinkAuth !== 'none' && (
              <SecretInput label={flinkAuth === 'bearer' ? 'Token' : 'Password'} stored={profile?.hasFlinkSecret ?? false} value={flinkSecret} onChange={setFlinkSecret} error={form.error('flink.password') ?? form.error('flink.token')} />
            )}
          </div>
        )}
        <div className="form-row">
          <Field label="Prometheus / JMX exporter URL (optional)" error={form.error('prometheusUrl')} hint="For bytes/s and request rates">
            <input value={prometheusUrl} onChange={(event) => setPrometheusUrl(event.target.value)} placeholder="http://broker1:7071/metrics" spellCheck={false} />
          </Field>
          <Field label="Kafka UI URL (optional)" error={form.error('kafkaUiUrl')}>
            <input value={kafkaUiUrl} onChange={(event) => setKafkaUiUrl(event.target.value)} placeholder="http://kafka-ui:8080" spellCheck={false} />
          </Field>
        </div>
        {form.error('form') && <div className="form-error">{form.error('form')}</div>}
        {tested && <TestResults result={tested} />}
      </div>
    </Modal>
  );
}
