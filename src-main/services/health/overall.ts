import type { HealthSnapshot, ServiceStatus } from '@shared/health';

const LABELS: Record<keyof HealthSnapshot['services'], string> = {
  kafka: 'Kafka',
  zookeeper: 'ZooKeeper',
  flink: 'Flink JobManager',
  taskmanagers: 'Flink TaskManagers',
  kafkaUi: 'Kafka UI',
  schemaRegistry: 'Schema Registry',
  connect: 'Kafka Connect',
};

const SEVERITY: ServiceStatus[] = ['down', 'degraded', 'starting', 'unknown', 'up'];

/** The worst status of the configured services, and which services make it so. */
export function overallOf(services: HealthSnapshot['services']): { overall: ServiceStatus; overallReason: string } {
  const configured = (Object.keys(services) as (keyof typeof services)[]).filter((key) => services[key].status !== 'not-configured');
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
