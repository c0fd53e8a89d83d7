import type { SchemaRegistryHealth } from '@shared/health';
import { SchemaRegistryClient, type SchemaRegistryTarget } from '@main/clients/schema-registry/schema-registry-client';

interface RegistryToProbe {
  /** The active connection's registry, with its sign-in; null when the connection names none. */
  target: SchemaRegistryTarget | null;
  /** Why there is none, when there is more to say than "not in this connection". */
  absence: string | null;
}

/**
 * Up when `GET {url}/subjects` answers a list (its length is the subject count); down with the
 * registry's own words otherwise. The sign-in is sent, never shown: the reason names the URL only.
 */
export async function probeSchemaRegistry(
  registry: RegistryToProbe,
  fetchFn: typeof fetch,
  timeoutMs: number,
  now: () => number,
): Promise<SchemaRegistryHealth> {
  const started = now();
  const { target } = registry;
  if (!target) {
    const reason = registry.absence ?? 'No Schema Registry URL in this connection';
    return { status: 'not-configured', reason, checkedAt: started, latencyMs: null, details: { url: null, subjects: null } };
  }
  const url = target.url.replace(/\/+$/, '');
  try {
    // a fresh client per probe: the health check must not share (or fill) the decoders' schema cache
    const subjects = await new SchemaRegistryClient({ ...target, fetch: fetchFn, timeoutMs }).subjects();
    return { status: 'up', reason: '', checkedAt: started, latencyMs: now() - started, details: { url, subjects: subjects.length } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'down', reason, checkedAt: started, latencyMs: null, details: { url, subjects: null } };
  }
}
