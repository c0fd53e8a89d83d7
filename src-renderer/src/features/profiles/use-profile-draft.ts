import { useState } from 'react';
import type { FlinkAuthKind, KafkaMechanism, ProfileView } from '@shared/profiles';
import { useConnectDraft } from './use-connect-draft';
import { useRegistryDraft } from './use-registry-draft';

const empty = (value: string) => (value.trim() === '' ? null : value.trim());
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The profile form's TLS fields as typed (the key's password starts empty: undefined keeps the stored one). */
function useTlsDraft(profile: ProfileView | null) {
  const [tls, setTls] = useState(profile?.tls.enabled ?? false);
  const [caFile, setCaFile] = useState(profile?.tls.caFile ?? '');
  const [certFile, setCertFile] = useState(profile?.tls.certFile ?? '');
  const [keyFile, setKeyFile] = useState(profile?.tls.keyFile ?? '');
  const [keyPassword, setKeyPassword] = useState<string | undefined>(undefined);
  const [verify, setVerify] = useState(profile?.tls.rejectUnauthorized ?? true);
  return { tls, setTls, caFile, setCaFile, certFile, setCertFile, keyFile, setKeyFile, keyPassword, setKeyPassword, verify, setVerify };
}

/** The profile form's fields as typed (secrets start empty: undefined keeps the stored one), and the input they make. */
export function useProfileDraft(profile: ProfileView | null) {
  const [name, setName] = useState(profile?.name ?? '');
  const [bootstrap, setBootstrap] = useState(profile?.kafkaBootstrap.join(', ') ?? '');
  const [mechanism, setMechanism] = useState<KafkaMechanism>(profile?.auth.mechanism ?? 'none');
  const [username, setUsername] = useState(profile?.auth.username ?? '');
  const [password, setPassword] = useState<string | undefined>(undefined);
  const tlsDraft = useTlsDraft(profile);
  const [zookeeper, setZookeeper] = useState(profile?.zookeeper ?? '');
  const [flinkUrl, setFlinkUrl] = useState(profile?.flink.url ?? '');
  const [flinkAuth, setFlinkAuth] = useState<FlinkAuthKind>(profile?.flink.auth ?? 'none');
  const [flinkUser, setFlinkUser] = useState(profile?.flink.username ?? '');
  const [flinkSecret, setFlinkSecret] = useState<string | undefined>(undefined);
  const [prometheusUrl, setPrometheusUrl] = useState(profile?.prometheusUrl ?? '');
  const [kafkaUiUrl, setKafkaUiUrl] = useState(profile?.kafkaUiUrl ?? '');
  const registry = useRegistryDraft(profile);
  const connect = useConnectDraft(profile);

  function input() {
    const { tls, caFile, certFile, keyFile, keyPassword, verify } = tlsDraft;
    return {
      ...(profile ? { id: profile.id } : {}),
      name,
      kafkaBootstrap: bootstrap
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
      auth: { mechanism, username: optional(username), password },
      tls: { enabled: tls, caFile: optional(caFile), certFile: optional(certFile), keyFile: optional(keyFile), keyPassword, rejectUnauthorized: verify },
      zookeeper: empty(zookeeper),
      flink: {
        url: empty(flinkUrl),
        auth: flinkAuth,
        username: optional(flinkUser),
        ...(flinkAuth === 'bearer' ? { token: flinkSecret } : { password: flinkSecret }),
      },
      prometheusUrl: empty(prometheusUrl),
      kafkaUiUrl: empty(kafkaUiUrl),
      schemaRegistry: registry.input(),
      connect: connect.input(),
    };
  }

  return {
    name,
    setName,
    bootstrap,
    setBootstrap,
    mechanism,
    setMechanism,
    username,
    setUsername,
    password,
    setPassword,
    ...tlsDraft,
    zookeeper,
    setZookeeper,
    flinkUrl,
    setFlinkUrl,
    flinkAuth,
    setFlinkAuth,
    flinkUser,
    setFlinkUser,
    flinkSecret,
    setFlinkSecret,
    prometheusUrl,
    setPrometheusUrl,
    kafkaUiUrl,
    setKafkaUiUrl,
    registry,
    connect,
    input,
  };
}
export type ProfileDraft = ReturnType<typeof useProfileDraft>;
