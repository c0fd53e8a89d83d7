// One tab's statement runs: its gateway session (opened on first run, again when the settings
// change), the pull loop that applies each batch of rows to the changelog table, the figures
// (rows, rows/s) and Flink's failure with its position.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SqlColumnResult, SqlFailure, SqlRunStatus, SqlSessionSettingsInput } from '@shared/sql';
import { ChangelogTable } from './changelog';
import { sqlCalls } from './sql-store';

export interface RunView {
  status: SqlRunStatus | 'starting' | 'idle';
  columns: SqlColumnResult[];
  rowsRead: number;
  rowsPerSecond: number;
  jobId: string | null;
  failure: SqlFailure | null;
  limitReached: boolean;
  /** Where the statement that ran starts in the editor (a selection's start), for the failure's position. */
  offset: number;
  /** Bumped when rows changed, so the table paints again. */
  version: number;
}

const IDLE: RunView = { status: 'idle', columns: [], rowsRead: 0, rowsPerSecond: 0, jobId: null, failure: null, limitReached: false, offset: 0, version: 0 };

function failureOf(error: unknown): SqlFailure {
  return { message: error instanceof Error ? error.message : String(error), position: null, endPosition: null };
}

export function useSqlRun(settings: SqlSessionSettingsInput) {
  const table = useRef(new ChangelogTable());
  const [view, setView] = useState<RunView>(IDLE);
  const session = useRef<{ id: string; key: string } | null>(null);
  const runId = useRef<string | null>(null);
  const settingsKey = JSON.stringify(settings);

  const sessionFor = useCallback(async (): Promise<string> => {
    if (session.current?.key === settingsKey) return session.current.id;
    if (session.current) void sqlCalls.closeSession(session.current.id).catch(() => undefined);
    const opened = await sqlCalls.openSession(settings);
    session.current = { id: opened.sessionId, key: settingsKey };
    return opened.sessionId;
  }, [settings, settingsKey]);

  const pull = useCallback(async (id: string) => {
    const started = performance.now();
    let ema = 0;
    let last = { at: started, rows: 0 };
    while (runId.current === id) {
      const f = await sqlCalls.fetch({ runId: id, waitMs: 1000, maxRows: 50_000 });
      if (runId.current !== id) return;
      table.current.apply(f.rows);
      const now = performance.now();
      const instant = ((f.rowsRead - last.rows) * 1000) / Math.max(1, now - last.at);
      ema = ema === 0 ? instant : ema * 0.6 + instant * 0.4;
      last = { at: now, rows: f.rowsRead };
      setView((v) => ({ ...v, ...f, status: f.status, rowsPerSecond: ema, version: table.current.version }));
      if (f.status !== 'running') return;
    }
  }, []);

  const run = useCallback(
    async (statement: string, offset: number, limit: number | null) => {
      if (runId.current) void sqlCalls.cancel(runId.current).catch(() => undefined);
      runId.current = null;
      table.current.clear();
      setView({ ...IDLE, status: 'starting', offset, version: table.current.version });
      try {
        const sessionId = await sessionFor();
        const { runId: id } = await sqlCalls.run({ sessionId, statement, limit });
        runId.current = id;
        setView((v) => ({ ...v, status: 'running' }));
        await pull(id);
      } catch (error) {
        setView((v) => ({ ...v, status: 'failed', failure: failureOf(error) }));
      }
    },
    [sessionFor, pull],
  );

  const cancel = useCallback(async () => {
    const id = runId.current;
    if (!id) return;
    runId.current = null;
    await sqlCalls.cancel(id).catch(() => undefined);
    setView((v) => ({ ...v, status: 'cancelled', rowsPerSecond: 0 }));
  }, []);

  // a tab that closes takes its run and session along
  useEffect(
    () => () => {
      if (runId.current) void sqlCalls.cancel(runId.current).catch(() => undefined);
      runId.current = null;
      if (session.current) void sqlCalls.closeSession(session.current.id).catch(() => undefined);
    },
    [],
  );

  return { view, table: table.current, run, cancel, sessionId: () => sessionFor() };
}
