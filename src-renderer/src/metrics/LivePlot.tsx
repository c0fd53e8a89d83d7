import { useLayoutEffect, useRef, useState } from 'react';
import type { Point } from '../../../src-shared/metrics';
import { nearestIndex, timeDomain, valueAxis, type PlotBox } from '../../../src-shared/chart-geometry';
import { paintPlot } from './paint-plot';
import { thinnedFor } from './thinned-points';

export interface ChartLine {
  name: string;
  points: Point[];
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
 * The drawing of a live chart, on a canvas: a live update repaints pixels and touches no DOM
 * but the figures around it. Not recharts, because recharts 3 cost about 14 ms per chart per
 * update (bench/dashboard --profile) and a dashboard of ten charts has 8 ms for all of them.
 */
export function LivePlot({ lines, width, height, area, format, axisFormat, yMax, label }: Props) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [hoverX, setHoverX] = useState<number | null>(null);
  const box: PlotBox = { left: AXIS_WIDTH, top: 6, width: Math.max(20, width - AXIS_WIDTH - 8), height: height - 6 - AXIS_HEIGHT };
  // about one bucket per two pixels, each keeping its low and high: spikes survive thinning
  const buckets = Math.max(40, Math.floor(box.width / 2));
  const series = lines.map((line) => thinnedFor(line.points, buckets));
  const time = timeDomain(series);
  const hoverAt = hoverX === null || !time ? null : time.from + ((hoverX - box.left) / box.width) * (time.to - time.from);
  const hovered = hoverAt === null ? [] : series.flatMap((points, i) => (points.length > 0 ? [{ point: points[nearestIndex(points, hoverAt)], line: lines[i], color: lines[i].color }] : []));

  useLayoutEffect(() => {
    if (!canvas.current || !time) return;
    paintPlot(canvas.current, width, height, {
      series: series.map((points, i) => ({ points, color: lines[i].color })),
      box,
      time,
      values: valueAxis(series, 4, yMax),
      area,
      axisFormat,
      timeFormat,
      hovered,
    });
  });

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
