import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Point } from '../../../src-shared/metrics';

interface Props {
  title: string;
  points: Point[];
  format(value: number): string;
  /** Shorter labels for the axis (defaults to `format`). */
  axisFormat?(value: number): string;
  current: string;
  testId?: string;
  color?: string;
}

const time = (value: number) => new Date(value).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A live series: no animation on updates (it would lag a 1 s stream), points bounded by the store. */
export const LiveChart = memo(function LiveChart({ title, points, format, axisFormat = format, current, testId, color = 'var(--accent)' }: Props) {
  const data = points.map(([at, value]) => ({ at, value }));
  return (
    <section className="chart" data-testid={testId}>
      <header>
        <h2>{title}</h2>
        <span className="chart-current">{current}</span>
      </header>
      {data.length < 2 ? (
        <div className="chart-empty">Collecting samples…</div>
      ) : (
        <ResponsiveContainer width="100%" height={170}>
          <AreaChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} tickFormatter={time} stroke="var(--muted)" fontSize={11} minTickGap={40} />
            <YAxis tickFormatter={axisFormat} stroke="var(--muted)" fontSize={11} width={64} />
            <Tooltip labelFormatter={(value) => time(Number(value))} formatter={(value) => [format(Number(value)), title]} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
            <Area type="monotone" dataKey="value" stroke={color} fill={color} fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} dot={false} />
          </AreaChart>
        </ResponsiveContainer>
      )}
    </section>
  );
});
