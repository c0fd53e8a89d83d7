import type { FlinkAuthKind, KafkaMechanism, ProfileView } from '@shared/profiles';
import { Field } from '@renderer/ui/Modal';
import type { ContractForm } from '@renderer/forms/use-contract-form';
import type { ProfileDraft } from './use-profile-draft';

interface SectionProps {
  draft: ProfileDraft;
  /** The profile edited (null: a new one), for which secrets are stored. */
  profile: ProfileView | null;
  form: ContractForm;
}

/** A secret field never shows the stored value: empty keeps it, "Clear" removes it. */
export function SecretInput({
  label,
  stored,
  value,
  onChange,
  error,
}: {
  label: string;
  stored: boolean;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  error?: string;
}) {
  return (
    <Field label={label} error={error} hint={stored ? (value === '' ? 'Will be removed' : 'Stored and encrypted; leave empty to keep it') : undefined}>
      <div className="secret-row">
        <input
          type="password"
          autoComplete="new-password"
          value={value ?? ''}
          placeholder={stored ? '•••••••• (stored)' : ''}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
        {stored && (
          <button type="button" onClick={() => onChange('')}>
            Clear
          </button>
        )}
      </div>
    </Field>
  );
}

/** The SASL mechanism, and its username and password unless none. */
export function KafkaAuthFields({ draft, profile, form }: SectionProps) {
  const { mechanism } = draft;
  return (
    <div className="form-row">
      <Field label="SASL" error={form.error('auth.mechanism')}>
        <select value={mechanism} onChange={(event) => draft.setMechanism(event.target.value as KafkaMechanism)} name="mechanism">
          <option value="none">none</option>
          <option value="plain">PLAIN</option>
          <option value="scram-sha-256">SCRAM-SHA-256</option>
          <option value="scram-sha-512">SCRAM-SHA-512</option>
        </select>
      </Field>
      {mechanism !== 'none' && (
        <>
          <Field label="Username" error={form.error('auth.username')}>
            <input name="username" value={draft.username} onChange={(event) => draft.setUsername(event.target.value)} autoComplete="off" />
          </Field>
          <SecretInput
            label="Password"
            stored={profile?.hasKafkaPassword ?? false}
            value={draft.password}
            onChange={draft.setPassword}
            error={form.error('auth.password')}
          />
        </>
      )}
    </div>
  );
}

/** TLS on or off; when on, the CA, the client certificate and key, the key's password and verification. */
export function TlsFields({ draft, profile, form }: SectionProps) {
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={draft.tls} onChange={(event) => draft.setTls(event.target.checked)} /> TLS (SSL), with optional client certificate
        (mTLS)
      </label>
      {draft.tls && (
        <>
          <Field label="CA certificate file (PEM)" error={form.error('tls.caFile')}>
            <input value={draft.caFile} onChange={(event) => draft.setCaFile(event.target.value)} placeholder="/etc/kafka/ca.pem" spellCheck={false} />
          </Field>
          <div className="form-row">
            <Field label="Client certificate file" error={form.error('tls.certFile')}>
              <input value={draft.certFile} onChange={(event) => draft.setCertFile(event.target.value)} spellCheck={false} />
            </Field>
            <Field label="Client key file" error={form.error('tls.keyFile')}>
              <input value={draft.keyFile} onChange={(event) => draft.setKeyFile(event.target.value)} spellCheck={false} />
            </Field>
          </div>
          <div className="form-row">
            <SecretInput
              label="Key password"
              stored={profile?.hasKeyPassword ?? false}
              value={draft.keyPassword}
              onChange={draft.setKeyPassword}
              error={form.error('tls.keyPassword')}
            />
            <label className="check">
              <input type="checkbox" checked={draft.verify} onChange={(event) => draft.setVerify(event.target.checked)} /> Verify the broker's certificate
            </label>
          </div>
        </>
      )}
    </>
  );
}

/** ZooKeeper and the Flink REST URL; with a URL, Flink's authentication. */
export function ZookeeperAndFlinkFields({ draft, profile, form }: SectionProps) {
  const { flinkAuth } = draft;
  return (
    <>
      <div className="form-row">
        <Field label="ZooKeeper (optional)" error={form.error('zookeeper')} hint="Empty for KRaft clusters">
          <input value={draft.zookeeper} onChange={(event) => draft.setZookeeper(event.target.value)} placeholder="zk1:2181" spellCheck={false} />
        </Field>
        <Field label="Flink REST URL (optional)" error={form.error('flink.url')}>
          <input value={draft.flinkUrl} onChange={(event) => draft.setFlinkUrl(event.target.value)} placeholder="http://flink:8081" spellCheck={false} />
        </Field>
      </div>
      {draft.flinkUrl.trim() !== '' && (
        <div className="form-row">
          <Field label="Flink authentication" error={form.error('flink.auth')}>
            <select value={flinkAuth} onChange={(event) => draft.setFlinkAuth(event.target.value as FlinkAuthKind)}>
              <option value="none">none</option>
              <option value="basic">basic</option>
              <option value="bearer">bearer token</option>
            </select>
          </Field>
          {flinkAuth === 'basic' && (
            <Field label="Flink username" error={form.error('flink.username')}>
              <input value={draft.flinkUser} onChange={(event) => draft.setFlinkUser(event.target.value)} autoComplete="off" />
            </Field>
          )}
          {flinkAuth !== 'none' && (
            <SecretInput
              label={flinkAuth === 'bearer' ? 'Token' : 'Password'}
              stored={profile?.hasFlinkSecret ?? false}
              value={draft.flinkSecret}
              onChange={draft.setFlinkSecret}
              error={form.error('flink.password') ?? form.error('flink.token')}
            />
          )}
        </div>
      )}
    </>
  );
}

/** The Prometheus (JMX exporter) and Kafka UI URLs. */
export function MonitoringFields({ draft, form }: Omit<SectionProps, 'profile'>) {
  return (
    <div className="form-row">
      <Field label="Prometheus / JMX exporter URL (optional)" error={form.error('prometheusUrl')} hint="For bytes/s and request rates">
        <input
          value={draft.prometheusUrl}
          onChange={(event) => draft.setPrometheusUrl(event.target.value)}
          placeholder="http://broker1:7071/metrics"
          spellCheck={false}
        />
      </Field>
      <Field label="Kafka UI URL (optional)" error={form.error('kafkaUiUrl')}>
        <input value={draft.kafkaUiUrl} onChange={(event) => draft.setKafkaUiUrl(event.target.value)} placeholder="http://kafka-ui:8080" spellCheck={false} />
      </Field>
    </div>
  );
}
