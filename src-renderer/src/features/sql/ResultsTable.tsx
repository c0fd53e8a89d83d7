import type { SqlColumnResult } from '@shared/sql';
import { VirtualRows } from '@renderer/ui/VirtualRows';
import type { ChangelogTable } from './changelog';

const ROW_HEIGHT = 28;

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  // numbers and booleans print as themselves, rows and maps as JSON
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The result as Flink's changelog left it; only the rows in view are drawn, so a million stay smooth. */
export function ResultsTable({ columns, table, version }: { columns: SqlColumnResult[]; table: ChangelogTable; version: number }) {
  const template = `repeat(${Math.max(1, columns.length)}, minmax(120px, 1fr))`;
  // VirtualRows reads only `length` and `slice`: a list of row numbers that is never built whole
  const indexes = {
    length: table.size,
    slice: (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i),
  } as unknown as readonly number[];
  return (
    <div className="vtable sql-results" data-testid="sql-results" data-rows={table.size} data-version={version}>
      <div className="vtable-head" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <span key={c.name} title={c.type}>
            {c.name} <span className="muted small">{c.type}</span>
          </span>
        ))}
      </div>
      <VirtualRows
        items={indexes}
        rowHeight={ROW_HEIGHT}
        maxHeight={420}
        render={(_item, index) => {
          const row = table.slice(index, 1)[0] ?? [];
          return (
            <div key={index} className="vtable-row sql-row" style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}>
              {columns.map((c, i) => (
                <span key={c.name} className="mono-small">
                  {cell(row[i])}
                </span>
              ))}
            </div>
          );
        }}
      />
    </div>
  );
}
