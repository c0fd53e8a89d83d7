// The active connection's Connect clusters, each named by its URL as the connection lists it, with one REST client
// per cluster and sign-in (rebuilt when a profile switch changes either).
import { StreamdeskError, invalidField } from '@shared/errors';
import { ConnectClient, type ConnectTarget } from '@main/clients/connect/connect-client';

const normalized = (url: string) => url.trim().replace(/\/+$/, '');

export class ConnectClusters {
  private readonly clients = new Map<string, { key: string; client: ConnectClient }>();

  constructor(private readonly targets: () => ConnectTarget[]) {}

  /** Every cluster's client, in the connection's order. */
  all(): ConnectClient[] {
    return this.targets().map((target) => this.clientOf(target));
  }

  /** The cluster a call names (the first without a name); not-found (on `cluster`) when the connection lists no such URL. */
  of(url: string | undefined): ConnectClient {
    const targets = this.targets();
    if (targets.length === 0) throw new StreamdeskError('unavailable', 'This connection names no Kafka Connect cluster: add its REST URL to the profile');
    const target = url === undefined ? targets[0] : targets.find((t) => normalized(t.url) === normalized(url));
    if (!target)
      throw invalidField(['cluster'], `no Kafka Connect cluster ${url} in this connection (it has ${targets.map((t) => t.url).join(', ')})`, 'not-found');
    return this.clientOf(target);
  }

  private clientOf(target: ConnectTarget): ConnectClient {
    const url = normalized(target.url);
    const key = JSON.stringify(target.auth ?? null);
    const cached = this.clients.get(url);
    if (cached?.key === key) return cached.client;
    const client = new ConnectClient({ ...target, url });
    this.clients.set(url, { key, client });
    return client;
  }
}

/** Stop needs Connect 3.5, offsets 3.6: said before Connect answers a bare 404. */
export function requireVersion(version: string | null, major: number, minor: number, what: string): void {
  const [a, b] = (version ?? '').split('.').map((n) => Number.parseInt(n, 10));
  if (Number.isFinite(a) && (a > major || (a === major && (b ?? 0) >= minor))) return;
  throw new StreamdeskError('conflict', `${what} needs Kafka Connect ${major}.${minor} or newer; this worker runs ${version ?? 'an unknown version'}`);
}
