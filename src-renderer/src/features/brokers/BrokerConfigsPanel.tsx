import { Fragment, useState } from 'react';
import type { BrokerConfigEntry, BrokerConfigSource } from '@shared/brokers';
import { brokerConfigsStore } from './brokers-store';
import { EditBrokerConfigModal } from './EditBrokerConfigModal';

/** The groups in the order an operator looks for them: what was changed at run time first, Kafka's defaults last. */
const GROUPS: { source: BrokerConfigSource; title: string }[] = [
  { source: 'dynamic-broker', title: 'Dynamic, set on this broker' },
  { source: 'dynamic-default', title: 'Dynamic, set for every broker (cluster default)' },
  { source: 'static', title: "Static, from the broker's server.properties" },
  { source: 'other', title: 'Other sources' },
  { source: 'default', title: "Kafka's defaults" },
];

function ConfigRow({ entry, onEdit }: { entry: BrokerConfigEntry; onEdit: (entry: BrokerConfigEntry) => void }) {
  return (
    <tr data-testid={`broker-config-${entry.name}`} data-source={entry.source}>
      <td>
        <code>{entry.name}</code>
      </td>
      <td>{entry.sensitive ? '(hidden)' : (entry.value ?? '—')}</td>
      <td>{entry.dynamic ? <button onClick={() => onEdit(entry)}>Edit</button> : <span className="muted">read-only</span>}</td>
    </tr>
  );
}

function ConfigGroups({ configs, showDefaults, onEdit }: { configs: BrokerConfigEntry[]; showDefaults: boolean; onEdit: (entry: BrokerConfigEntry) => void }) {
  const groups = GROUPS.filter((group) => showDefaults || group.source !== 'default')
    .map((group) => ({ ...group, entries: configs.filter((entry) => entry.source === group.source) }))
    .filter((group) => group.entries.length > 0);
  return (
    <table className="grid compact broker-configs">
      <colgroup>
        <col className="name" />
        <col />
        <col className="edit" />
      </colgroup>
      <tbody>
        {groups.map((group) => (
          <Fragment key={group.source}>
            <tr>
              <th colSpan={3} data-testid={`config-group-${group.source}`}>
                {group.title} ({group.entries.length})
              </th>
            </tr>
            {group.entries.map((entry) => (
              <ConfigRow key={entry.name} entry={entry} onEdit={onEdit} />
            ))}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

/** A broker's configs: the dynamic overrides and static settings apart from Kafka's defaults; dynamic ones edited in place. */
export function BrokerConfigsPanel({ brokerId }: { brokerId: number }) {
  const { data, error } = brokerConfigsStore.use({ brokerId });
  const [showDefaults, setShowDefaults] = useState(false);
  const [editing, setEditing] = useState<BrokerConfigEntry | null>(null);
  return (
    <section className="panel" data-testid="broker-configs">
      <header>
        <h2>Configs of broker #{brokerId}</h2>
        <label className="check">
          <input type="checkbox" checked={showDefaults} onChange={(event) => setShowDefaults(event.target.checked)} data-testid="show-broker-defaults" /> Show
          Kafka defaults
        </label>
      </header>
      {error && <div className="callout error">{error}</div>}
      {!data && !error && <div className="muted">Reading the configs…</div>}
      {data && <ConfigGroups configs={data.configs} showDefaults={showDefaults} onEdit={setEditing} />}
      {editing && (
        <EditBrokerConfigModal
          brokerId={brokerId}
          entry={editing}
          onClose={(changed) => {
            setEditing(null);
            if (changed) void brokerConfigsStore.refresh({ brokerId });
          }}
        />
      )}
    </section>
  );
}
