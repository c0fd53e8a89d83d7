import { useState } from 'react';
import type { KcatCommand, MessageRecord } from '@shared/messages';
import { exportFile } from '@shared/message-export';
import { messageCalls } from './messages-store';
import { bytes } from '@renderer/format';
import type { ProduceDraft } from './ProduceModal';
import { downloadFile } from './download';
import { decodingOf, prettyDecoded, storedHex, summary } from './record-decoding';

/** JSON pretty-printed; anything else shown as it is. Always rendered as text, never as HTML. */
function prettyValue(record: MessageRecord): string {
  if (record.value === null) return '(null — tombstone)';
  if (record.valueFormat !== 'json') return record.value;
  try {
    return JSON.stringify(JSON.parse(record.value), null, 2);
  } catch {
    return record.value;
  }
}

/** The record as the Produce form's starting point; null (with the reason) when a part is not text. */
function draftOf(record: MessageRecord): { draft: ProduceDraft | null; reason: string | null } {
  if (record.keyEncoding === 'base64') return { draft: null, reason: 'the key is binary' };
  if (record.valueFormat === 'binary') return { draft: null, reason: 'the value is binary' };
  if (record.valueFormat === 'null') return { draft: null, reason: 'a tombstone has no value to edit' };
  if (record.headers.some((header) => header.valueEncoding === 'base64')) return { draft: null, reason: 'a header value is binary' };
  return {
    draft: {
      key: record.key,
      value: record.value ?? '',
      valueIsJson: record.valueFormat === 'json',
      headers: record.headers.map((header) => ({ name: header.key, value: header.value ?? '' })),
      partition: record.partition,
    },
    reason: null,
  };
}

/** How a side was read: a badge with the format, schema id and subject, or raw with the reason. */
function DecodingLine({ record, side }: { record: MessageRecord; side: 'key' | 'value' }) {
  const decoding = decodingOf(record, side);
  if (!decoding) return null;
  return (
    <div className={`decoding ${decoding.status}`} data-testid={`${side}-decoding`} data-status={decoding.status}>
      <span className="format-badge">{decoding.status === 'decoded' ? decoding.format : 'raw'}</span>{' '}
      {decoding.status === 'decoded' ? summary(decoding) : decoding.reason}
    </div>
  );
}

/** The record's timestamp, key, size, headers and value format. */
function RecordMeta({ record }: { record: MessageRecord }) {
  return (
    <dl className="record-meta">
      <dt>Timestamp</dt>
      <dd>{new Date(record.timestamp).toISOString()}</dd>
      <dt>Key</dt>
      <dd>
        {record.keyDecoding?.status === 'decoded' ? record.keyDecoding.json : (record.key ?? '(none)')}
        {record.keyEncoding === 'base64' && record.keyDecoding?.status !== 'decoded' ? ' (base64)' : ''}
        <DecodingLine record={record} side="key" />
      </dd>
      <dt>Size</dt>
      <dd>{bytes(record.sizeBytes)}</dd>
      <dt>Headers</dt>
      <dd>{record.headers.length === 0 ? '(none)' : record.headers.map((header) => `${header.key}=${header.value ?? ''}`).join(', ')}</dd>
      <dt>Value</dt>
      <dd>
        {record.valueDecoding ? '' : record.valueFormat}
        <DecodingLine record={record} side="value" />
      </dd>
    </dl>
  );
}

/** The value: decoded JSON when decoded (a toggle shows the bytes as stored, in hex), else as stored. */
function RecordValue({ record }: { record: MessageRecord }) {
  const decoding = record.valueDecoding;
  const [showBytes, setShowBytes] = useState(decoding?.status === 'raw');
  const hex = storedHex(record, 'value');
  return (
    <>
      {decoding && hex !== null && (
        <label className="check">
          <input type="checkbox" checked={showBytes} onChange={(event) => setShowBytes(event.target.checked)} data-testid="show-raw-bytes" /> Show the bytes as
          stored (hex)
        </label>
      )}
      <pre className="log" data-testid="record-value">
        {decoding && showBytes ? hex : decoding?.status === 'decoded' ? prettyDecoded(decoding) : prettyValue(record)}
      </pre>
    </>
  );
}

/** A record in full, with what can be done with it: copy as kcat, edit and produce again, export. */
export function RecordPanel({
  topic,
  record,
  onClose,
  onEdit,
}: {
  topic: string;
  record: MessageRecord;
  onClose: () => void;
  onEdit: (draft: ProduceDraft) => void;
}) {
  const [kcat, setKcat] = useState<KcatCommand | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { draft, reason } = draftOf(record);

  async function copyKcat() {
    try {
      const answer = await messageCalls.kcatCommand({ topic, partition: record.partition, offset: record.offset });
      setKcat(answer);
      setError(null);
      // The clipboard needs a secure context (the app, or serve on 127.0.0.1); the text stays shown either way.
      await navigator.clipboard?.writeText(answer.command).then(
        () => setCopied('Copied to the clipboard'),
        () => setCopied('Select the command to copy it'),
      );
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  return (
    <aside className="record-panel" data-testid="record-panel">
      <header>
        <h2>
          Partition {record.partition} · offset {record.offset}
        </h2>
        <button className="icon" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <RecordMeta record={record} />
      <div className="toolbar">
        <button onClick={() => void copyKcat()} data-testid="copy-kcat">
          Copy as kcat
        </button>
        <button
          disabled={!draft}
          title={reason ? `Cannot edit as text: ${reason}` : 'Open the Produce form with this record'}
          onClick={() => draft && onEdit(draft)}
          data-testid="edit-produce"
        >
          Edit and produce again
        </button>
        <button onClick={() => downloadFile(exportFile(`${topic}-p${record.partition}-o${record.offset}`, [record], 'jsonl'))} data-testid="export-record">
          Export
        </button>
      </div>
      {error && <div className="note error">{error}</div>}
      {kcat && (
        <div className="kcat">
          <pre className="log short" data-testid="kcat-command">
            {kcat.command}
          </pre>
          <div className="muted">
            {copied ? `${copied}. ` : ''}
            {kcat.caveats.join('; ')}
          </div>
        </div>
      )}
      <RecordValue record={record} />
    </aside>
  );
}
