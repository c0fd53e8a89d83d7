import { useState } from 'react';
import { GeneratorEncoding, GeneratorKind, GeneratorStartArgs, MAX_GENERATOR_RATE, type GeneratorStatus } from '@shared/generator';
import { Field } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { num } from '@renderer/format';
import { useAction } from '@renderer/store';
import { generatorCalls, generatorsStore } from './generator-store';

const KIND_LABELS: Record<GeneratorKind, string> = {
  'stavanger-parking': 'Stavanger parking occupancy',
  'iot-sensors': 'IoT sensor readings',
  'user-activity': 'User activity',
  'market-ticks': 'Market ticks',
  'log-lines': 'Log lines',
};

const ENCODING_LABELS: Record<GeneratorEncoding, string> = {
  json: 'JSON text',
  avro: 'Avro (registered schema)',
  protobuf: 'Protobuf (registered schema)',
};

/** How the values are written: JSON, or a schema registered under `<topic>-value`. */
function encodingText(status: GeneratorStatus): string {
  if (!status.schema) return 'JSON';
  return `${status.encoding === 'avro' ? 'Avro' : 'Protobuf'} · ${status.schema.subject} v${status.schema.version} (id ${status.schema.id})`;
}

function EncodingSelect({ encoding, setEncoding, error }: { encoding: GeneratorEncoding; setEncoding: (e: GeneratorEncoding) => void; error?: string }) {
  return (
    <Field label="Values as" error={error}>
      <select value={encoding} onChange={(event) => setEncoding(event.target.value as GeneratorEncoding)} data-testid="generator-encoding">
        {GeneratorEncoding.options.map((option) => (
          <option key={option} value={option}>
            {ENCODING_LABELS[option]}
          </option>
        ))}
      </select>
    </Field>
  );
}

function GeneratorRow({ status }: { status: GeneratorStatus }) {
  const { busy, run } = useAction(`generator-stop:${status.id}`);
  const stopping = busy !== null;
  const live = status.state === 'running' || status.state === 'stopping';
  return (
    <div className="generator-row" data-testid="generator-row" data-state={status.state}>
      <span className={`live-dot${live && status.currentRatePerSec > 0 ? ' on' : ''}`} aria-hidden="true" />
      <span>{KIND_LABELS[status.kind]}</span>
      <span className="muted" data-testid="generator-encoding-text">
        {encodingText(status)}
      </span>
      <span className="muted">
        {status.state} · target {num(status.ratePerSec)}/s · now <strong data-testid="generator-rate">{num(Math.round(status.currentRatePerSec))}</strong>/s
      </span>
      <span>
        sent <strong data-testid="generator-sent">{num(status.sent)}</strong> · failed{' '}
        <strong className={status.failed > 0 ? 'bad' : undefined} data-testid="generator-failed">
          {num(status.failed)}
        </strong>
        {status.inFlight > 0 && <span className="muted"> · {num(status.inFlight)} in flight</span>}
      </span>
      {status.lastError && <span className="field-error">{status.lastError}</span>}
      {live && (
        <button disabled={stopping || status.state === 'stopping'} onClick={() => void run(() => generatorCalls.stop(status.id))} data-testid="generator-stop">
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      )}
    </div>
  );
}

/** Streams realistic records for the seed's use cases into this topic, with a live rate and exact counts. */
export function GeneratorPanel({ topic }: { topic: string }) {
  const generators = Object.values(generatorsStore.useSelect(undefined, (state) => state.data) ?? {}).filter((status) => status.topic === topic);
  const [kind, setKind] = useState<GeneratorKind>(topic.includes('parking') ? 'stavanger-parking' : 'iot-sensors');
  const [rate, setRate] = useState('100');
  const [encoding, setEncoding] = useState<GeneratorEncoding>('json');
  const form = useContractForm({ fields: ['topic', 'kind', 'ratePerSec', 'encoding'] });
  const busy = form.busy !== null;
  const recent = generators.sort((a, b) => b.startedAt - a.startedAt).slice(0, 3);

  async function start() {
    const args = { topic, kind, ratePerSec: Number(rate), encoding };
    await form.submit(args, generatorCalls.start, { schema: GeneratorStartArgs });
  }

  return (
    <section className="panel" data-testid="generator-panel">
      <header>
        <h2>Data generator</h2>
        <span className="muted">Idempotent producer, acks=all: “sent” counts what the broker acknowledged</span>
      </header>
      <div className="form-row generator-form">
        <Field label="Records" error={form.error('kind')}>
          <select value={kind} onChange={(event) => setKind(event.target.value as GeneratorKind)} data-testid="generator-kind">
            {GeneratorKind.options.map((option) => (
              <option key={option} value={option}>
                {KIND_LABELS[option]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Rate (records/s)" error={form.error('ratePerSec')} hint={`1–${num(MAX_GENERATOR_RATE)}`}>
          <input
            type="number"
            min={1}
            max={MAX_GENERATOR_RATE}
            value={rate}
            onChange={(event) => setRate(event.target.value)}
            data-testid="generator-rate-input"
          />
        </Field>
        <EncodingSelect encoding={encoding} setEncoding={setEncoding} error={form.error('encoding')} />
        <button className="primary" disabled={busy} onClick={() => void start()} data-testid="generator-start">
          {busy ? 'Starting…' : 'Start generator'}
        </button>
      </div>
      {(form.error('topic') || form.error('form')) && <div className="form-error">{form.error('topic') ?? form.error('form')}</div>}
      {recent.map((status) => (
        <GeneratorRow key={status.id} status={status} />
      ))}
    </section>
  );
}
