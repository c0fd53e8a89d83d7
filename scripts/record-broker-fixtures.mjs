#!/usr/bin/env node
// Records a real broker's answers for the brokers area's unit tests (test/unit/brokers/fixtures/<mode>.json): DescribeQuorum
// (KRaft only), the cluster metadata (raw Metadata v12, internal topics included), DescribeLogDirs, broker 1's or 0's DescribeConfigs and the broker's refusal of a bad
// value (validateOnly, nothing changes). Bigints are kept as {"$bigint": "…"}.
//   node scripts/record-broker-fixtures.mjs 127.0.0.1:9092 kraft
//   node scripts/record-broker-fixtures.mjs 127.0.0.1:9092 zookeeper
import { writeFileSync } from 'node:fs';
import { Admin, apiVersionsV3, ConfigResourceTypes, Connection, describeQuorumV2, metadataV12 } from '@platformatic/kafka';

const [bootstrap = '127.0.0.1:9092', mode = 'kraft'] = process.argv.slice(2);
const [host, port] = bootstrap.split(':');
const out = new URL(`../test/unit/brokers/fixtures/${mode}.json`, import.meta.url);
const json = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v instanceof Map ? Object.fromEntries(v) : v), 2);

const connection = new Connection('streamdesk-fixtures', { connectTimeout: 5000, requestTimeout: 5000 });
await connection.connect(host, Number(port));
const versions = await apiVersionsV3.api.async(connection, 'streamdesk', '1');
const offersQuorum = versions.apiKeys.some((api) => api.apiKey === 55);
const quorum = offersQuorum ? await describeQuorumV2.api.async(connection, [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }]) : null;
const metadata = await metadataV12.api.async(connection, null, false, false);
await connection.close();

const admin = new Admin({ clientId: 'streamdesk-fixtures', bootstrapBrokers: [bootstrap], retries: 0 });
const request = metadata.topics.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((p) => p.partitionIndex) }));
const logDirs = await admin.describeLogDirs({ topics: request });
const brokerId = metadata.brokers[0].nodeId;
const [configs] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.BROKER, resourceName: String(brokerId) }] });
let refusal = null;
try {
  await admin.incrementalAlterConfigs({
    validateOnly: true,
    resources: [
      {
        resourceType: ConfigResourceTypes.BROKER,
        resourceName: String(brokerId),
        configs: [{ name: 'log.cleaner.threads', value: 'abc', configOperation: 0 }],
      },
    ],
  });
} catch (error) {
  refusal = { message: error.message, errors: (error.errors ?? []).map((e) => ({ message: e.message, response: e.response })) };
}
await admin.close();

writeFileSync(out, json({ bootstrap, offersQuorum, quorum, metadata, logDirs, configs, refusal }) + '\n');
console.log(`wrote ${out.pathname}: ${metadata.brokers.length} broker(s), ${metadata.topics.length} topics, quorum ${offersQuorum ? 'yes' : 'no'}`);
