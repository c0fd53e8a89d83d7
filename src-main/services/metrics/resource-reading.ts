import { resourceKey, type ResourceGroup, type ResourceMetric, type ResourceSeriesId } from '@shared/metrics';

/** One figure read in a resource round, before it goes into its series. */
export type Reading = ResourceSeriesId & { value: number };

export function reading(group: ResourceGroup, subject: string | null, label: string, metric: ResourceMetric, value: number | null): Reading[] {
  if (value === null || !Number.isFinite(value)) return [];
  return [{ key: resourceKey(group, subject, metric), group, subject, label, metric, value }];
}

/** A number from Flink's metric answers, which carry values as strings ("0.0486"). */
export function finiteNumber(value: unknown): number | null {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}
