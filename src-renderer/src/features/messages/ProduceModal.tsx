import { useState } from 'react';
import { ProduceArgs, type ProducedRecord } from '@shared/produce';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { messageCalls } from './messages-store';

const FIELDS = ['topic', 'key', 'value', 'headers', 'partition'] as const;
const EXAMPLE = JSON.stringify({ garage: 'Kyrre', capacity: 150, occupied: 97, free: 53, event_time: Date.now() }, null, 2);

/** What the form starts with, e.g. a record read from the topic ("Edit and produce again"). */
export interface ProduceDraft {
  key: string | null;
  value: string;
  valueIsJson: boolean;
  headers: { name: string; value: string }[];
  partition: number | null;
}

type Header = { name: string; value: string };

/** The record's headers, as rows of name and value, with their error. */
function HeadersFieldset({ headers, setHeaders, error }: { headers: Header[]; setHeaders: (headers: Header[]) => void; error: string | undefined }) {
  return (
    <fieldset className="configs">
      <legend>Headers</legend>
      {headers.map((header, index) => (
        <div className="config-row" key={index}>
          <input
            aria-label="Header name"
            value={header.name}
            onChange={(event) => setHeaders(headers.map((h, i) => (i === index ? { ...h, name: event.target.value } : h)))}
          />
          <input
            aria-label="Header value"
            value={header.value}
            onChange={(event) => setHeaders(headers.map((h, i) => (i === index ? { ...h, value: event.target.value } : h)))}
          />
          <button type="button" className="icon" aria-label="Remove header" onClick={() => setHeaders(headers.filter((_, i) => i !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setHeaders([...headers, { name: '', value: '' }])}>
        Add header
      </button>
      {error && <span className="field-error">{error}</span>}
    </fieldset>
  );
}

/** Produce one record: key, headers, a value checked as JSON when it is meant to be JSON, a partition or none. */
export function ProduceModal({ topic, partitions, onClose, initial }: { topic: string; partitions: number; onClose: () => void; initial?: ProduceDraft }) {
  const [key, setKey] = useState(initial?.key ?? '');
  const [value, setValue] = useState(initial?.value ?? EXAMPLE);
  const [valueIsJson, setValueIsJson] = useState(initial?.valueIsJson ?? true);
  const [headers, setHeaders] = useState<{ name: string; value: string }[]>(initial?.headers ?? []);
  const [partition, setPartition] = useState(initial?.partition == null ? '' : String(initial.partition));
  const form = useContractForm({ fields: FIELDS });
  const busy = form.busy !== null;
  const [sent, setSent] = useState<ProducedRecord[]>([]);

  async function send() {
    const args = {
      topic,
      key: key === '' ? null : key,
      value,
      valueIsJson,
      headers: Object.fromEntries(headers.filter((header) => header.name !== '').map((header) => [header.name, header.value])),
      partition: partition === '' ? null : Number(partition),
    };
    const record = await form.submit(args, messageCalls.produce, { schema: ProduceArgs });
    if (record) setSent((previous) => [record, ...previous].slice(0, 5));
  }

  return (
    <Modal
      title={`Produce to ${topic}`}
      testId="produce-modal"
      wide
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Close</button>
          <button className="primary" disabled={busy} onClick={() => void send()} data-testid="produce-submit">
            {busy ? 'Sending…' : 'Produce'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <div className="form-row">
          <Field label="Key" error={form.error('key')} hint="Empty: no key (records spread over partitions)">
            <input value={key} onChange={(event) => setKey(event.target.value)} spellCheck={false} />
          </Field>
          <Field label="Partition" error={form.error('partition')} hint={`0–${partitions - 1}, or empty to let the key decide`}>
            <input type="number" min={0} max={partitions - 1} value={partition} onChange={(event) => setPartition(event.target.value)} />
          </Field>
        </div>
        <Field label="Value" error={form.error('value')}>
          <textarea rows={8} value={value} onChange={(event) => setValue(event.target.value)} spellCheck={false} className="mono" />
        </Field>
        <label className="check">
          <input type="checkbox" checked={valueIsJson} onChange={(event) => setValueIsJson(event.target.checked)} /> The value is JSON (checked before sending)
        </label>
        <HeadersFieldset headers={headers} setHeaders={setHeaders} error={form.error('headers')} />
        {form.error('form') && <div className="form-error">{form.error('form')}</div>}
        {sent.length > 0 && (
          <div className="note ok" data-testid="produce-result">
            Written with acks=all: {sent.map((record) => `partition ${record.partition} @ offset ${record.offset}`).join(' · ')}
          </div>
        )}
      </div>
    </Modal>
  );
}
