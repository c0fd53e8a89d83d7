// The SQL workbench through the data layer: the catalog's tables, a table's columns, and the
// calls of a tab (its session, runs whose rows it pulls, cancel, the pipeline SQL of a query).
import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** The topics as tables (for completion and the side list), read when the page opens and on Refresh. */
export const sqlCatalogStore = createStore({ load: () => bridge.call('sql:catalog', {}) });

/** One table's columns (inferred from its newest records, or saved). */
export const sqlTableStore = createStore({ load: (b, { topic }: { topic: string }) => b.call('sql:table', { topic }) });

export const sqlCalls = {
  openSession: (args: CallArgs<'sql:openSession'>) => bridge.call('sql:openSession', args),
  closeSession: (sessionId: string) => bridge.call('sql:closeSession', { sessionId }),
  run: (args: CallArgs<'sql:run'>) => bridge.call('sql:run', args),
  fetch: (args: CallArgs<'sql:fetch'>) => bridge.call('sql:fetch', args),
  cancel: (runId: string) => bridge.call('sql:cancel', { runId }),
  saveTable: (args: CallArgs<'sql:saveTable'>) => bridge.call('sql:saveTable', args),
  pipelineSql: (args: CallArgs<'sql:pipelineSql'>) => bridge.call('sql:pipelineSql', args),
};
