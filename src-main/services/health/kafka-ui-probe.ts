import type { KafkaUiHealth } from '@shared/health';
import { errorReason } from './reasons';

export async function probeKafkaUi(url: string | null, fetchFn: typeof fetch, timeoutMs: number, now: () => number): Promise<KafkaUiHealth> {
  const started = now();
  if (!url) {
    return { status: 'not-configured', reason: 'No Kafka UI URL in this connection', checkedAt: started, latencyMs: null, details: { url: null } };
  }
  try {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const latencyMs = now() - started;
    if (response.status >= 500) {
      return { status: 'down', reason: `Kafka UI answered HTTP ${response.status}`, checkedAt: started, latencyMs, details: { url } };
    }
    return { status: 'up', reason: '', checkedAt: started, latencyMs, details: { url } };
  } catch (error) {
    return { status: 'down', reason: errorReason(error, `Kafka UI at ${url}`), checkedAt: started, latencyMs: null, details: { url } };
  }
}
