// The batched DescribeGroups (raw FindCoordinator v4 + DescribeGroups v5 over kept connections) on a real broker with a
// real Kafka Connect worker: the worker's group (protocol type "connect", members whose assignment is Connect's own
// format) is described beside consumer groups without crashing anything, and agrees with Kafka's own GroupsCommand and
// with kafkajs (group by group) as independent clients.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Admin, Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectGroupsReader, readConnectGroups } from '@main/clients/connect/connect-group-members';
import { readClusterShape } from '@main/clients/kafka/cluster-metadata';
import { describeGroups } from '@main/clients/kafka/group-descriptions';
import { describeMetadataQuorum } from '@main/clients/kafka/metadata-quorum';
import { KeptConnection, type ConnectionRunner } from '@main/clients/kafka/raw-connection';
import { closeKeptConnections } from '@main/clients/kafka/kept-connections';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { ConsumerGroupsService } from '@main/services/consumers/consumer-groups-service';
import { NATIVE_DIR, startTestStack, type TestStack } from '../stack';
import { until } from './connect-support';

const TOPIC = 'it.describe.orders';
const LIVE_GROUP = 'it.describe.live';
const EMPTY_GROUP = 'it.describe.empty';
const MISSING_GROUP = 'it.describe.never-made';

let stack: TestStack;
let admin: Admin;
let consumer: Consumer;
let connectGroup: string;

/** Kafka's own GroupsCommand (kafka-groups.sh --list): every group's id, type and protocol as the broker reports them. */
function groupsByKafkaTool(bootstrap: string): Map<string, string> {
  const out = execFileSync(
    'java',
    ['-Xmx128m', '-cp', join(NATIVE_DIR, 'lib', 'kafka-kraft', '*'), 'org.apache.kafka.tools.GroupsCommand', '--bootstrap-server', bootstrap, '--list'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const rows = out.trim().split('\n').slice(1);
  return new Map(rows.map((row) => row.trim().split(/\s+/)).map(([group, , protocol]) => [group, protocol]));
}

beforeAll(async () => {
  stack = await startTestStack({ kraft: true, connect: true, only: ['kafka', 'kafka-connect'] });
  const target = { brokers: [stack.bootstrap] };
  admin = kafkaClient(target).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2 }], waitForLeaders: true });
  consumer = kafkaClient(target, { retries: 15 }).consumer({ groupId: LIVE_GROUP, retry: { retries: 15, initialRetryTime: 300, maxRetryTime: 3000 } });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({ eachMessage: () => Promise.resolve() });
  await admin.setOffsets({ groupId: EMPTY_GROUP, topic: TOPIC, partitions: [{ partition: 0, offset: '0' }] });
  // the worker's group appears once the worker has joined it
  connectGroup = await until(
    'the Connect worker group',
    async () => (await admin.listGroups()).groups.find((group) => group.protocolType === 'connect')?.groupId ?? null,
    120_000,
  );
  await until('the consumer group is Stable', async () => ((await admin.describeGroups([LIVE_GROUP])).groups[0].state === 'Stable' ? true : null), 60_000);
});

afterAll(async () => {
  await consumer?.disconnect().catch(() => {});
  await admin?.disconnect().catch(() => {});
  closeKeptConnections();
  await stack?.stop();
});

describe('describeGroups batched over kept connections', () => {
  it("describes a Connect worker's group beside consumer groups, as kafkajs and Kafka's GroupsCommand see them", async () => {
    const ids = [connectGroup, LIVE_GROUP, EMPTY_GROUP, MISSING_GROUP];
    const described = await describeGroups({ brokers: [stack.bootstrap] }, ids, 'background');
    expect(described.map((group) => group.groupId)).toEqual(ids);

    const independent = (await admin.describeGroups(ids)).groups;
    for (const group of described.slice(0, 3)) {
      const theirs = independent.find((candidate) => candidate.groupId === group.groupId)!;
      expect({ state: group.state, protocolType: group.protocolType, errorCode: group.errorCode }).toEqual({
        state: theirs.state,
        protocolType: theirs.protocolType,
        errorCode: 0,
      });
      expect(group.members.map((member) => [member.memberId, member.clientId]).sort()).toEqual(
        theirs.members.map((member) => [member.memberId, member.clientId]).sort(),
      );
    }
    expect(described[0]).toMatchObject({ protocolType: 'connect', state: 'Stable' });
    expect(described[0].members).toHaveLength(1);
    expect(described[1]).toMatchObject({ protocolType: 'consumer', state: 'Stable' });
    expect(described[2]).toMatchObject({ state: 'Empty', members: [] });
    expect(described[3]).toMatchObject({ state: 'Dead', members: [], errorCode: 0 });

    const byTool = groupsByKafkaTool(stack.bootstrap);
    expect(byTool.get(connectGroup)).toBe('connect');
    expect(byTool.get(LIVE_GROUP)).toBe('consumer');
  });

  it("summarises and details the Connect group through the service, and decodes only the consumer group's assignments", async () => {
    const service = new ConsumerGroupsService(() => ({ brokers: [stack.bootstrap] }));
    const summaries = await service.summaries([connectGroup, LIVE_GROUP, EMPTY_GROUP]);
    expect(summaries.map((summary) => [summary.groupId, summary.state, summary.members])).toEqual([
      [connectGroup, 'Stable', 1],
      [LIVE_GROUP, 'Stable', 1],
      [EMPTY_GROUP, 'Empty', 0],
    ]);
    expect(summaries.map((summary) => summary.protocolType).slice(0, 2)).toEqual(['connect', 'consumer']);
    expect(summaries[1].topics).toEqual([TOPIC]);
    expect(summaries[2]).toMatchObject({ topics: [TOPIC], totalLag: 0 });

    const connect = await service.detail(connectGroup);
    expect(connect.members).toHaveLength(1);
    expect(connect.members[0].assignment).toEqual([]); // Connect's own assignment format: shown without one
    const live = await service.detail(LIVE_GROUP);
    expect(live.members[0].assignment).toEqual([{ topic: TOPIC, partitions: [0, 1] }]);
    await expect(service.detail(MISSING_GROUP)).resolves.toMatchObject({ summary: { state: 'Dead', members: 0 }, partitions: [] });
  });

  it("reads the Connect group's workers for the health poll as kafkajs' listing and description do", async () => {
    const target = { brokers: [stack.bootstrap] };
    const reader = new ConnectGroupsReader();
    const ours = await reader.read(target);
    expect(ours).toEqual(await readConnectGroups(target)); // kafkajs: listGroups, then describeGroups
    expect(ours.map((group) => group.groupId)).toEqual([connectGroup]);
    expect(ours[0].workers).toHaveLength(1);
    expect(await reader.read(target)).toEqual(ours); // the second round from the kept listing
  });

  it("asks the health poll's Kafka and quorum probes over one kept connection, opened again after close", async () => {
    const target = { brokers: [stack.bootstrap] };
    const kept = new KeptConnection();
    const used = new Set<unknown>();
    const run: ConnectionRunner = (t, timeoutMs, work) =>
      kept.run(t, timeoutMs, (connection) => {
        used.add(connection);
        return work(connection);
      });
    try {
      for (let round = 0; round < 3; round++) {
        const [shape, quorum] = await Promise.all([readClusterShape(target, () => round === 0, 5000, run), describeMetadataQuorum(target, 5000, run)]);
        expect(shape?.cluster.brokers).toHaveLength(1);
        expect(shape?.topics === null).toBe(round > 0);
        expect(quorum?.partition.leaderId).toBe(shape?.cluster.brokers[0].nodeId);
      }
      expect(used.size).toBe(1);
      kept.close();
      await describeMetadataQuorum(target, 5000, run);
      expect(used.size).toBe(2);
    } finally {
      kept.close();
    }
    // kafkajs, an independent client, sees the same broker
    expect((await admin.describeCluster()).brokers).toHaveLength(1);
  });
});
