import { useState } from 'react';
import type { BrokerConfigEntry, BrokerConfigSource } from '@shared/brokers';
import { brokerConfigsStore } from './brokers-store';
import { EditBrokerConfigModal } from './EditBrokerConfigModal';

const SOURCE_LABELS: Record<BrokerConfigSource, string> = {
  'dynamic-broker': 'set on this broker',
  'dynamic-default': 'set for every broker',
  static: 'server.properties',
  default: 'Kafka default',
  other: 'other',
};

function ConfigRow({ entry, onEdit }: { entry: BrokerConfigEntry; onEdit: (entry: BrokerConfigEntry) => void }) {
  return (
    <tr data-testid={`broker-config-${entry.name}`}>
      <td>
        <code>{entry.name}</code>
      </td>
      <td>{entry.sensitive ? '(hidden)' : (entry.value ?? '—')}</td>
      <td className="muted">{SOURCE_LABELS[entry.source]}</td>
      <td>{entry.dynamic ? <button onClick={() => onEdit(entry)}>Edit</button> : <span className="muted">read-only</span>}</td>
    </tr>
  );
}

/** A broker's configs: the overrides (dynamic and static) apart from Kafka's defaults; dynamic ones edited in place. */
export function BrokerConfigsPanel({ brokerId }: { brokerId: number }) {
  const { data, error } = brokerConfigsStore.use({ brokerId });
  const [showDefaults, setShowDefaults] = useState(false);
  const [editing, setEditing] = useState<BrokerConfigEntry | null>(null);
  const shown = (data?.configs ?? []).filter((entry) => showDefaults || entry.source !== 'default');
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
      <table className="grid compact">
        <tbody>
          {shown.map((entry) => (
            <ConfigRow key={entry.name} entry={entry} onEdit={setEditing} />
          ))}
        </tbody>
      </table>
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
