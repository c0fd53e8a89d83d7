import type { SchemaRegistryHealth } from '@shared/health';
import { num } from '@renderer/format';
import { HealthTile } from './HealthTile';

/** The active connection's Schema Registry: up or down with why, and how many subjects it holds; "not configured" when it names none. */
export function SchemaRegistryTile({ registry }: { registry: SchemaRegistryHealth }) {
  return (
    <HealthTile
      id="schemaRegistry"
      title="Schema Registry"
      subtitle={registry.details.url ?? undefined}
      status={registry.status}
      reason={registry.reason}
      figures={[
        { label: 'Subjects', value: num(registry.details.subjects) },
        { label: 'Response', value: num(registry.latencyMs, ' ms') },
      ]}
    />
  );
}
