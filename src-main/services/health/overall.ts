import type { HealthSnapshot, ServiceKey, ServiceStatus } from '@shared/health';

const LABELS: Record<ServiceKey, string> = {
  kafka: 'Kafka',
  zookeeper: 'ZooKeeper',
  flink: 'Flink JobManager',
  taskmanagers: 'Flink TaskManagers',
  kafkaUi: 'Kafka UI',
  schemaRegistry: 'Schema Registry',
  connect: 'Kafka Connect',
};

const SEVERITY: ServiceStatus[] = ['down', 'degraded', 'starting', 'unknown', 'up'];

/**
 * The worst status of the configured services, and which services make it so. `pending` services (the first round's
 * placeholders, not answered yet) are left out of that: the overall is `unknown` "Checking …" only when nothing answered
 * is worse, so an early down or degraded service shows at once.
 */
export function overallOf(services: HealthSnapshot['services'], pending: readonly ServiceKey[] = []): { overall: ServiceStatus; overallReason: string } {
  const answered = (Object.keys(services) as ServiceKey[]).filter((key) => !pending.includes(key));
  const result = worstOf(services, answered);
  if (pending.length === 0) return result;
  const waitingFor = `${pending.map((key) => LABELS[key]).join(', ')}…`;
  if (result.overall === 'up' || result.overall === 'not-configured') return { overall: 'unknown', overallReason: `Checking ${waitingFor}` };
  if (result.overall === 'unknown') return { overall: 'unknown', overallReason: `${result.overallReason}; checking ${waitingFor}` };
  return result;
}

function worstOf(services: HealthSnapshot['services'], keys: ServiceKey[]): { overall: ServiceStatus; overallReason: string } {
  const configured = keys.filter((key) => services[key].status !== 'not-configured');
  if (configured.length === 0) return { overall: 'not-configured', overallReason: 'No service is configured' };
  for (const status of SEVERITY) {
    const matching = configured.filter((key) => services[key].status === status);
    if (matching.length > 0 && status !== 'up') {
      return { overall: status, overallReason: `${matching.map((key) => LABELS[key]).join(', ')} ${status}` };
    }
  }
  return { overall: 'up', overallReason: '' };
}

/** True when two snapshots differ in anything but their timestamps and latencies. */
export function healthChanged(previous: HealthSnapshot | null, next: HealthSnapshot): boolean {
  if (!previous) return true;
  return JSON.stringify(stripVolatile(previous)) !== JSON.stringify(stripVolatile(next));
}

function stripVolatile(snapshot: HealthSnapshot) {
  const services = Object.fromEntries(
    Object.entries(snapshot.services).map(([key, health]) => [key, { status: health.status, reason: health.reason, details: health.details }]),
  );
  return { overall: snapshot.overall, services };
}
