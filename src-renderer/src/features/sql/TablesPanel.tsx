import { useState } from 'react';
import type { SqlTableColumn, SqlTableSchema } from '@shared/sql';
import { useAction } from '@renderer/store';
import { sqlCalls, sqlCatalogStore, sqlTableStore } from './sql-store';

/** The `streamdesk` catalog: every topic is a table; its columns shown for review and editable before use. */
export function TablesPanel({ onInsert }: { onInsert: (text: string) => void }) {
  const catalog = sqlCatalogStore.use();
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const tables = (catalog.data?.tables ?? []).filter((t) => t.toLowerCase().includes(filter.toLowerCase()));
  return (
    <aside className="panel sql-tables" data-testid="sql-tables">
      <div className="section-header">
        <strong>streamdesk.default</strong>
        <button className="small" onClick={() => void sqlCatalogStore.refresh()}>
          Refresh
        </button>
      </div>
      <input placeholder="Filter tables" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter tables" />
      {catalog.error && <div className="form-error">{catalog.error}</div>}
      <ul>
        {tables.map((t) => (
          <li key={t} data-table={t}>
            <button className="link" onClick={() => setOpen(open === t ? null : t)} title="Show columns">
              {open === t ? '▾' : '▸'} {t}
            </button>{' '}
            <button className="small" onClick={() => onInsert(/^[A-Za-z_]\w*$/.test(t) ? t : `\`${t.replace(/`/g, '``')}\``)} title="Insert into the editor">
              +
            </button>
            {open === t && <TableColumns topic={t} onInsert={onInsert} />}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function TableColumns({ topic, onInsert }: { topic: string; onInsert: (text: string) => void }) {
  const table = sqlTableStore.use({ topic });
  const [edited, setEdited] = useState<SqlTableColumn[] | null>(null);
  const action = useAction(`sql-table:${topic}`);
  if (table.error) return <div className="form-error">{table.error}</div>;
  if (!table.data) return <div className="muted small">Reading the newest records…</div>;
  const columns = edited ?? table.data.columns;
  // a registry topic's columns are its subject's schema: they change in the registry, not here
  const editable = table.data.source !== 'registry';
  const setType = (i: number, type: string) => setEdited(columns.map((c, j) => (j === i ? { ...c, type } : c)));
  return (
    <div className="sql-columns" data-testid="sql-columns">
      <div className="muted small" data-testid="sql-columns-source">
        {columnsSource(table.data)}
        {table.data.note && <div>{table.data.note}</div>}
      </div>
      {table.data.value.format === 'unreadable' && <div className="form-error">Not readable in SQL: {table.data.value.reason}</div>}
      {columns.map((c, i) => (
        <div key={c.name} className="sql-column">
          <button className="link mono-small" onClick={() => onInsert(c.name)}>
            {c.name}
          </button>
          {c.kind === 'value' && editable ? (
            <input className="mono-small" value={c.type} title={c.type} onChange={(e) => setType(i, e.target.value)} aria-label={`type of ${c.name}`} />
          ) : (
            <span className="muted mono-small">
              {c.type}
              {c.kind === 'value' ? '' : ` (${c.kind})`}
            </span>
          )}
        </div>
      ))}
      {edited && (
        <button
          className="small"
          disabled={action.busy !== null}
          onClick={() =>
            void action.run(() => sqlCalls.saveTable({ topic, columns: edited }), {
              label: `Save the schema of ${topic}`,
              refresh: [sqlTableStore],
              done: () => {
                setEdited(null);
                return { kind: 'ok', text: `Saved the schema of ${topic}` };
              },
            })
          }
        >
          Save schema
        </button>
      )}
      {action.outcome?.kind === 'error' && <div className="form-error">{action.outcome.text}</div>}
    </div>
  );
}

/** Where the columns came from, as the panel's first line. */
function columnsSource(table: SqlTableSchema): string {
  switch (table.source) {
    case 'registry':
      return table.value.format === 'avro-confluent' || table.value.format === 'json-registry'
        ? `from the Schema Registry: ${table.value.subject}, version ${table.value.version} (${table.value.format === 'avro-confluent' ? 'Avro' : 'JSON Schema'})`
        : 'from the Schema Registry';
    case 'saved':
      return 'saved schema';
    case 'empty':
      return 'no records to infer from';
    case 'sample':
      return `inferred from ${table.sampled} records`;
  }
}
