import { useEffect, useImperativeHandle, useLayoutEffect, useReducer, useRef, useState, type Ref } from 'react';
import type { LiveSeries } from './live-series';
import { type AxisUnit, labelledValueAxis, nearestIndex, timeDomain, timeTicks, type PlotBox } from './chart-geometry';
import { releaseSurface, surfaceFor } from './plot-surface';
import { canvasColor } from './theme-colors';

export interface ChartLine {
  name: string;
  points: LiveSeries;
  color: string;
}

/** What a chart tells its plot on each live update: the lines to draw now (each with points). */
export interface PlotHandle {
  show(lines: ChartLine[]): void;
}

interface Props {
  handle: Ref<PlotHandle>;
  width: number;
  height: number;
  /** One series drawn as a filled area rather than a line. */
  area: boolean;
  format: (value: number) => string;
  axisFormat: (value: number) => string;
  /** The size of the unit the axis labels count in (1,048,576 for MB, or picked from the data), so its ticks are round there. */
  axisUnit?: AxisUnit;
  yMax?: (dataMax: number) => number;
  label: string;
}

// One formatter for every label: toLocaleTimeString would build a new one per tick.
const clock = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const timeFormat = (at: number) => clock.format(at);
const AXIS_WIDTH = 64;
const AXIS_HEIGHT = 20;
const TOOLTIP_WIDTH = 170;

/** The point of each line nearest in time to the pointer's x, when it is over the plot. */
function pointsAt(lines: ChartLine[], box: PlotBox, hoverX: number | null) {
  const time = timeDomain(lines.map((line) => line.points));
  if (hoverX === null || !time) return [];
  const at = time.from + ((hoverX - box.left) / box.width) * (time.to - time.from);
  return lines.flatMap((line) => (line.points.length > 0 ? [{ point: line.points.at(nearestIndex(line.points, at))!, line }] : []));
}

interface TooltipProps {
  /** At least one point, from `pointsAt`. */
  hovered: ReturnType<typeof pointsAt>;
  hoverX: number;
  width: number;
  format: (value: number) => string;
}

/** The time and each line's value at the pointer, beside it. */
function PlotTooltip({ hovered, hoverX, width, format }: TooltipProps) {
  return (
    <div className="chart-tooltip" role="tooltip" style={{ left: Math.min(hoverX + 12, width - TOOLTIP_WIDTH), width: TOOLTIP_WIDTH }}>
      <div className="muted">{timeFormat(hovered[0].point[0])}</div>
      {hovered.map(({ point, line }) => (
        <div key={line.name}>
          <span className="swatch" style={{ background: line.color }} aria-hidden="true" /> {line.name}: <strong>{format(point[1])}</strong>
        </div>
      ))}
    </div>
  );
}

/**
 * The drawing of a live chart, on a canvas that the plot worker paints: a live update costs the
 * page's main thread only the value axis and a message with the new points (the worker thins).
 * Its chart hands it each update's lines through `handle`, outside React. Not recharts, because
 * recharts 3 cost about 14 ms per chart per update (bench/dashboard --profile) and a dashboard of
 * ten charts has 8 ms for all of them.
 */
export function LivePlot({ handle, width, height, area, format, axisFormat, axisUnit, yMax, label }: Props) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const shown = useRef<ChartLine[]>([]);
  const [hoverX, setHoverX] = useState<number | null>(null);
  // while the pointer is over the plot, the tooltip follows each update (the only render one causes)
  const [, followUpdate] = useReducer((count: number) => count + 1, 0);
  const box: PlotBox = { left: AXIS_WIDTH, top: 6, width: Math.max(20, width - AXIS_WIDTH - 8), height: height - 6 - AXIS_HEIGHT };

  const paint = (lines: ChartLine[]) => {
    const element = canvas.current;
    const series = lines.map((line) => line.points);
    const time = timeDomain(series);
    if (!element || !time) return;
    element.dataset.series = String(series.length);
    element.dataset.points = String(series.reduce((sum, points) => sum + points.length, 0));
    // thinning keeps every bucket's highest point, so the raw series give the thinned ones' axis
    const values = labelledValueAxis(series, axisFormat, yMax, axisUnit);
    surfaceFor(element).paint(
      {
        width,
        height,
        ratio: window.devicePixelRatio || 1,
        box,
        time,
        values: values.domain,
        valueTicks: values.ticks,
        timeTicks: timeTicks(time).map((at) => ({ at, label: timeFormat(at) })),
        series: lines.map((line) => ({ color: canvasColor(line.color) })),
        area,
        colors: { grid: canvasColor('var(--border)'), text: canvasColor('var(--muted)'), panel: canvasColor('var(--panel)') },
        hovered: pointsAt(lines, box, hoverX).map(({ point, line }) => ({ at: point[0], value: point[1], color: canvasColor(line.color) })),
      },
      series,
    );
  };
  useImperativeHandle(handle, () => ({
    show(lines) {
      shown.current = lines;
      paint(lines);
      if (hoverX !== null) followUpdate();
    },
  }));
  // the pointer moved: the crosshair and dots move with it
  useLayoutEffect(() => {
    if (shown.current.length > 0) paint(shown.current);
  }, [hoverX]); // eslint-disable-line react-hooks/exhaustive-deps -- paint reads the newest props anyway
  useEffect(() => {
    const element = canvas.current;
    return () => {
      if (element) releaseSurface(element);
    };
  }, []);

  // the lines last shown (a ref: updates reach the plot outside React) are what the tooltip describes
  const hovered = pointsAt(shown.current, box, hoverX);
  return (
    <div className="live-plot">
      <canvas
        ref={canvas}
        className="chart-plot"
        style={{ width, height }}
        role="img"
        aria-label={label}
        onPointerMove={(event) => {
          const offset = event.clientX - event.currentTarget.getBoundingClientRect().left;
          setHoverX(offset >= box.left && offset <= box.left + box.width ? offset : null);
        }}
        onPointerLeave={() => setHoverX(null)}
      />
      {hovered.length > 0 && hoverX !== null && <PlotTooltip hovered={hovered} hoverX={hoverX} width={width} format={format} />}
    </div>
  );
}
