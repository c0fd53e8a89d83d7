import { memo, useLayoutEffect, useRef, useState } from 'react';
import { LiveSeries } from '../../../src-shared/live-series';
import type { TimeRange } from '../../../src-shared/metrics';
import { CompactRangePicker } from './RangePicker';
import { LiveFigure } from '../components/LiveFigure';
import { LivePlot, type ChartLine } from './LivePlot';

export type { ChartLine };

interface Props {
  title: string;
  /** Several series, drawn as lines with a legend (one alone is drawn as an area). */
  lines?: ChartLine[];
  /** One series, drawn as an area in `color`. */
  points?: LiveSeries;
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
  /** The value axis' top, given the data's highest value (default: a round number above it). */
  yMax?(dataMax: number): number;
}

export const PALETTE = ['var(--accent)', 'var(--up)', '#e0a030', '#c060d0', '#40b0c0', '#e06060', '#8090a0'];

const HEIGHT = 170;

/** The newest value of a series, formatted; a dash before the first. */
export function lastValue(points: LiveSeries, format: (value: number) => string): string {
  const last = points.last();
  return last ? format(last[1]) : '—';
}

/** The chart's drawing width in pixels, followed as the window or the grid changes. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(400);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.clientWidth));
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * A live chart: no animation (it would lag a 1 s stream), at most about one point per two pixels
 * (an hour of 1 s points is thinned, keeping each column's low and high), its own time range.
 */
export const LiveChart = memo(function LiveChart({ title, lines: given, points, color = PALETTE[0], format, axisFormat = format, current, testId, range, onRange, empty = 'Collecting samples…', yMax }: Props) {
  const lines = given ?? [{ name: title, points: points ?? LiveSeries.EMPTY, color }];
  const [ref, width] = useWidth();
  const drawn = lines.filter((line) => line.points.length > 0);
  const enough = drawn.some((line) => line.points.length >= 2);
  const single = drawn.length === 1 && lines.length === 1;
  return (
    <section className="chart" data-testid={testId}>
      <header>
        <h2>{title}</h2>
        <span className="chart-current">
          <LiveFigure text={current} align="end" />
        </span>
        {range && onRange && <CompactRangePicker label={`${title}: time range`} value={range} onChange={onRange} />}
      </header>
      <div ref={ref} className="chart-body">
        {!enough ? (
          <div className="chart-empty">{empty}</div>
        ) : (
          <LivePlot lines={drawn} width={width} height={HEIGHT} area={single} format={format} axisFormat={axisFormat} yMax={yMax} label={`${title}, now ${current}`} />
        )}
      </div>
      {enough && !single && (
        <ul className="chart-legend">
          {lines.map((line) => (
            <li key={line.name}>
              <span className="swatch" style={{ background: line.color }} aria-hidden="true" />
              {line.name}
              <span className="muted">
                <LiveFigure text={lastValue(line.points, format)} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
