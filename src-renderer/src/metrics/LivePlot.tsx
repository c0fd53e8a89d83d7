import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LiveSeries } from '../../../src-shared/live-series';
import { labelledValueAxis, nearestIndex, timeDomain, timeTicks, type PlotBox } from '../../../src-shared/chart-geometry';
import { releaseSurface, surfaceFor } from './plot-surface';
import { canvasColor } from './theme-colors';

export interface ChartLine {
  name: string;
  points: LiveSeries;
  color: string;
}

interface Props {
  lines: ChartLine[];
  width: number;
  height: number;
  /** One series drawn as a filled area rather than a line. */
  area: boolean;
  format(value: number): string;
  axisFormat(value: number): string;
  yMax?(dataMax: number): number;
  label: string;
}

// One formatter for every label: toLocaleTimeString would build a new one per tick.
const clock = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const timeFormat = (at: number) => clock.format(at);
const AXIS_WIDTH = 64;
const AXIS_HEIGHT = 20;
const TOOLTIP_WIDTH = 170;

/**
 * The drawing of a live chart, on a canvas that the plot worker paints: a live update costs the
 * page's main thread only the value axis and a message with the new points (the worker thins).
 * Not recharts, because recharts 3 cost about 14 ms per chart per update (bench/dashboard
 * --profile) and a dashboard of ten charts has 8 ms for all of them.
 */
export function LivePlot({ lines, width, height, area, format, axisFormat, yMax, label }: Props) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [hoverX, setHoverX] = useState<number | null>(null);
  const box: PlotBox = { left: AXIS_WIDTH, top: 6, width: Math.max(20, width - AXIS_WIDTH - 8), height: height - 6 - AXIS_HEIGHT };
  const series = lines.map((line) => line.points);
  const time = timeDomain(series);
  const hoverAt = hoverX === null || !time ? null : time.from + ((hoverX - box.left) / box.width) * (time.to - time.from);
  const hovered = hoverAt === null ? [] : lines.flatMap((line) => (line.points.length > 0 ? [{ point: line.points.at(nearestIndex(line.points, hoverAt))!, line }] : []));

  useLayoutEffect(() => {
    if (!canvas.current || !time) return;
    // thinning keeps every bucket's highest point, so the raw series give the thinned ones' axis
    const values = labelledValueAxis(series, axisFormat, yMax);
    surfaceFor(canvas.current).paint({
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
      hovered: hovered.map(({ point, line }) => ({ at: point[0], value: point[1], color: canvasColor(line.color) })),
    }, series);
  });
  useEffect(() => {
    const element = canvas.current;
    return () => {
      if (element) releaseSurface(element);
    };
  }, []);

  return (
    <div className="live-plot">
      <canvas
        ref={canvas}
        className="chart-plot"
        style={{ width, height }}
        role="img"
        aria-label={label}
        data-series={series.length}
        data-points={series.reduce((sum, points) => sum + points.length, 0)}
        onPointerMove={(event) => {
          const offset = event.clientX - event.currentTarget.getBoundingClientRect().left;
          setHoverX(offset >= box.left && offset <= box.left + box.width ? offset : null);
        }}
        onPointerLeave={() => setHoverX(null)}
      />
      {hovered.length > 0 && hoverX !== null && (
        <div className="chart-tooltip" role="tooltip" style={{ left: Math.min(hoverX + 12, width - TOOLTIP_WIDTH), width: TOOLTIP_WIDTH }}>
          <div className="muted">{timeFormat(hovered[0].point[0])}</div>
          {hovered.map(({ point, line }) => (
            <div key={line.name}>
              <span className="swatch" style={{ background: line.color }} aria-hidden="true" /> {line.name}: <strong>{format(point[1])}</strong>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
