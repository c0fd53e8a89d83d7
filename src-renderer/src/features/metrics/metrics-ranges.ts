import { TIME_RANGE_MS, type TimeRange } from '../../../../src-shared/metrics';

/** Long ranges are minute averages: they are re-read this often instead of taking live 1 s points. */
export const COARSE_REFRESH_MS = 60_000;
/** Ranges up to an hour take every live point. */
export const LIVE_RANGE_LIMIT_MS = 3_600_000;

export const isLiveRange = (range: TimeRange): boolean => TIME_RANGE_MS[range] <= LIVE_RANGE_LIMIT_MS;

/**
 * Ranges watched by mounted charts, counted so two charts on the same range share one load; a
 * long range is re-read every minute while watched; a range nobody watches is dropped.
 */
export function rangeWatcher(load: (range: TimeRange) => void, drop: (range: TimeRange) => void) {
  const watched = new Map<TimeRange, number>();
  return {
    watch(range: TimeRange): () => void {
      watched.set(range, (watched.get(range) ?? 0) + 1);
      if (watched.get(range) === 1) load(range);
      const timer = isLiveRange(range) ? null : setInterval(() => load(range), COARSE_REFRESH_MS);
      return () => {
        if (timer) clearInterval(timer);
        const left = (watched.get(range) ?? 1) - 1;
        if (left > 0) watched.set(range, left);
        else {
          watched.delete(range);
          drop(range);
        }
      };
    },
    reloadAll(): void {
      for (const range of watched.keys()) load(range);
    },
  };
}
