import { scale, type Domain, type PlotBox } from './chart-geometry';

/**
 * Everything needed to draw one chart, as plain data: it crosses to the plot worker by
 * structured clone, so labels are already formatted and CSS colours already resolved.
 */
export interface PlotPicture {
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  ratio: number;
  box: PlotBox;
  time: Domain;
  values: Domain;
  valueTicks: { value: number; label: string }[];
  timeTicks: { at: number; label: string }[];
  /** Each series' colour; its points travel apart, as feeds (series-feed.ts). */
  series: { color: string }[];
  /** One series drawn as a filled area rather than a line. */
  area: boolean;
  colors: { grid: string; text: string; panel: string };
  /** The points under the pointer, marked with a crosshair and a dot each. */
  hovered: { at: number; value: number; color: string }[];
}

type Surface = HTMLCanvasElement | OffscreenCanvas;

/**
 * Which kind of canvas: getContext('2d') called on the union is typed by whichever overload the
 * compiler meets first, and a change elsewhere in the project turned it into RenderingContext.
 * The worker has no HTMLCanvasElement at all.
 */
const isPageCanvas = (canvas: Surface): canvas is HTMLCanvasElement => typeof HTMLCanvasElement !== 'undefined' && canvas instanceof HTMLCanvasElement;

/** Draws a chart's grid, axes and series (each thinned, as [t0, v0, t1, v1, …]) onto a canvas, in the page or in the plot worker. */
export function paintPlot(canvas: Surface, picture: PlotPicture, series: Float64Array[]): void {
  const { width, height, ratio, box, colors } = picture;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = isPageCanvas(canvas) ? canvas.getContext('2d') : canvas.getContext('2d');
  if (!context) return;
  const x = scale(picture.time, box.left, box.left + box.width);
  const y = scale(picture.values, box.top + box.height, box.top);
  const baseline = box.top + box.height;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);

  context.strokeStyle = colors.grid;
  context.lineWidth = 1;
  context.setLineDash([3, 3]);
  context.beginPath();
  for (const { value } of picture.valueTicks) {
    const at = Math.round(y(value)) + 0.5;
    context.moveTo(box.left, at);
    context.lineTo(box.left + box.width, at);
  }
  context.stroke();
  context.setLineDash([]);

  context.font = '11px system-ui, sans-serif';
  context.fillStyle = colors.text;
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const { value, label } of picture.valueTicks) context.fillText(label, box.left - 6, y(value));
  context.textAlign = 'center';
  context.textBaseline = 'alphabetic';
  for (const { at, label } of picture.timeTicks) {
    // a narrow chart would cut the outer labels at its edges: keep each label whole inside the canvas
    const half = context.measureText(label).width / 2;
    context.fillText(label, Math.min(Math.max(x(at), half + 1), width - half - 1), height - 5);
  }

  context.lineJoin = 'round';
  context.lineWidth = 2;
  series.forEach((coords, index) => {
    if (coords.length < 2) return;
    const { color } = picture.series[index];
    context.beginPath();
    context.moveTo(x(coords[0]), y(coords[1]));
    for (let i = 2; i < coords.length; i += 2) context.lineTo(x(coords[i]), y(coords[i + 1]));
    context.strokeStyle = color;
    context.stroke();
    if (picture.area) {
      context.lineTo(x(coords[coords.length - 2]), baseline);
      context.lineTo(x(coords[0]), baseline);
      context.closePath();
      context.globalAlpha = 0.15;
      context.fillStyle = color;
      context.fill();
      context.globalAlpha = 1;
    }
  });

  if (picture.hovered.length > 0) {
    const at = Math.round(x(picture.hovered[0].at)) + 0.5;
    context.strokeStyle = colors.text;
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(at, box.top);
    context.lineTo(at, baseline);
    context.stroke();
    context.strokeStyle = colors.panel;
    for (const point of picture.hovered) {
      context.beginPath();
      context.arc(x(point.at), y(point.value), 3.5, 0, 2 * Math.PI);
      context.fillStyle = point.color;
      context.fill();
      context.stroke();
    }
  }
}
