import type { Point } from '../../../src-shared/metrics';
import { scale, timeTicks, type Domain, type PlotBox } from '../../../src-shared/chart-geometry';
import { canvasColor } from './theme-colors';

export interface PlotPicture {
  series: { points: Point[]; color: string }[];
  box: PlotBox;
  time: Domain;
  values: { domain: Domain; ticks: number[] };
  /** One series drawn as a filled area rather than a line. */
  area: boolean;
  axisFormat(value: number): string;
  timeFormat(at: number): string;
  /** The points under the pointer, marked with a crosshair and a dot each. */
  hovered: { point: Point; color: string }[];
}

/** Draws a chart's grid, axes and series onto a canvas of `width` × `height` CSS pixels. */
export function paintPlot(canvas: HTMLCanvasElement, width: number, height: number, picture: PlotPicture): void {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  const { box, series, time, values } = picture;
  const x = scale(time, box.left, box.left + box.width);
  const y = scale(values.domain, box.top + box.height, box.top);
  const baseline = box.top + box.height;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = canvasColor('var(--muted)');

  context.strokeStyle = canvasColor('var(--border)');
  context.lineWidth = 1;
  context.setLineDash([3, 3]);
  context.beginPath();
  for (const tick of values.ticks) {
    const at = Math.round(y(tick)) + 0.5;
    context.moveTo(box.left, at);
    context.lineTo(box.left + box.width, at);
  }
  context.stroke();
  context.setLineDash([]);

  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const tick of values.ticks) context.fillText(picture.axisFormat(tick), box.left - 6, y(tick));
  context.textAlign = 'center';
  context.textBaseline = 'alphabetic';
  for (const tick of timeTicks(time)) {
    // a narrow chart would cut the outer labels at its edges: keep each label whole inside the canvas
    const label = picture.timeFormat(tick);
    const half = context.measureText(label).width / 2;
    context.fillText(label, Math.min(Math.max(x(tick), half + 1), width - half - 1), height - 5);
  }

  context.lineJoin = 'round';
  context.lineWidth = 2;
  for (const { points, color } of series) {
    if (points.length === 0) continue;
    context.beginPath();
    context.moveTo(x(points[0][0]), y(points[0][1]));
    for (let i = 1; i < points.length; i += 1) context.lineTo(x(points[i][0]), y(points[i][1]));
    context.strokeStyle = canvasColor(color);
    context.stroke();
    if (picture.area) {
      context.lineTo(x(points[points.length - 1][0]), baseline);
      context.lineTo(x(points[0][0]), baseline);
      context.closePath();
      context.globalAlpha = 0.15;
      context.fillStyle = canvasColor(color);
      context.fill();
      context.globalAlpha = 1;
    }
  }

  if (picture.hovered.length > 0) {
    const at = Math.round(x(picture.hovered[0].point[0])) + 0.5;
    context.strokeStyle = canvasColor('var(--muted)');
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(at, box.top);
    context.lineTo(at, baseline);
    context.stroke();
    context.strokeStyle = canvasColor('var(--panel)');
    for (const { point, color } of picture.hovered) {
      context.beginPath();
      context.arc(x(point[0]), y(point[1]), 3.5, 0, 2 * Math.PI);
      context.fillStyle = canvasColor(color);
      context.fill();
      context.stroke();
    }
  }
}
