import type { LiveSeries } from './live-series';

/** The drawing area of a chart, in CSS pixels, inside its canvas. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Domain {
  from: number;
  to: number;
}

/** The time span every drawn series covers together; null when nothing is drawn. */
export function timeDomain(series: LiveSeries[]): Domain | null {
  let from = Infinity;
  let to = -Infinity;
  for (const points of series) {
    if (points.length === 0) continue;
    from = Math.min(from, points.timeAt(0));
    to = Math.max(to, points.timeAt(points.length - 1));
  }
  if (!Number.isFinite(from)) return null;
  return { from, to: to > from ? to : from + 1 };
}

/** 1, 2, 2.5 or 5 times a power of ten: the steps people read at a glance. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  const step = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return step * power;
}

/**
 * The value axis: from zero (or the lowest value, when negative) up to a round number above the
 * highest, with about `count` round ticks. `top` replaces the rounded top when the caller knows
 * better (a percentage axis ends at 100).
 */
export function valueAxis(series: LiveSeries[], count = 4, top?: (dataMax: number) => number): { domain: Domain; ticks: number[] } {
  return axisOver(valueExtent(series), count, top);
}

/** The lowest (zero at most) and highest value of every series: read once per chart update. */
function valueExtent(series: LiveSeries[]): Domain {
  let low = 0;
  let high = -Infinity;
  for (const points of series) {
    const range = points.valueRange();
    low = Math.min(low, range.low);
    high = Math.max(high, range.high);
  }
  if (!Number.isFinite(high) || high <= low) high = low + 1;
  return { from: low, to: high };
}

function axisOver({ from: low, to: high }: Domain, count: number, top?: (dataMax: number) => number): { domain: Domain; ticks: number[] } {
  const given = top?.(high);
  const step = niceStep(((given ?? high) - low) / count);
  const from = Math.floor(low / step) * step;
  const to = given ?? Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // rounding each tick keeps 0.1 + 0.2 from printing as 0.30000000000000004
  for (let tick = from; tick <= to + step / 1e6; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return { domain: { from, to }, ticks };
}

/** The size of the unit an axis counts in, fixed or picked from the highest value. */
export type AxisUnit = number | ((dataMax: number) => number);

/** The power of 1,024 a byte count reads in (B, KB, MB…), as `bytes()` picks it for one value. */
export function binaryUnit(dataMax: number): number {
  let unit = 1;
  while (dataMax / unit >= 1024 && unit < 1024 ** 4) unit *= 1024;
  return unit;
}

/**
 * The value axis with labels that differ from each other: a flat zero series of whole numbers
 * would otherwise read 0, 0, 1, 1, 1 (ticks at quarters, rounded). Fewer ticks until they differ.
 * `axisUnit` is the size of the unit the labels count in (1,048,576 for MB), or picks it from the
 * highest value (bytes shown in KB, MB or GB): the ticks are round in that unit, where round bytes
 * read 23.84, 47.68 and 95.37 MB.
 */
export function labelledValueAxis(series: LiveSeries[], axisFormat: (value: number) => string, yMax?: (dataMax: number) => number, axisUnit: AxisUnit = 1) {
  const raw = valueExtent(series);
  const unit = typeof axisUnit === 'number' ? axisUnit : axisUnit(raw.to);
  const extent = { from: raw.from / unit, to: raw.to / unit };
  const top = yMax && ((high: number) => yMax(high * unit) / unit);
  const labelled = (count: number) => {
    const axis = axisOver(extent, count, top);
    return {
      domain: { from: axis.domain.from * unit, to: axis.domain.to * unit },
      ticks: axis.ticks.map((tick) => ({ value: tick * unit, label: axisFormat(tick * unit) })),
    };
  };
  const distinct = (axis: ReturnType<typeof labelled>) => new Set(axis.ticks.map((tick) => tick.label)).size === axis.ticks.length;
  for (const count of [4, 2, 1]) {
    const axis = labelled(count);
    if (distinct(axis)) return axis;
  }
  // a flat zero in a coarse unit (0 B/s in MB/s): the baseline alone says it
  const baseline = labelled(1);
  return { domain: baseline.domain, ticks: baseline.ticks.slice(0, 1) };
}

/** Linear map from a domain onto a pixel range. */
export function scale(domain: Domain, from: number, to: number): (value: number) => number {
  const ratio = (to - from) / (domain.to - domain.from);
  return (value) => from + (value - domain.from) * ratio;
}

/** The index of the point nearest in time to `at` (points sorted by time); -1 for no points. */
export function nearestIndex(points: LiveSeries, at: number): number {
  if (points.length === 0) return -1;
  const time = (index: number) => points.timeAt(index);
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (time(middle) < at) low = middle + 1;
    else high = middle;
  }
  if (low > 0 && at - time(low - 1) <= time(low) - at) return low - 1;
  return low;
}

/** Three time ticks inside the span (at 10 %, 50 % and 90 %), so the labels never clip at the edges. */
export function timeTicks(domain: Domain): number[] {
  const span = domain.to - domain.from;
  return [0.1, 0.5, 0.9].map((share) => Math.round(domain.from + span * share));
}
