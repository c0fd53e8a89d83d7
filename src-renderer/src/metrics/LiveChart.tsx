import { memo, useLayoutEffect, useRef, useState } from 'react';
import { Area, AreaChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Point, TimeRange } from '../../../src-shared/metrics';
import { CompactRangePicker } from './RangePicker';
import { rowsForWidth } from './thin-rows';

export interface ChartLine {
  name: string;
  points: Point[];
  color: string;
}

interface Props {
  title: string;
  /** Several series, drawn as lines with a legend (one alone is drawn as an area). */
  lines?: ChartLine[];
  /** One series, drawn as an area in `color`. */
  points?: Point[];
  color?: string;
  format(value: number): string;
  /** Shorter labels for the axis (defaults to `format`). */
  axisFormat?(value: number): string;
  current: string;
  testId?: string;
  /** The chart's own time range picker (left out when a parent picks the range). */
  range?: TimeRange;
  onRange?(range: TimeRange): void;
  /** What to say while there are fewer than two points. */
  empty?: string;
  /** The value axis' top, given the data's highest value (default: recharts' own). */
  yMax?(dataMax: number): number;
}

export const PALETTE = ['var(--accent)', 'var(--up)', '#e0a030', '#c060d0', '#40b0c0', '#e06060', '#8090a0'];

// One formatter for every label: toLocaleTimeString would build a new one per tick and tooltip.
const clock = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const time = (value: number) => clock.format(value);
const HEIGHT = 170;

/**
 * Three time ticks at fixed places, given rather than let recharts measure every candidate
 * label's text in the DOM on each live update (the largest part of an update's cost).
 */
function timeTicks(lines: ChartLine[]): number[] {
  let first = Infinity;
  let last = -Infinity;
  for (const { points } of lines) {
    if (points.length === 0) continue;
    first = Math.min(first, points[0][0]);
    last = Math.max(last, points[points.length - 1][0]);
  }
  if (!Number.isFinite(first)) return [];
  const span = last - first;
  return [first + span * 0.1, first + span * 0.5, first + span * 0.9].map(Math.round);
}

/** Widths are taken in steps, so a scrollbar coming and going does not re-thin (and re-draw) every chart. */
const WIDTH_STEP = 100;
const stepped = (width: number) => Math.max(WIDTH_STEP, Math.floor(width / WIDTH_STEP) * WIDTH_STEP);

/** The chart's drawing width, so series are thinned to what it can show (about a point per pixel). */
function useWidth(): [React.RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [width, setWidth] = useState(400);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(stepped(element.clientWidth));
    const observer = new ResizeObserver(([entry]) => setWidth(stepped(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * A live chart: no animation (it would lag a 1 s stream), at most about one point per pixel
 * (an hour of 1 s points is thinned, keeping each column's low and high), its own time range.
 */
export const LiveChart = memo(function LiveChart({ title, lines: given, points, color = PALETTE[0], format, axisFormat = format, current, testId, range, onRange, empty = 'Collecting samples…', yMax }: Props) {
  const lines = given ?? [{ name: title, points: points ?? [], color }];
  const [ref, width] = useWidth();
  const buckets = Math.max(40, Math.floor((width - 72) / 2));
  const drawn = lines.filter((line) => line.points.length > 0);
  const enough = drawn.some((line) => line.points.length >= 2);
  return (
    <section className="chart" data-testid={testId} ref={ref}>
      <header>
        <h2>{title}</h2>
        <span className="chart-current">{current}</span>
        {range && onRange && <CompactRangePicker label={`${title}: time range`} value={range} onChange={onRange} />}
      </header>
      {!enough ? (
        <div className="chart-empty">{empty}</div>
      ) : drawn.length === 1 && lines.length === 1 ? (
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <AreaChart data={rowsForWidth(drawn[0].points, buckets)} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} ticks={timeTicks(lines)} interval={0} tickFormatter={time} stroke="var(--muted)" fontSize={11} />
            <YAxis tickFormatter={axisFormat} stroke="var(--muted)" fontSize={11} width={64} domain={yMax ? [0, yMax] : undefined} />
            <Tooltip labelFormatter={(value) => time(Number(value))} formatter={(value) => [format(Number(value)), title]} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
            <Area type="linear" dataKey="value" stroke={drawn[0].color} fill={drawn[0].color} fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} dot={false} />
          </AreaChart>
        </ResponsiveContainer>
      ) : (
        <>
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <LineChart margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} ticks={timeTicks(lines)} interval={0} tickFormatter={time} stroke="var(--muted)" fontSize={11} allowDuplicatedCategory={false} />
              <YAxis tickFormatter={axisFormat} stroke="var(--muted)" fontSize={11} width={64} domain={yMax ? [0, yMax] : undefined} />
              <Tooltip labelFormatter={(value) => time(Number(value))} formatter={(value, name) => [format(Number(value)), name]} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
              {drawn.map((line) => (
                <Line key={line.name} name={line.name} data={rowsForWidth(line.points, buckets)} dataKey="value" type="linear" stroke={line.color} strokeWidth={2} isAnimationActive={false} dot={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
          <ul className="chart-legend">
            {lines.map((line) => (
              <li key={line.name}>
                <span className="swatch" style={{ background: line.color }} aria-hidden="true" />
                {line.name}
                <span className="muted">{line.points.length > 0 ? format(line.points[line.points.length - 1][1]) : '—'}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
});

