// A job's recent checkpoints as bars (duration, coloured by outcome) with their size as a line.
// Drawn with recharts: it changes only when a checkpoint completes, unlike the live charts, whose
// once-a-second updates recharts made too slow (see LivePlot).
import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CheckpointEntry } from '@shared/flink';
import { bytes, num } from '@renderer/format';
import { canvasColor } from '@renderer/charts/theme-colors';

const OUTCOME_COLOUR: Record<string, string> = { COMPLETED: 'var(--up)', FAILED: 'var(--down)' };

interface Row {
  label: string;
  status: string;
  durationMs: number | null;
  sizeBytes: number | null;
}

/** Oldest first, as time runs on the axis. */
function rowsOf(history: CheckpointEntry[]): Row[] {
  return [...history].reverse().map((checkpoint) => ({
    label: `#${checkpoint.id}${checkpoint.isSavepoint ? ' sp' : ''}`,
    status: checkpoint.status,
    durationMs: checkpoint.durationMs,
    sizeBytes: checkpoint.sizeBytes,
  }));
}

export default function CheckpointHistoryChart({ history }: { history: CheckpointEntry[] }) {
  const rows = rowsOf(history);
  const muted = canvasColor('var(--muted)');
  return (
    <div className="checkpoint-chart" data-testid="checkpoint-chart" data-checkpoints={rows.length}>
      <ResponsiveContainer width="100%" height={200}>
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={canvasColor('var(--border)')} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fill: muted, fontSize: 11 }} stroke={muted} />
          <YAxis yAxisId="duration" tick={{ fill: muted, fontSize: 11 }} stroke={muted} tickFormatter={(value: number) => `${num(value)} ms`} width={64} />
          <YAxis
            yAxisId="size"
            orientation="right"
            tick={{ fill: muted, fontSize: 11 }}
            stroke={muted}
            tickFormatter={(value: number) => bytes(value)}
            width={64}
          />
          <Tooltip
            formatter={(value, name) => (name === 'Size' ? bytes(Number(value)) : `${num(Number(value))} ms`)}
            labelFormatter={(label, payload) =>
              `${typeof label === 'string' ? label : ''} · ${(payload?.[0]?.payload as Row | undefined)?.status.toLowerCase() ?? ''}`
            }
            contentStyle={{ background: canvasColor('var(--panel)'), border: `1px solid ${canvasColor('var(--border)')}`, fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="duration" dataKey="durationMs" name="Duration" isAnimationActive={false} fill={canvasColor('var(--up)')}>
            {rows.map((row) => (
              <Cell key={row.label} fill={canvasColor(OUTCOME_COLOUR[row.status] ?? 'var(--muted)')} />
            ))}
          </Bar>
          <Line
            yAxisId="size"
            dataKey="sizeBytes"
            name="Size"
            type="monotone"
            stroke={canvasColor('var(--accent)')}
            dot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
