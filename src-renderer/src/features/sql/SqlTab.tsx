import { useEffect, useMemo, useRef, useState } from 'react';
import type { SqlSessionSettingsInput } from '@shared/sql';
import { num } from '@renderer/format';
import { hrefOf } from '@renderer/router';
import { ResultChart } from './ResultChart';
import { ResultsTable } from './ResultsTable';
import { SavePipelineModal } from './SavePipelineModal';
import { SessionSettingsBar } from './SessionSettingsBar';
import { SqlEditor, type SqlEditorHandle } from './SqlEditor';
import { offsetOf, tablesNamed } from './sql-syntax';
import { sqlTableStore } from './sql-store';
import { useSqlRun, type RunView } from './use-sql-run';

interface Props {
  text: string;
  onText: (text: string) => void;
  tables: readonly string[];
  onRan: (statement: string) => void;
  editor: React.RefObject<SqlEditorHandle | null>;
}

/** The columns of the tables the statement names, for completion (each read once through its store). */
function useNamedColumns(text: string, tables: readonly string[]): Map<string, string[]> {
  const named = useMemo(() => tablesNamed(text, tables).slice(0, 5), [text, tables]);
  const [columns, setColumns] = useState(new Map<string, string[]>());
  useEffect(() => {
    const read = () => setColumns(new Map(named.map((t) => [t, sqlTableStore.get({ topic: t }).data?.columns.map((c) => c.name) ?? []])));
    const stops = named.flatMap((topic) => [sqlTableStore.subscribe({ topic }, read), sqlTableStore.watch({ topic })]);
    read();
    return () => stops.forEach((stop) => stop());
  }, [named]);
  return columns;
}

/** A tab: its session settings, the editor, its run's figures and results, Flink's failure in place. */
export function SqlTab({ text, onText, tables, onRan, editor }: Props) {
  const [settings, setSettings] = useState<SqlSessionSettingsInput>({
    mode: 'streaming',
    parallelism: 1,
    checkpointIntervalMs: null,
    scan: { from: 'earliest', until: 'unbounded' },
  });
  const { view, table, run, cancel, sessionId } = useSqlRun(settings);
  const [saving, setSaving] = useState<string | null>(null);
  const columns = useNamedColumns(text, tables);
  const ran = useRef({ text: '', offset: 0 });

  const start = () => {
    const s = editor.current?.statement() ?? { text, offset: 0 };
    if (!s.text.trim()) return;
    ran.current = { text: s.text, offset: s.offset };
    onRan(s.text.trim());
    void run(s.text, s.offset, null);
  };
  const mark = markOf(view, ran.current.text);
  useEffect(() => {
    if (mark) editor.current?.select(mark.start, mark.end);
  }, [mark?.start, mark?.end]); // eslint-disable-line react-hooks/exhaustive-deps

  const running = view.status === 'running' || view.status === 'starting';
  return (
    <div className="sql-tab">
      <SessionSettingsBar settings={settings} onChange={setSettings} />
      <SqlEditor ref={editor} value={text} onChange={onText} onRun={start} context={{ tables, columns }} mark={mark} />
      <div className="toolbar">
        <button className="primary" onClick={start} disabled={view.status === 'starting'} data-testid="sql-run" title="Ctrl+Enter; a selection runs alone">
          Run
        </button>
        <button onClick={() => void cancel()} disabled={!running} data-testid="sql-cancel">
          Cancel
        </button>
        <button onClick={() => setSaving(editor.current?.statement().text ?? text)} data-testid="sql-save-as-pipeline">
          Save as pipeline…
        </button>
        <RunFigures view={view} />
      </div>
      {view.failure && (
        <div className="callout bad sql-failure" data-testid="sql-failure">
          {view.failure.position && (
            <strong>
              Line {view.failure.position.line}, column {view.failure.position.column}:{' '}
            </strong>
          )}
          <span className="mono-small">{view.failure.message}</span>
        </div>
      )}
      {view.columns.length > 0 && <ResultChart columns={view.columns} table={table} version={view.version} />}
      {view.columns.length > 0 && <ResultsTable columns={view.columns} table={table} version={view.version} />}
      {saving !== null && <SavePipelineModal statement={saving} sessionId={sessionId} onClose={() => setSaving(null)} />}
    </div>
  );
}

function RunFigures({ view }: { view: RunView }) {
  if (view.status === 'idle') return <span className="muted small">Ctrl+Space completes · Ctrl+Enter runs the selection (or all)</span>;
  return (
    <span className="sql-figures" data-testid="sql-status" data-status={view.status}>
      <span className={`flag ${view.status === 'failed' ? 'bad' : view.status === 'running' ? 'ok' : ''}`}>{view.status}</span> {num(view.rowsRead)} rows
      {view.status === 'running' && <> · {num(Math.round(view.rowsPerSecond))} rows/s</>}
      {view.limitReached && ' · limit reached'}
      {view.jobId && (
        <>
          {' '}
          · job <a href={hrefOf('pipelines', view.jobId)}>{view.jobId.slice(0, 8)}</a>
        </>
      )}
    </span>
  );
}

/** The editor range of Flink's failure: its position (and end) in the statement that ran, moved by where that statement starts. */
function markOf(view: RunView, ranText: string): { start: number; end: number } | null {
  const p = view.failure?.position;
  if (!p) return null;
  const start = view.offset + offsetOf(ranText, p.line, p.column);
  const e = view.failure?.endPosition;
  const end = e
    ? view.offset + offsetOf(ranText, e.line, e.column) + 1
    : start + Math.max(1, /^[\w`]*/.exec(ranText.slice(start - view.offset))?.[0].length ?? 1);
  return { start, end };
}
