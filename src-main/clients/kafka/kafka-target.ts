import type { Kafka, KafkaConfig, SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import { kafkajs } from './kafkajs';

/**
 * Everything needed to reach a Kafka cluster, secrets included. Lives only in the back end:
 * the renderer sees a Connection (addresses only) and never this.
 */
export interface KafkaTarget {
  brokers: string[];
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** TLS with optional CA and client certificate (mTLS), already read from their files. */
  ssl?: ConnectionOptions & { ca?: string; cert?: string; key?: string };
}

export interface KafkaClientOptions {
  clientId?: string;
  connectionTimeout?: number;
  requestTimeout?: number;
  retries?: number;
}

/** One place that turns a target into a kafkajs client, so SASL/SSL apply to every caller. */
export function kafkaClient(target: KafkaTarget, options: KafkaClientOptions = {}): Kafka {
  const { Kafka, logLevel } = kafkajs();
  const config: KafkaConfig = {
    clientId: options.clientId ?? 'streamdesk',
    brokers: target.brokers,
    connectionTimeout: options.connectionTimeout ?? 3000,
    requestTimeout: options.requestTimeout ?? 15000,
    retry: { retries: options.retries ?? 2, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
  };
  if (target.ssl) config.ssl = target.ssl;
  if (target.sasl) config.sasl = { ...target.sasl } as SASLOptions;
  return new Kafka(config);
}
