#!/usr/bin/env node
// Records real servers' answers as unit-test fixtures (test/unit/fixtures/). Run against a live
// stack:  node scripts/record-fixtures.mjs 127.0.0.1:2181 http://127.0.0.1:8081 127.0.0.1:9092
import net from 'node:net';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const [zk = '127.0.0.1:2181', flink = 'http://127.0.0.1:8081', kafka = '127.0.0.1:9092'] = process.argv.slice(2);
const out = new URL('../test/unit/fixtures/', import.meta.url);

function fourLetter(command) {
  const [host, port] = zk.split(':');
  return new Promise((resolve, reject) => {
    const chunks = [];
    const socket = net.connect({ host, port: Number(port) }, () => socket.end(command));
    socket
      .on('data', (chunk) => chunks.push(chunk))
      .on('error', reject)
      .on('close', () => resolve(Buffer.concat(chunks).toString()));
  });
}

for (const command of ['ruok', 'srvr', 'mntr']) writeFileSync(new URL(`zookeeper-${command}.txt`, out), await fourLetter(command));
writeFileSync(new URL('flink-overview.json', out), JSON.stringify(await (await fetch(`${flink}/overview`)).json(), null, 2) + '\n');
const admin = new Kafka({ brokers: [kafka], logLevel: logLevel.NOTHING }).admin();
await admin.connect();
// A topic with several partitions, so the metadata has partitions, replicas and ISRs to read.
await admin.createTopics({ topics: [{ topic: 'fixture.orders', numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
const cluster = await admin.describeCluster();
const { topics } = await admin.fetchTopicMetadata();
await admin.disconnect();
writeFileSync(new URL('kafka-metadata.json', out), JSON.stringify({ cluster, topics }, null, 2) + '\n');
console.log(`recorded fixtures from ${zk}, ${flink}, ${kafka}`);
