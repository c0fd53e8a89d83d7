import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TopicSummary } from '@shared/topics';
import { VirtualRows } from '@renderer/ui/VirtualRows';
import { bytes, num, retention } from '@renderer/format';
import { hrefOf, navigate } from '@renderer/router';
import { includeInternalStore, readFigures, setIncludeInternal, topicsStore, type TopicList } from './topics-store';
import { sortTopics, type TopicSort, type TopicSortKey } from './topic-sort';
import { presetTopicsStore } from '../preset-topics/preset-topics-store';
import { CreateTopicModal } from './CreateTopicModal';
import { PresetTopicsPanel } from '../preset-topics/PresetTopicsPanel';

function Flag({ topic }: { topic: TopicSummary }) {
  if (topic.offlinePartitions > 0) return <span className="flag bad">{topic.offlinePartitions} offline</span>;
  if (topic.underReplicatedPartitions > 0) return <span className="flag warn">{topic.underReplicatedPartitions} under-replicated</span>;
  return <span className="flag ok">healthy</span>;
}

const HEADERS: { key: TopicSortKey; label: string; right?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'partitions', label: 'Partitions', right: true },
  { key: 'replicationFactor', label: 'RF', right: true },
  { key: 'retentionMs', label: 'Retention', right: true },
  { key: 'cleanupPolicy', label: 'Cleanup' },
  { key: 'messageCount', label: 'Messages', right: true },
  { key: 'sizeBytes', label: 'Size', right: true },
  { key: 'health', label: 'Replicas' },
];

/** Column headers that sort: a click sorts by the column, a second click turns the order round (not drawn again per keystroke). */
const SortHeaders = memo(function SortHeaders({ sort, onSort }: { sort: TopicSort; onSort: (sort: TopicSort) => void }) {
  return (
    <div className="vtable-head topics-columns">
      {HEADERS.map(({ key, label, right }) => {
        const active = sort.key === key;
        return (
          <button
            key={key}
            type="button"
            className={`sort-head${right ? ' right' : ''}${active ? ' active' : ''}`}
            aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            data-sort={key}
            onClick={() => onSort({ key, descending: active ? !sort.descending : key !== 'name' })}
          >
            {label}
            {active ? (sort.descending ? ' ▾' : ' ▴') : ''}
          </button>
        );
      })}
    </div>
  );
});

/** One row; counts, sizes, retention and cleanup say … until they are read. A row still in view after a keystroke is not drawn again. */
const TopicRow = memo(function TopicRow({ topic, figured }: { topic: TopicSummary; figured: boolean }) {
  const pending = !figured;
  return (
    <a className="vtable-row topics-columns" href={hrefOf('topics', topic.name)} data-topic={topic.name} data-figured={figured}>
      <span className="name">
        {topic.name}
        {topic.internal && <span className="tag">internal</span>}
      </span>
      <span className="right">{topic.partitions}</span>
      <span className="right">{topic.replicationFactor}</span>
      <span className="right">{pending ? '…' : retention(topic.retentionMs)}</span>
      <span>{pending ? '…' : (topic.cleanupPolicy ?? '—')}</span>
      <span className="right" data-testid="message-count">
        {pending ? '…' : num(topic.messageCount)}
      </span>
      <span className="right">{pending ? '…' : bytes(topic.sizeBytes)}</span>
      <span>
        <Flag topic={topic} />
      </span>
    </a>
  );
});

/** The rows shown (only those in view are drawn, and their figures are read first). */
function TopicsTable({
  list,
  visible,
  filter,
  sort,
  onSort,
}: {
  list: TopicList | null;
  visible: TopicSummary[];
  filter: string;
  sort: TopicSort;
  onSort: (sort: TopicSort) => void;
}) {
  const onDrawn = useCallback((drawn: readonly TopicSummary[]) => readFigures(drawn.map((topic) => topic.name)), []);
  // the rows changed (read again, or figures merged): the reading goes on from where it is
  useEffect(() => readFigures([]), [list]);
  return (
    <div className="vtable topics-table" data-testid="topics-table">
      <SortHeaders sort={sort} onSort={onSort} />
      {list && visible.length === 0 && (
        <div className="empty-row">{filter ? 'No topic matches the filter.' : 'No topics yet. Create one, or apply the preset topics.'}</div>
      )}
      <VirtualRows
        items={visible}
        rowHeight={36}
        maxHeight={560}
        onDrawn={onDrawn}
        // keyed by position, not by name: a keystroke that brings other topics into view writes their names and figures
        // into the rows already there, not ~30 rows of new elements to create, style and lay out
        render={(topic, index) => <TopicRow key={index} topic={topic} figured={list?.figured.has(topic.name) ?? false} />}
      />
    </div>
  );
}

/** How many topics, and how far the reading of their figures is. */
function TopicsHeading({ list, includeInternal }: { list: TopicList | null; includeInternal: boolean }) {
  if (!list) return <div className="muted">Loading…</div>;
  const total = list.topics.length;
  const read = list.topics.reduce((count, topic) => count + (list.fresh.has(topic.name) ? 1 : 0), 0);
  const progress = list.figuresError
    ? ` · figures could not all be read: ${list.figuresError}`
    : read < total
      ? ` · reading message counts, sizes, retention and cleanup policy… (${num(read)} of ${num(total)})`
      : '';
  return <div className="muted">{`${num(total)} topics${includeInternal ? ' (internal shown)' : ''}${progress}`}</div>;
}

/** The topics in the order chosen and filtered as typed: sorted once per change of rows or order, filtered per keystroke. */
function useShownTopics(list: TopicList | null, sort: TopicSort, filter: string): TopicSummary[] {
  const sorted = useMemo(() => (list ? sortTopics(list.topics, sort, list.figured) : []), [list, sort]);
  // Lower-cased once per order, not once per topic per keystroke.
  const searchable = useMemo(() => sorted.map((topic) => ({ key: topic.name.toLowerCase(), topic })), [sorted]);
  // The last keystroke's matches: a needle that only grew is looked for among those, not among every topic again.
  const last = useRef<{ searchable: typeof searchable; needle: string; matches: typeof searchable } | null>(null);
  // Filtered in the keystroke's own render, not deferred: scanning 10,000 names takes about a millisecond and only the
  // rows in view are drawn, so the matches are painted in the very next frame (deferring added a render pass, and a
  // frame, to every keystroke).
  return useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) {
      last.current = null;
      return sorted;
    }
    const previous = last.current;
    const pool = previous && previous.searchable === searchable && needle.includes(previous.needle) ? previous.matches : searchable;
    const matches = pool.filter((entry) => entry.key.includes(needle));
    last.current = { searchable, needle, matches };
    return matches.map((entry) => entry.topic);
  }, [sorted, searchable, filter]);
}

/** The quick filter and the table: a keystroke draws these again, not the page around them (heading, preset topics). */
function FilteredTopics({ list }: { list: TopicList | null }) {
  const includeInternal = includeInternalStore.useSelect(undefined, (state) => state.data ?? false);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<TopicSort>({ key: 'name', descending: false });
  const visible = useShownTopics(list, sort, filter);
  return (
    <>
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
      <TopicsTable list={list} visible={visible} filter={filter} sort={sort} onSort={setSort} />
    </>
  );
}

/** All topics, sorted by any column and filtered as you type (instant with 10,000: only the visible rows are drawn). */
export function TopicsPage() {
  const { data, loading, error: listError } = topicsStore.use();
  const presetsError = presetTopicsStore.use().error;
  const includeInternal = includeInternalStore.useSelect(undefined, (state) => state.data ?? false);
  const error = listError ?? presetsError;
  const [creating, setCreating] = useState(false);
  const load = () => Promise.all([topicsStore.refresh(), presetTopicsStore.refresh()]);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Topics</h1>
          <TopicsHeading list={data} includeInternal={includeInternal} />
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
      <FilteredTopics list={data} />
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
