import { useState } from 'react';
import type { ChangeOffsetsArgs, ConnectorDetail, OffsetChangeRow, OffsetsResult } from '@shared/connect';
import { Field } from '@renderer/ui/Modal';
import { ChangesTable, PreviewApplyButtons, usePreviewApply, type ChangeColumn } from '@renderer/ui/PreviewApply';
import { connectCalls, offsetsStore } from './connect-store';
import { needsVersion } from './connect-versions';
import { mapText, parseSourceOffsets, sinkChange, sinkRows, type SinkRow } from './offsets-edit';

const CHANGE_COLUMNS: ChangeColumn<OffsetChangeRow>[] = [
  { label: 'Partition', render: (row) => <code>{mapText(row.partition)}</code> },
  { label: 'Current', render: (row) => <code>{mapText(row.current)}</code>, right: true },
  { label: 'New', render: (row) => <code>{row.next === null ? 'forgotten' : mapText(row.next)}</code>, right: true },
];

/** The offsets as they stand: a sink's per topic-partition, a source's as the plugin's partition and offset maps. */
function CurrentOffsets({ offsets }: { offsets: OffsetsResult }) {
  if (offsets.offsets.length === 0) return <div className="muted">No offset committed yet.</div>;
  if (offsets.type === 'sink')
    return (
      <ChangesTable
        rows={sinkRows(offsets.offsets)}
        rowKey={(row) => `${row.topic}-${row.partition}`}
        testId="connector-offsets"
        columns={[
          { label: 'Topic', render: (row) => row.topic },
          { label: 'Partition', render: (row) => row.partition },
          { label: 'Offset', render: (row) => row.current ?? '—', right: true },
        ]}
      />
    );
  return (
    <ChangesTable
      rows={offsets.offsets}
      rowKey={(row) => JSON.stringify(row.partition)}
      testId="connector-offsets"
      columns={[
        { label: 'Partition (as the plugin names it)', render: (row) => <code>{JSON.stringify(row.partition)}</code> },
        { label: 'Offset', render: (row) => <code>{row.offset === null ? '—' : JSON.stringify(row.offset)}</code> },
      ]}
    />
  );
}

/** Alter's input: a sink's new offset per topic-partition, or a source's offsets as JSON. */
function AlterInput({
  type,
  rows,
  text,
  onRows,
  onText,
}: {
  type: string;
  rows: SinkRow[];
  text: string;
  onRows: (rows: SinkRow[]) => void;
  onText: (text: string) => void;
}) {
  if (type === 'sink')
    return (
      <div className="form-row">
        {rows.map((row, index) => (
          <Field key={`${row.topic}-${row.partition}`} label={`${row.topic}-${row.partition} (now ${row.current ?? '—'})`}>
            <input
              type="number"
              min={0}
              value={row.next}
              onChange={(event) => onRows(rows.map((each, at) => (at === index ? { ...each, next: event.target.value } : each)))}
            />
          </Field>
        ))}
      </div>
    );
  return (
    <Field label='Offsets as JSON: [{"partition": {…}, "offset": {…}}] (null forgets a partition)'>
      <textarea className="mono-input" rows={8} value={text} onChange={(event) => onText(event.target.value)} spellCheck={false} data-testid="offsets-json" />
    </Field>
  );
}

function useOffsetsChange(detail: ConnectorDetail, offsets: OffsetsResult) {
  const ref = { cluster: detail.cluster, name: detail.name };
  const [kind, setKind] = useState<'reset' | 'alter'>('reset');
  const [rows, setRows] = useState(() => sinkRows(offsets.offsets));
  const [text, setText] = useState(() => JSON.stringify(offsets.offsets, null, 2));
  const changeOf = (): ChangeOffsetsArgs['change'] => {
    if (kind === 'reset') return { kind };
    const parsed = offsets.type === 'sink' ? sinkChange(rows) : parseSourceOffsets(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return { kind, offsets: parsed.offsets };
  };
  const change = usePreviewApply(
    (dryRun) => connectCalls.changeOffsets({ ...ref, change: changeOf(), dryRun }),
    () => void offsetsStore.refresh(ref),
  );
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => (set(value), change.clear());
  return { kind, rows, text, change, setKind: edit(setKind), setRows: edit(setRows), setText: edit(setText) };
}

function ChangeOffsets({ detail, offsets }: { detail: ConnectorDetail; offsets: OffsetsResult }) {
  const { kind, rows, text, change, setKind, setRows, setText } = useOffsetsChange(detail, offsets);
  const blocked = detail.state === 'STOPPED' ? null : `Only while the connector is stopped: Stop it first (now ${detail.state}).`;
  return (
    <div data-testid="change-offsets">
      <div className="form-row browse-form offsets-form">
        <Field label="Change">
          <select value={kind} onChange={(event) => setKind(event.target.value as 'reset' | 'alter')} data-testid="offsets-kind">
            <option value="reset">reset (forget every offset)</option>
            <option value="alter">alter</option>
          </select>
        </Field>
        <PreviewApplyButtons blocked={blocked} state={change} prefix="offsets" />
        {blocked && <span className="muted">{blocked}</span>}
      </div>
      {kind === 'alter' && <AlterInput type={offsets.type} rows={rows} text={text} onRows={setRows} onText={setText} />}
      {change.error && <div className="note error">{change.error}</div>}
      {change.preview && !change.preview.applied && <div className="muted">Preview: nothing changed yet.</div>}
      {change.preview && (
        <ChangesTable rows={change.preview.changes} columns={CHANGE_COLUMNS} rowKey={(row) => JSON.stringify(row.partition)} testId="offsets-changes" />
      )}
      {change.preview?.applied && (
        <div className="note ok" data-testid="offsets-applied">
          Applied{change.preview.message ? `: ${change.preview.message}` : ''}.
          {detail.state === 'STOPPED' && ' Resume the connector to go on from the new offsets.'}
        </div>
      )}
    </div>
  );
}

/** KIP-875 (Connect ≥ 3.6): the connector's offsets, and their reset or alteration — previewed first, applied only while it is stopped. */
export function OffsetsPanel({ detail }: { detail: ConnectorDetail }) {
  const blocked = needsVersion(detail.workerVersion, 3, 6, 'Offsets');
  return (
    <section className="panel" data-testid="offsets-panel">
      <header>
        <h2>Offsets</h2>
      </header>
      {blocked ? <div className="muted">{blocked}</div> : <OffsetsBody detail={detail} />}
    </section>
  );
}

function OffsetsBody({ detail }: { detail: ConnectorDetail }) {
  const { data: offsets, error } = offsetsStore.use({ cluster: detail.cluster, name: detail.name });
  if (!offsets) return <div className="muted">{error ?? 'Loading…'}</div>;
  return (
    <>
      {error && <div className="note error">Could not refresh: {error}</div>}
      <CurrentOffsets offsets={offsets} />
      <ChangeOffsets detail={detail} offsets={offsets} />
    </>
  );
}
