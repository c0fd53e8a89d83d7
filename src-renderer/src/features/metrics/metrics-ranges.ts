import { TIME_RANGE_MS, type TimeRange } from '@shared/metrics';

/** Long ranges are minute averages: they are re-read this often instead of taking live 1 s points. */
export const COARSE_REFRESH_MS = 60_000;
/** Ranges up to an hour take every live point. */
const LIVE_RANGE_LIMIT_MS = 3_600_000;

export const isLiveRange = (range: TimeRange): boolean => TIME_RANGE_MS[range] <= LIVE_RANGE_LIMIT_MS;
