import type { ProfileInput } from '@shared/profiles';

/** A remote profile without secrets; tests add what they exercise. */
export function remoteInput(name: string, over: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name,
    kafkaBootstrap: ['broker1.example.com:9093', 'broker2.example.com:9093'],
    auth: { mechanism: 'none' },
    tls: { enabled: false },
    zookeeper: null,
    flink: { url: 'https://flink.example.com', auth: 'none' },
    prometheusUrl: null,
    kafkaUiUrl: null,
    ...over,
  };
}
