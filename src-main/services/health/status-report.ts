import type { HealthSnapshot } from '@shared/health';

/**
 * The seed's `get_streaming_status()` shape, used by `GET /api/streaming/status` and
 * `streamdesk status --json`: one entry per service plus the overall status.
 */
export function statusReport(snapshot: HealthSnapshot) {
  return {
    overall: snapshot.overall,
    overall_reason: snapshot.overallReason,
    checked_at: new Date(snapshot.checkedAt).toISOString(),
    ...snapshot.services,
  };
}
