import { useMemo } from 'react';
import type { SqlColumnResult } from '@shared/sql';
import type { ChangelogTable } from './changelog';

const W = 640;
const H = 160;
const MAX_POINTS = 2000;

/** A result is a time series when it has a time column and a numeric one: which ones, or null. */
function seriesColumns(columns: SqlColumnResult[]): { time: number; value: number } | null {
  const time = columns.findIndex((c) => /^TIMESTAMP|^DATE/.test(c.type));
  const value = columns.findIndex((c) => /^(BIGINT|INT|INTEGER|SMALLINT|TINYINT|DOUBLE|FLOAT|DECIMAL)/.test(c.type));
  return time >= 0 && value >= 0 ? { time, value } : null;
}

/** A live line of the first numeric column over the time column, summed per time (the newest 2,000 rows). */
export function ResultChart({ columns, table, version }: { columns: SqlColumnResult[]; table: ChangelogTable; version: number }) {
  const which = seriesColumns(columns);
  const points = useMemo(() => {
    if (!which) return [];
    const rows = table.slice(Math.max(0, table.size - MAX_POINTS), MAX_POINTS);
    return rows
      .map((r) => ({
        t: Date.parse(String(r[which.time]).replace(' ', 'T') + (/Z|[+-]\d\d:?\d\d$/.test(String(r[which.time])) ? '' : 'Z')),
        v: Number(r[which.value]),
      }))
      .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v))
      .sort((a, b) => a.t - b.t);
    // version: the table changed in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [which?.time, which?.value, table, version]);
  if (!which || points.length < 2) return null;
  const [t0, t1] = [points[0].t, points[points.length - 1].t];
  const vs = points.map((p) => p.v);
  const [v0, v1] = [Math.min(...vs), Math.max(...vs)];
  const x = (t: number) => ((t - t0) / Math.max(1, t1 - t0)) * (W - 20) + 10;
  const y = (v: number) => H - 10 - ((v - v0) / Math.max(1e-9, v1 - v0)) * (H - 20);
  return (
    <div className="panel sql-chart" data-testid="sql-chart">
      <div className="muted small">
        {columns[which.value].name} (sum per {columns[which.time].name}) · {points.length} points · {v0} – {v1}
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label="result chart">
        <polyline fill="none" stroke="var(--accent)" strokeWidth="1.5" points={points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')} />
      </svg>
    </div>
  );
}
