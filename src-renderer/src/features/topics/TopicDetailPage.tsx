import { useState } from 'react';
import type { TopicConfigEntry, TopicDetail, TopicPartition, TopicSummary } from '@shared/topics';
import { bytes, num, retention } from '@renderer/format';
import { hrefOf, navigate } from '@renderer/router';
import { AddPartitionsModal, DeleteTopicModal, EditConfigsModal } from './TopicActions';
import { PurgeRecordsModal } from './PurgeRecordsModal';
import { topicStore } from './topics-store';
import { ProduceModal } from '../messages/ProduceModal';
import { GeneratorPanel } from '../generator/GeneratorPanel';
import { TopicThroughput } from '../metrics/TopicThroughput';
import { MessagesPanel } from '../messages/MessagesPanel';
import { TopicConnectors } from '../connect/TopicConnectors';
import { ResourceAclsPanel } from '@renderer/features/acls/ResourceAclsPanel';
import { ReassignModal } from '@renderer/features/reassignments/ReassignModal';
import { ElectLeadersModal } from '@renderer/features/reassignments/ElectLeadersModal';
import { ReassignmentProgressPanel } from '@renderer/features/reassignments/ReassignmentProgressPanel';

type Dialog = 'produce' | 'configs' | 'partitions' | 'reassign' | 'elect' | 'purge' | 'delete' | null;

/** The topic's name, its numbers and the buttons that open its dialogs. */
function TopicHeader({ summary, onOpen }: { summary: TopicSummary; onOpen: (dialog: Dialog) => void }) {
  return (
    <div className="page-header">
      <div>
        <h1 data-testid="topic-title">{summary.name}</h1>
        <div className="muted">
          {summary.partitions} partitions · RF {summary.replicationFactor} · retention {retention(summary.retentionMs)} · {summary.cleanupPolicy} ·{' '}
          <span data-testid="topic-messages">{num(summary.messageCount)}</span> messages · {bytes(summary.sizeBytes)}
        </div>
      </div>
      <div className="actions">
        <button className="primary" onClick={() => onOpen('produce')} data-testid="open-produce">
          Produce message
        </button>
        <button onClick={() => onOpen('configs')}>Edit configs</button>
        <button onClick={() => onOpen('partitions')}>Add partitions</button>
        <button onClick={() => onOpen('reassign')} data-testid="open-reassign" title="Move replicas between brokers or change the replication factor">
          Reassign partitions
        </button>
        <button onClick={() => onOpen('elect')} data-testid="open-elect">
          Elect leaders
        </button>
        <button onClick={() => onOpen('purge')} data-testid="open-purge">
          Purge records
        </button>
        <button className="danger" onClick={() => onOpen('delete')}>
          Delete
        </button>
      </div>
    </div>
  );
}

/** Each partition: leader, replicas, in-sync replicas, offsets, messages and size. */
function PartitionsPanel({ partitions }: { partitions: TopicPartition[] }) {
  return (
    <section className="panel">
      <header>
        <h2>Partitions</h2>
      </header>
      <table className="grid compact" data-testid="partitions-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Leader</th>
            <th>Replicas</th>
            <th>In sync</th>
            <th className="right">Start offset</th>
            <th className="right">End offset</th>
            <th className="right">Messages</th>
            <th className="right">Size</th>
          </tr>
        </thead>
        <tbody>
          {partitions.map((partition) => (
            <tr key={partition.partition} className={partition.offline ? 'row-bad' : partition.isr.length < partition.replicas.length ? 'row-warn' : undefined}>
              <td>{partition.partition}</td>
              <td>{partition.offline ? <span className="flag bad">offline</span> : `#${partition.leader}`}</td>
              <td>{partition.replicas.join(', ')}</td>
              <td>{partition.isr.join(', ') || '—'}</td>
              <td className="right">{num(partition.startOffset)}</td>
              <td className="right" data-testid={`end-offset-${partition.partition}`}>
                {num(partition.endOffset)}
              </td>
              <td className="right">{num(partition.endOffset - partition.startOffset)}</td>
              <td className="right">{bytes(partition.sizeBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The topic's configs: the overrides, or every one with "Show defaults". */
function ConfigsPanel({
  configs,
  showDefaults,
  onShowDefaults,
}: {
  configs: TopicConfigEntry[];
  showDefaults: boolean;
  onShowDefaults: (show: boolean) => void;
}) {
  return (
    <section className="panel">
      <header>
        <h2>Configs</h2>
        <label className="check">
          <input type="checkbox" checked={showDefaults} onChange={(event) => onShowDefaults(event.target.checked)} /> Show defaults
        </label>
      </header>
      {configs.length === 0 ? (
        <div className="muted">No overrides: every config is the broker default.</div>
      ) : (
        <table className="grid compact" data-testid="configs-table">
          <tbody>
            {configs.map((entry) => (
              <tr key={entry.name}>
                <td>
                  <code>{entry.name}</code>
                </td>
                <td>{entry.sensitive ? '(hidden)' : entry.value}</td>
                <td className="muted">{entry.source === 'topic' ? 'set on this topic' : entry.source === 'broker' ? 'broker setting' : 'default'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The open dialog: produce, edit configs, add partitions (each re-reading the topic when closed) or delete. */
function TopicDialogs({ open, detail, onCloseAndRefresh, onClose }: { open: Dialog; detail: TopicDetail; onCloseAndRefresh: () => void; onClose: () => void }) {
  return (
    <>
      {open === 'produce' && <ProduceModal topic={detail.summary.name} partitions={detail.summary.partitions} onClose={onCloseAndRefresh} />}
      {open === 'configs' && <EditConfigsModal detail={detail} onClose={onCloseAndRefresh} />}
      {open === 'partitions' && <AddPartitionsModal detail={detail} onClose={onCloseAndRefresh} />}
      {open === 'reassign' && <ReassignModal detail={detail} onClose={onCloseAndRefresh} />}
      {open === 'elect' && <ElectLeadersModal topic={detail.summary.name} onClose={onCloseAndRefresh} />}
      {open === 'purge' && <PurgeRecordsModal detail={detail} onClose={onCloseAndRefresh} />}
      {open === 'delete' && (
        <DeleteTopicModal
          name={detail.summary.name}
          onClose={onClose}
          onDeleted={() => {
            onClose();
            navigate('topics');
          }}
        />
      )}
    </>
  );
}

/** One topic: its partitions (leader, replicas, ISR, offsets), its configs, and what to do with it. */
export function TopicDetailPage({ name }: { name: string }) {
  const { data: detail, error } = topicStore.use({ name });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [showDefaults, setShowDefaults] = useState(false);
  const close = () => {
    setDialog(null);
    void topicStore.refresh({ name });
  };

  if (!detail) {
    return (
      <div className="page">
        <a href={hrefOf('topics')}>← Topics</a>
        <div className="page-empty">{error ?? 'Loading…'}</div>
      </div>
    );
  }
  const { summary } = detail;
  const configs = detail.configs.filter((entry) => showDefaults || !entry.isDefault);
  return (
    <div className="page">
      <a href={hrefOf('topics')}>← Topics</a>
      <TopicHeader summary={summary} onOpen={setDialog} />
      {error && <div className="callout error">Could not refresh: {error}</div>}
      {/* right under the header (it shows only while a reassignment runs, and just after): Apply in the modal above leads here */}
      <ReassignmentProgressPanel topic={summary.name} />
      <TopicThroughput topic={summary.name} />
      <GeneratorPanel topic={summary.name} />
      <MessagesPanel topic={summary.name} partitions={summary.partitions} scale={{ records: summary.messageCount, bytes: summary.sizeBytes }} />
      <TopicConnectors topic={summary.name} />
      <PartitionsPanel partitions={detail.partitions} />
      <ConfigsPanel configs={configs} showDefaults={showDefaults} onShowDefaults={setShowDefaults} />
      <ResourceAclsPanel resourceType="topic" name={summary.name} />
      <TopicDialogs open={dialog} detail={detail} onCloseAndRefresh={close} onClose={() => setDialog(null)} />
    </div>
  );
}
