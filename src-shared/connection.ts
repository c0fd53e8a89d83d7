import { z } from 'zod';

/** Where the console looks for each service. Secrets never appear here (profiles hold them). */
export const Connection = z.object({
  name: z.string(),
  kafkaBootstrap: z.array(z.string()).min(1),
  zookeeper: z.string().nullable(),
  flinkUrl: z.string().nullable(),
  kafkaUiUrl: z.string().nullable(),
  /** The broker's Prometheus JMX exporter, for bytes/s and request rates (optional). */
  prometheusUrl: z.string().nullable().optional(),
  /** A Confluent-compatible Schema Registry API (Confluent, Karapace, Apicurio's /apis/ccompat/v7), for decoding records. */
  schemaRegistryUrl: z.string().nullable().optional(),
  /** Kafka Connect REST URLs, one per Connect cluster (any worker of a cluster answers for all of it). */
  connectUrls: z.array(z.string()).optional(),
});
export type Connection = z.infer<typeof Connection>;

export const LOCAL_STACK_CONNECTION: Connection = {
  name: 'Local stack',
  kafkaBootstrap: ['127.0.0.1:9092'],
  zookeeper: '127.0.0.1:2181',
  flinkUrl: 'http://127.0.0.1:8081',
  kafkaUiUrl: null,
  schemaRegistryUrl: 'http://127.0.0.1:8085/apis/ccompat/v7',
  connectUrls: ['http://127.0.0.1:8084'],
};
