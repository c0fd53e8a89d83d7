import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveSeries } from './live-series';
import type { TimeRange } from '@shared/metrics';
import type { AxisUnit } from './chart-geometry';
import { FigureBox, showFigure } from './LiveFigure';
import { type LiveSource, useLiveReading } from './live-reading';
import { type ChartLine, LivePlot, type PlotHandle } from './LivePlot';
import { CompactRangePicker } from './RangePicker';

export type { ChartLine };

/** What a chart shows at one moment: its lines and the figure in its header. */
interface ChartReading {
  lines: ChartLine[];
  current: string;
}

interface Props<S> {
  title: string;
  /** Where the chart's lines and figure come from; `read` is called on every change of it, so keep it cheap. */
  source: LiveSource<S>;
  read: (state: S) => ChartReading;
  format: (value: number) => string;
  /** Shorter labels for the axis (defaults to `format`). */
  axisFormat?: (value: number) => string;
  /** The size of the unit the axis labels count in (1,048,576 for MB, or picked from the data), so its ticks are round there. */
  axisUnit?: AxisUnit;
  testId?: string;
  /** The chart's own time range picker (left out when a parent picks the range). */
  range?: TimeRange;
  onRange?: (range: TimeRange) => void;
  /** What to say while there are fewer than two points. */
  empty?: string;
  /** The value axis' top, given the data's highest value (default: a round number above it). */
  yMax?: (dataMax: number) => number;
}

export const PALETTE = ['var(--accent)', 'var(--up)', '#e0a030', '#c060d0', '#40b0c0', '#e06060', '#8090a0'];

const HEIGHT = 170;

/** The newest value of a series, formatted; a dash before the first. */
export function lastValue(points: LiveSeries, format: (value: number) => string): string {
  return points.length > 0 ? format(points.valueAt(points.length - 1)) : '—';
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

/** What the chart's elements depend on (which lines, whether drawable), as one comparable string. */
function shapeOf(lines: ChartLine[]): string {
  const enough = lines.some((line) => line.points.length >= 2);
  return `${enough}|${lines.map((line) => `${line.name}\u0000${line.color}\u0000${line.points.length > 0}`).join('\u0001')}`;
}

const sameReading = (a: ChartReading, b: ChartReading) =>
  a.current === b.current &&
  a.lines.length === b.lines.length &&
  a.lines.every((line, i) => line.points === b.lines[i].points && line.name === b.lines[i].name);

/**
 * A live chart: no animation (it would lag a 1 s stream), at most about one point per two pixels
 * (an hour of 1 s points is thinned, keeping each column's low and high), its own time range.
 * React renders its elements when its lines come or go; each live update goes from `source`
 * straight to the header figure, the legend's figures and the plot.
 */
export function LiveChart<S>({
  title,
  source,
  read,
  format,
  axisFormat = format,
  axisUnit,
  testId,
  range,
  onRange,
  empty = 'Collecting samples…',
  yMax,
}: Props<S>) {
  // renders again only when the shape changes; the reading below gives the elements for it
  useSyncExternalStore(source.subscribe, () => shapeOf(read(source.getState()).lines));
  const { lines } = read(source.getState());
  const [ref, width] = useWidth();
  const header = useRef<HTMLSpanElement | null>(null);
  const legend = useRef<(HTMLSpanElement | null)[]>([]);
  const plot = useRef<PlotHandle | null>(null);
  useLiveReading(
    source,
    read,
    (reading) => {
      if (header.current) showFigure(header.current, reading.current);
      reading.lines.forEach((line, i) => {
        const figure = legend.current[i];
        if (figure) showFigure(figure, lastValue(line.points, format));
      });
      plot.current?.show(reading.lines.filter((line) => line.points.length > 0));
    },
    sameReading,
  );

  const drawn = lines.filter((line) => line.points.length > 0);
  const enough = drawn.some((line) => line.points.length >= 2);
  const single = drawn.length === 1 && lines.length === 1;
  return (
    <section className="chart" data-testid={testId}>
      <header>
        <h2>{title}</h2>
        <span className="chart-current">
          <FigureBox align="end" boxRef={(box) => void (header.current = box)} />
        </span>
        {range && onRange && <CompactRangePicker label={`${title}: time range`} value={range} onChange={onRange} />}
      </header>
      <div ref={ref} className="chart-body">
        {!enough ? (
          <div className="chart-empty">{empty}</div>
        ) : (
          <LivePlot
            handle={plot}
            width={width}
            height={HEIGHT}
            area={single}
            format={format}
            axisFormat={axisFormat}
            axisUnit={axisUnit}
            yMax={yMax}
            label={`${title}, live chart`}
          />
        )}
      </div>
      {enough && !single && (
        <ul className="chart-legend">
          {lines.map((line, i) => (
            <li key={line.name}>
              <span className="swatch" style={{ background: line.color }} aria-hidden="true" />
              {line.name}
              <span className="muted">
                <FigureBox boxRef={(box) => void (legend.current[i] = box)} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
