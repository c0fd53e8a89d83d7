import { SchemaRegistryClient, type SchemaRegistryTarget } from './schema-registry-client';

/**
 * The active cluster's registry client, rebuilt only when its URL or sign-in changes, so the
 * schemas it has fetched stay cached across calls (one client, one cache, per registry).
 */
export function registryOfCluster(target: () => SchemaRegistryTarget | null): () => SchemaRegistryClient | null {
  let cached: { key: string; client: SchemaRegistryClient } | null = null;
  return () => {
    const now = target();
    if (!now) return null;
    const key = JSON.stringify([now.url, now.auth ?? null]);
    if (cached?.key !== key) cached = { key, client: new SchemaRegistryClient({ ...now, timeoutMs: 5000 }) };
    return cached.client;
  };
}
