import { useMemo, useState } from 'react';
import type { TopicSummary } from '@shared/topics';
import { VirtualRows } from '@renderer/ui/VirtualRows';
import { bytes, num, retention } from '@renderer/format';
import { hrefOf, navigate } from '@renderer/router';
import { includeInternalStore, setIncludeInternal, topicsStore } from './topics-store';
import { presetTopicsStore } from '../preset-topics/preset-topics-store';
import { CreateTopicModal } from './CreateTopicModal';
import { PresetTopicsPanel } from '../preset-topics/PresetTopicsPanel';

const COLUMNS = 'minmax(220px, 3fr) 90px 70px 110px 120px 120px 100px 150px';

function Flag({ topic }: { topic: TopicSummary }) {
  if (topic.offlinePartitions > 0) return <span className="flag bad">{topic.offlinePartitions} offline</span>;
  if (topic.underReplicatedPartitions > 0) return <span className="flag warn">{topic.underReplicatedPartitions} under-replicated</span>;
  return <span className="flag ok">healthy</span>;
}

/** The rows shown (only those in view are drawn); counts and sizes say … while they are read. */
function TopicsTable({
  topics,
  visible,
  filter,
  detailsPending,
}: {
  topics: TopicSummary[] | null;
  visible: TopicSummary[];
  filter: string;
  detailsPending: boolean;
}) {
  return (
    <div className="vtable" data-testid="topics-table">
      <div className="vtable-head" style={{ gridTemplateColumns: COLUMNS }}>
        <span>Name</span>
        <span className="right">Partitions</span>
        <span className="right">RF</span>
        <span className="right">Retention</span>
        <span>Cleanup</span>
        <span className="right">Messages</span>
        <span className="right">Size</span>
        <span>Replicas</span>
      </div>
      {topics && visible.length === 0 && (
        <div className="empty-row">{filter ? 'No topic matches the filter.' : 'No topics yet. Create one, or apply the preset topics.'}</div>
      )}
      <VirtualRows
        items={visible}
        rowHeight={36}
        maxHeight={560}
        render={(topic) => (
          <a key={topic.name} className="vtable-row" href={hrefOf('topics', topic.name)} style={{ gridTemplateColumns: COLUMNS }} data-topic={topic.name}>
            <span className="name">
              {topic.name}
              {topic.internal && <span className="tag">internal</span>}
            </span>
            <span className="right">{topic.partitions}</span>
            <span className="right">{topic.replicationFactor}</span>
            <span className="right">{detailsPending ? '…' : retention(topic.retentionMs)}</span>
            <span>{detailsPending ? '…' : (topic.cleanupPolicy ?? '—')}</span>
            <span className="right" data-testid="message-count">
              {detailsPending ? '…' : num(topic.messageCount)}
            </span>
            <span className="right">{detailsPending ? '…' : bytes(topic.sizeBytes)}</span>
            <span>
              <Flag topic={topic} />
            </span>
          </a>
        )}
      />
    </div>
  );
}

/** All topics, filtered as you type (instant with 10,000: only the visible rows are drawn). */
export function TopicsPage() {
  const { data, loading, error: listError } = topicsStore.use();
  const presetsError = presetTopicsStore.use().error;
  const includeInternal = includeInternalStore.useSelect(undefined, (state) => state.data ?? false);
  const topics = data?.topics ?? null;
  const detailsPending = data?.detailsPending ?? false;
  const error = listError ?? presetsError;
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const load = () => Promise.all([topicsStore.refresh(), presetTopicsStore.refresh()]);
  // Lower-cased once per load, not once per topic per keystroke.
  const searchable = useMemo(() => (topics ?? []).map((topic) => ({ key: topic.name.toLowerCase(), topic })), [topics]);
  // Filtered in the keystroke's own render, not deferred: scanning 10,000 names takes about a
  // millisecond and only the rows in view are drawn, so the matches are painted in the very next frame
  // (deferring added a render pass, and a frame, to every keystroke).
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? searchable.filter((entry) => entry.key.includes(needle)).map((entry) => entry.topic) : (topics ?? []);
  }, [topics, searchable, filter]);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Topics</h1>
          <div className="muted">
            {topics
              ? `${num(topics.length)} topics${includeInternal ? ' (internal shown)' : ''}${detailsPending ? ' · reading message counts, sizes, retention and cleanup policy…' : ''}`
              : 'Loading…'}
          </div>
        </div>
        <div className="actions">
          <button onClick={() => void load()} disabled={loading}>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
          <button className="primary" onClick={() => setCreating(true)} data-testid="open-create-topic">
            Create topic
          </button>
        </div>
      </div>
      {error && <div className="callout error">{error}</div>}
      <PresetTopicsPanel />
      <div className="toolbar">
        <input
          className="filter"
          type="search"
          placeholder="Filter topics"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          aria-label="Filter topics"
          data-testid="topic-filter"
        />
        <label className="check">
          <input type="checkbox" checked={includeInternal} onChange={(event) => void setIncludeInternal(event.target.checked)} /> Show internal topics
        </label>
        <span className="muted">{filter ? `${num(visible.length)} match` : ''}</span>
      </div>
      <TopicsTable topics={topics} visible={visible} filter={filter} detailsPending={detailsPending} />
      {creating && (
        <CreateTopicModal
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            void load();
            navigate('topics', name);
          }}
        />
      )}
    </div>
  );
}
