import type { AlertRule, AlertRuleId } from '@shared/alerts';
import type { HealthSnapshot } from '@shared/health';
import type { MetricsSample } from '@shared/metrics';
import { connectorFailures, connectWorkersGone, type ConnectMemory } from './connect-rules';
import { quorumVotersLagging, quorumWithoutLeader } from './quorum-rules';

export const DEFAULT_RULES: AlertRule[] = [
  { id: 'broker-down', title: 'Kafka broker down', enabled: true, severity: 'critical', threshold: null, thresholdLabel: null, topic: null },
  { id: 'offline-partitions', title: 'Offline partitions', enabled: true, severity: 'critical', threshold: null, thresholdLabel: null, topic: null },
  { id: 'under-replicated', title: 'Under-replicated partitions', enabled: true, severity: 'warning', threshold: null, thresholdLabel: null, topic: null },
  {
    id: 'consumer-lag',
    title: 'Consumer lag',
    enabled: true,
    severity: 'warning',
    threshold: 10_000,
    thresholdLabel: 'messages behind (all groups)',
    topic: null,
  },
  {
    id: 'topic-idle',
    title: 'No data on a topic',
    enabled: false,
    severity: 'warning',
    threshold: 5,
    thresholdLabel: 'minutes without a message',
    topic: 'stavanger_parking_events',
  },
  {
    id: 'flink-job-failing',
    title: 'Flink job failing or restarting',
    enabled: true,
    severity: 'critical',
    threshold: null,
    thresholdLabel: null,
    topic: null,
  },
  {
    id: 'checkpoint-failures',
    title: 'Checkpoint failures',
    enabled: true,
    severity: 'warning',
    threshold: 3,
    thresholdLabel: 'failed checkpoints in a row',
    topic: null,
  },
  { id: 'zookeeper-not-serving', title: 'ZooKeeper not serving', enabled: true, severity: 'critical', threshold: null, thresholdLabel: null, topic: null },
  { id: 'taskmanager-lost', title: 'TaskManager lost', enabled: true, severity: 'critical', threshold: null, thresholdLabel: null, topic: null },
  {
    id: 'connector-failed',
    title: 'Kafka Connect connector or task failed',
    enabled: true,
    severity: 'critical',
    threshold: null,
    thresholdLabel: null,
    topic: null,
  },
  { id: 'connect-worker-gone', title: 'Kafka Connect worker gone', enabled: true, severity: 'critical', threshold: null, thresholdLabel: null, topic: null },
  {
    id: 'quorum-no-leader',
    title: 'Metadata quorum without a leader',
    enabled: true,
    severity: 'critical',
    threshold: null,
    thresholdLabel: null,
    topic: null,
  },
  {
    id: 'quorum-voter-lagging',
    title: 'Quorum voter behind the leader',
    enabled: true,
    severity: 'warning',
    threshold: 10,
    thresholdLabel: 'seconds since the voter last caught up',
    topic: null,
  },
];

/** What the alert engine looks at: the latest health, metrics, Flink jobs and memory of the past. */
export interface AlertInputs {
  health: HealthSnapshot | null;
  metrics: MetricsSample | null;
  /** Jobs that are FAILING, RESTARTING or recently FAILED, and each job's checkpoints failed since its last completed one. */
  flinkJobs: { id: string; name: string; state: string; failedInARow: number }[];
  /** The most TaskManagers seen since the engine started (to notice one going away). */
  peakTaskManagers: number;
  /** Each Connect cluster that answered once, and the workers seen in its group. */
  connectSeen: ConnectMemory;
  /** When each watched topic last received a message. */
  lastMessageAt: (topic: string) => number | null;
  now: number;
}

/** Pure: the conditions that hold now, keyed (rule + subject) so an alert starts and clears once. */
export function evaluate(rules: AlertRule[], inputs: AlertInputs): Map<string, { ruleId: AlertRuleId; message: string }> {
  const firing = new Map<string, { ruleId: AlertRuleId; message: string }>();
  const fire = (ruleId: AlertRuleId, subject: string, message: string) => firing.set(`${ruleId}:${subject}`, { ruleId, message });
  const services = inputs.health?.services;
  for (const rule of rules) {
    if (!rule.enabled) continue;
    switch (rule.id) {
      case 'broker-down':
        if (services?.kafka.status === 'down') fire(rule.id, 'cluster', `Kafka is down: ${services.kafka.reason}`);
        break;
      case 'offline-partitions': {
        const offline = services?.kafka.details.offlinePartitions ?? 0;
        if (offline > 0) fire(rule.id, 'cluster', `${offline} partition${offline === 1 ? ' has' : 's have'} no leader`);
        break;
      }
      case 'under-replicated': {
        const urp = services?.kafka.details.underReplicatedPartitions ?? 0;
        if (urp > 0) fire(rule.id, 'cluster', `${urp} partition${urp === 1 ? ' is' : 's are'} under-replicated`);
        break;
      }
      case 'consumer-lag': {
        const lag = inputs.metrics?.cluster.consumer_lag ?? null;
        if (lag !== null && rule.threshold !== null && lag > rule.threshold)
          fire(rule.id, 'cluster', `Consumer lag is ${lag.toLocaleString('en-US')} messages (threshold ${rule.threshold.toLocaleString('en-US')})`);
        break;
      }
      case 'topic-idle': {
        if (!rule.topic || rule.threshold === null || services?.kafka.status !== 'up') break;
        const last = inputs.lastMessageAt(rule.topic);
        const idleMinutes = last === null ? null : (inputs.now - last) / 60_000;
        if (idleMinutes !== null && idleMinutes >= rule.threshold) fire(rule.id, rule.topic, `No data on ${rule.topic} for ${Math.floor(idleMinutes)} min`);
        break;
      }
      case 'flink-job-failing':
        for (const job of inputs.flinkJobs) {
          if (['FAILING', 'RESTARTING', 'FAILED'].includes(job.state)) fire(rule.id, job.id, `Flink job "${job.name}" is ${job.state}`);
        }
        break;
      case 'checkpoint-failures':
        for (const job of inputs.flinkJobs) {
          if (rule.threshold !== null && job.failedInARow >= Math.max(1, rule.threshold)) {
            fire(
              rule.id,
              job.id,
              `Flink job "${job.name}": ${job.failedInARow === 1 ? 'its last checkpoint failed' : `its last ${job.failedInARow} checkpoints failed`}`,
            );
          }
        }
        break;
      case 'zookeeper-not-serving':
        if (services && (services.zookeeper.status === 'down' || services.zookeeper.status === 'degraded'))
          fire(rule.id, 'zookeeper', `ZooKeeper is not serving: ${services.zookeeper.reason}`);
        break;
      case 'taskmanager-lost': {
        const count = services?.taskmanagers.details.taskManagers;
        if (services?.flink.status === 'up' && count !== null && count !== undefined && count < inputs.peakTaskManagers) {
          fire(rule.id, 'flink', `Flink has ${count} TaskManager${count === 1 ? '' : 's'}, ${inputs.peakTaskManagers - count} fewer than before`);
        }
        break;
      }
      case 'connector-failed':
        if (services) connectorFailures(services.connect.details, (subject, message) => fire(rule.id, subject, message));
        break;
      case 'connect-worker-gone':
        if (services) connectWorkersGone(services.connect.details, inputs.connectSeen, (subject, message) => fire(rule.id, subject, message));
        break;
      case 'quorum-no-leader':
        if (services) quorumWithoutLeader(services.kafka.details, (subject, message) => fire(rule.id, subject, message));
        break;
      case 'quorum-voter-lagging':
        if (services) quorumVotersLagging(services.kafka.details, rule.threshold ?? 10, (subject, message) => fire(rule.id, subject, message));
        break;
    }
  }
  return firing;
}
