import type { HealthSnapshot } from '@shared/health';

/**
 * The seed's `get_streaming_status()` shape, used by `GET /api/streaming/status` and
 * `streamdesk status --json`: one entry per service plus the overall status. The Schema
 * Registry's entry names its URL and subject count beside its status too, as a script wants them; Kafka Connect's its
 * URLs, workers, connectors running/failed and tasks failed.
 */
export function statusReport(snapshot: HealthSnapshot) {
  const registry = snapshot.services.schemaRegistry;
  const connect = snapshot.services.connect;
  return {
    overall: snapshot.overall,
    overall_reason: snapshot.overallReason,
    checked_at: new Date(snapshot.checkedAt).toISOString(),
    ...snapshot.services,
    schemaRegistry: { ...registry, url: registry.details.url, subjects: registry.details.subjects },
    connect: { ...connect, ...connect.details },
  };
}
