import type { HealthSnapshot } from '@shared/health';
import { HealthTile } from './HealthTile';
import { ConnectTile } from './ConnectTile';
import { SchemaRegistryTile } from './SchemaRegistryTile';
import { QuorumTile } from '../brokers/QuorumTile';
import { FlinkPanel } from '../pipelines/FlinkPanel';
import { ResourcesPanel } from '../metrics/ResourcesPanel';
import { ThroughputPanel } from '../metrics/ThroughputPanel';
import { StatusBadge } from '@renderer/ui/StatusBadge';
import { num } from '@renderer/format';
import { navigate } from '@renderer/router';
import { act, useAction } from '@renderer/store';
import { healthCalls, healthStore } from './health-store';
import { stackCalls, stackStore } from '../stack/stack-store';

function NextStep({ snapshot }: { snapshot: HealthSnapshot }) {
  const operation = stackStore.useSelect(undefined, (state) => state.data?.operation ?? 'idle');
  // the Stack page's scope: a failed start is shown there
  const up = () => act('stack', () => stackCalls.up());
  const { kafka, flink } = snapshot.services;
  if (kafka.status !== 'down' && flink.status !== 'down') return null;
  const nothingAnswers = kafka.status === 'down' && (flink.status === 'down' || flink.status === 'not-configured');
  return (
    <div className="callout" data-testid="next-step">
      <div>
        <strong>{nothingAnswers ? 'No cluster answers.' : 'Part of the stack does not answer.'}</strong> Start the local stack (Kafka, ZooKeeper and Flink as
        local processes), or point StreamDesk at another cluster.
      </div>
      <div className="actions">
        <button className="primary" disabled={operation !== 'idle'} onClick={() => void up().then(() => navigate('overview'))}>
          {operation === 'starting' ? 'Starting local stack…' : nothingAnswers ? 'Start local stack' : 'Start stopped services'}
        </button>
        <button onClick={() => navigate('stack')}>Stack details</button>
        <button onClick={() => navigate('profiles')}>Edit connection</button>
      </div>
    </div>
  );
}

/** The overall state, when it last changed, and a check on request. */
function OverviewHeader({ snapshot }: { snapshot: HealthSnapshot }) {
  const { busy: refreshing, run } = useAction('health');
  return (
    <div className="page-header">
      <div>
        <h1>Overview</h1>
        <div className="muted">
          Live · last change at {new Date(snapshot.checkedAt).toLocaleTimeString()} · Kafka {snapshot.services.kafka.details.bootstrap}
        </div>
      </div>
      <div className="overall" data-testid="overall">
        <StatusBadge status={snapshot.overall} />
        {snapshot.overallReason && <span className="muted">{snapshot.overallReason}</span>}
        <button onClick={() => void run(healthCalls.refresh)} disabled={refreshing !== null}>
          {refreshing ? 'Checking…' : 'Check now'}
        </button>
      </div>
    </div>
  );
}

/** Kafka, and ZooKeeper when the cluster has one. */
function KafkaTiles({ snapshot }: { snapshot: HealthSnapshot }) {
  const { kafka, zookeeper } = snapshot.services;
  return (
    <>
      <HealthTile
        id="kafka"
        title="Kafka"
        subtitle={kafka.details.clusterId ? `cluster ${kafka.details.clusterId}` : kafka.details.bootstrap}
        status={kafka.status}
        reason={kafka.reason}
        figures={[
          { label: 'Brokers', value: num(kafka.details.brokers) },
          {
            label: 'Controller',
            value: kafka.details.controllerId === null ? '—' : `#${kafka.details.controllerId}`,
          },
          { label: 'Topics', value: num(kafka.details.topics) },
          { label: 'Partitions', value: num(kafka.details.partitions) },
          {
            label: 'Under-repl.',
            value: num(kafka.details.underReplicatedPartitions),
            alarm: (kafka.details.underReplicatedPartitions ?? 0) > 0,
          },
          {
            label: 'Offline',
            value: num(kafka.details.offlinePartitions),
            alarm: (kafka.details.offlinePartitions ?? 0) > 0,
          },
        ]}
      />
      {/* a KRaft cluster (or a connection naming no ZooKeeper) has none to show */}
      {zookeeper.status !== 'not-configured' && (
        <HealthTile
          id="zookeeper"
          title="ZooKeeper"
          subtitle={zookeeper.details.address || undefined}
          status={zookeeper.status}
          reason={zookeeper.reason}
          figures={[
            { label: 'Mode', value: zookeeper.details.mode ?? '—' },
            { label: 'Version', value: zookeeper.details.version ?? '—' },
            {
              label: 'Avg latency',
              value: num(zookeeper.details.avgLatencyMs, ' ms'),
            },
            {
              label: 'Max latency',
              value: num(zookeeper.details.maxLatencyMs, ' ms'),
            },
            { label: 'Connections', value: num(zookeeper.details.connections) },
            { label: 'Znodes', value: num(zookeeper.details.znodes) },
          ]}
        />
      )}
    </>
  );
}

/** Flink's JobManager and TaskManagers, and Kafka UI when the connection has one. */
function FlinkTiles({ snapshot }: { snapshot: HealthSnapshot }) {
  const { flink, taskmanagers, kafkaUi } = snapshot.services;
  return (
    <>
      <HealthTile
        id="flink"
        title="Flink JobManager"
        subtitle={flink.details.url || undefined}
        status={flink.status}
        reason={flink.reason}
        figures={[
          { label: 'Version', value: flink.details.version ?? '—' },
          { label: 'Running jobs', value: num(flink.details.jobsRunning) },
          { label: 'Finished', value: num(flink.details.jobsFinished) },
          { label: 'Cancelled', value: num(flink.details.jobsCancelled) },
          {
            label: 'Failed',
            value: num(flink.details.jobsFailed),
            alarm: (flink.details.jobsFailed ?? 0) > 0,
          },
        ]}
        footer={
          flink.status === 'up' ? (
            <a href={flink.details.url} target="_blank" rel="noreferrer noopener">
              Open Flink dashboard ↗
            </a>
          ) : undefined
        }
      />
      <HealthTile
        id="taskmanagers"
        title="Flink TaskManagers"
        status={taskmanagers.status}
        reason={taskmanagers.reason}
        figures={[
          {
            label: 'TaskManagers',
            value: num(taskmanagers.details.taskManagers),
          },
          {
            label: 'Slots free',
            value: num(taskmanagers.details.slotsAvailable),
          },
          { label: 'Slots total', value: num(taskmanagers.details.slotsTotal) },
        ]}
      />
      {kafkaUi.status !== 'not-configured' && (
        <HealthTile
          id="kafkaUi"
          title="Kafka UI"
          subtitle={kafkaUi.details.url ?? undefined}
          status={kafkaUi.status}
          reason={kafkaUi.reason}
          figures={[{ label: 'Response', value: num(kafkaUi.latencyMs, ' ms') }]}
          footer={
            kafkaUi.details.url ? (
              <a href={kafkaUi.details.url} target="_blank" rel="noreferrer noopener">
                Open Kafka UI ↗
              </a>
            ) : undefined
          }
        />
      )}
    </>
  );
}

/** The stack's health tiles, what to do when nothing answers, and the live charts. */
export function Overview() {
  const { data: snapshot, error } = healthStore.use();
  if (!snapshot) {
    return <div className="page-empty">{error ? `Cannot read the stack's health: ${error}` : 'Checking the stack…'}</div>;
  }
  const { kafka, flink } = snapshot.services;
  return (
    <div className="page">
      <OverviewHeader snapshot={snapshot} />
      <NextStep snapshot={snapshot} />
      <div className="tiles">
        <KafkaTiles snapshot={snapshot} />
        <QuorumTile quorum={snapshot.services.kafka.details.quorum} />
        <FlinkTiles snapshot={snapshot} />
        <SchemaRegistryTile registry={snapshot.services.schemaRegistry} />
        <ConnectTile connect={snapshot.services.connect} />
      </div>
      {kafka.status !== 'down' && <ThroughputPanel />}
      {flink.status !== 'not-configured' && <FlinkPanel />}
      <ResourcesPanel />
    </div>
  );
}
