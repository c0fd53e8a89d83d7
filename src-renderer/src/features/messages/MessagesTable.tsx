import type { MessageRecord } from '@shared/messages';
import { VirtualRows } from '@renderer/ui/VirtualRows';
import { bytes } from '@renderer/format';
import { formatLabel, shownText } from './record-decoding';

const COLUMNS = '56px 80px 160px 100px 84px minmax(200px, 1fr) 64px';

/** The records read or tailed, one virtual row each; a click opens one. */
export function MessagesTable({ rows, mode, onSelect }: { rows: MessageRecord[]; mode: 'tail' | 'browse'; onSelect: (record: MessageRecord) => void }) {
  return (
    <div className="vtable" data-testid="messages-table" data-mode={mode}>
      <div className="vtable-head" style={{ gridTemplateColumns: COLUMNS }}>
        <span>Partition</span>
        <span>Offset</span>
        <span>Timestamp</span>
        <span>Key</span>
        <span>Format</span>
        <span>Value</span>
        <span className="right">Size</span>
      </div>
      <VirtualRows
        items={rows}
        rowHeight={32}
        maxHeight={420}
        render={(record) => {
          const format = formatLabel(record);
          return (
            <button
              key={`${record.partition}-${record.offset}`}
              className="vtable-row as-button"
              style={{ gridTemplateColumns: COLUMNS }}
              onClick={() => onSelect(record)}
              data-offset={record.offset}
            >
              <span>{record.partition}</span>
              <span>{record.offset}</span>
              <span>{new Date(record.timestamp).toLocaleString()}</span>
              <span>{shownText(record, 'key') ?? '—'}</span>
              <span title={format.title} data-testid="record-format">
                <span className={`format-badge${format.raw ? ' raw' : ''}`}>{format.text}</span>
              </span>
              <span className="value-preview">{shownText(record, 'value') ?? '(null)'}</span>
              <span className="right">{bytes(record.sizeBytes)}</span>
            </button>
          );
        }}
      />
    </div>
  );
}
