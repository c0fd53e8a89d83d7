import { LiveSeries } from '@renderer/charts/live-series';
import type { ResourceGroup, ResourceMetric, UnavailableFigures } from '@shared/metrics';
import { type LiveResourceMetrics, type LiveResourceSeries, latestResources, resourceMetrics } from './metrics-store';
import { type ChartLine, LiveChart, PALETTE, lastValue } from '@renderer/charts/LiveChart';
import { useResourceRange } from '@renderer/charts/use-metric-window';
import type { AxisUnit } from '@renderer/charts/chart-geometry';

/** One line per series of `group` with one of `metrics`, named by `name` (subject, or the metric). */
function linesOf(
  metrics: LiveResourceMetrics | null,
  group: ResourceGroup,
  wanted: ResourceMetric[],
  name: (series: LiveResourceSeries) => string,
): ChartLine[] {
  const found = (metrics?.series ?? []).filter((series) => series.group === group && wanted.includes(series.metric));
  found.sort((a, b) => wanted.indexOf(a.metric) - wanted.indexOf(b.metric) || a.label.localeCompare(b.label));
  return found.map((series, index) => ({ name: name(series), points: series.points, color: PALETTE[index % PALETTE.length] }));
}

interface Props {
  title: string;
  testId: string;
  group: ResourceGroup;
  metrics: ResourceMetric[];
  name: (series: LiveResourceSeries) => string;
  format: (value: number) => string;
  axisFormat?: (value: number) => string;
  /** The unit the axis counts in (bytes: picked from the data), so its ticks are round there. */
  axisUnit?: AxisUnit;
  /** The header figure from the newest values (defaults to the first line's). */
  current?: (metrics: LiveResourceMetrics | null, format: (value: number) => string) => string;
  source: UnavailableFigures['source'];
  yMax?: (dataMax: number) => number;
}

/** A resource chart with its own time range; says why when its source cannot be read. */
export function ResourceChart({ title, testId, group, metrics: wanted, name, format, axisFormat, axisUnit, current, source, yMax }: Props) {
  const [range, setRange] = useResourceRange();
  // a string, not the entry: each round brings new entries, and an equal reason must not render again
  const reasonOf = (unavailable: readonly UnavailableFigures[] | undefined) => unavailable?.find((entry) => entry.source === source)?.reason ?? null;
  const latestReason = latestResources.useSelect(undefined, (state) => (state.data ? reasonOf(state.data.unavailable) : undefined));
  const rangeReason = resourceMetrics.useSelect({ range }, (state) => reasonOf(state.data?.unavailable));
  const problem = latestReason === undefined ? rangeReason : latestReason;
  return (
    <LiveChart
      title={title}
      testId={testId}
      source={resourceMetrics.source({ range })}
      read={(state) => {
        const metrics = state.data;
        const lines = linesOf(metrics, group, wanted, name);
        return {
          lines: lines.length > 0 ? lines : [{ name: title, points: LiveSeries.EMPTY, color: PALETTE[0] }],
          current: current ? current(metrics, format) : lines[0] ? lastValue(lines[0].points, format) : '—',
        };
      }}
      format={format}
      axisFormat={axisFormat}
      axisUnit={axisUnit}
      range={range}
      onRange={setRange}
      empty={problem ? `Not available: ${problem}` : 'Collecting samples…'}
      yMax={yMax}
    />
  );
}
