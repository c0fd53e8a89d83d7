// A client of Kafka Connect's REST API (one worker URL; any worker of a cluster answers for all of it, forwarding
// writes to the leader). Answers are passed on in Connect's own shapes; failures become StreamdeskErrors with
// Connect's own message (connect-errors.ts).
import { StreamdeskError } from '@shared/errors';
import { httpFetch } from '../http-fetch';
import { connectError, connectUnreachable } from './connect-errors';
import type {
  ConfigValidation,
  ConnectorExpanded,
  ConnectorInfo,
  ConnectorOffsets,
  ConnectorStatus,
  ConnectPlugin,
  ConnectWorkerInfo,
  RestartAnswer,
} from './connect-types';

/** Where a worker is and how to sign in (secrets decrypted at the moment of use). */
export interface ConnectTarget {
  url: string;
  auth?: { kind: 'basic'; username: string; password: string };
}

export interface ConnectClientOptions extends ConnectTarget {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** How long a request Connect refuses while rebalancing is asked again (default 15 s). */
  rebalanceWaitMs?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const path = (name: string): string => `/connectors/${encodeURIComponent(name)}`;

/** Connect's words for "not now, the group is rebalancing" (DistributedHerder, RebalanceNeededException). */
const REBALANCING = /rebalance|stale configuration/i;
const REBALANCE_WAIT_MS = 15_000;
const REBALANCE_RETRY_MS = 250;

class RebalanceRefusal extends Error {
  constructor(readonly error: StreamdeskError) {
    super(error.message);
  }
}

export class ConnectClient {
  readonly url: string;
  private readonly fetchFn: typeof fetch;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: ConnectClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? httpFetch;
    this.headers = { accept: 'application/json' };
    if (options.auth) this.headers.authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
  }

  /** `GET /`: the worker's version, commit and Kafka cluster id. */
  info(): Promise<ConnectWorkerInfo> {
    return this.call('GET', '/', 'worker info') as Promise<ConnectWorkerInfo>;
  }

  /** `GET /connector-plugins`: connectors only, or (all) converters, transformations and predicates too. */
  plugins(all = false): Promise<ConnectPlugin[]> {
    return this.call('GET', `/connector-plugins${all ? '?connectorsOnly=false' : ''}`, 'plugins') as Promise<ConnectPlugin[]>;
  }

  /** `GET /connectors?expand=status&expand=info`: every connector with its config and states, in one round trip. */
  connectors(): Promise<Record<string, ConnectorExpanded>> {
    return this.call('GET', '/connectors?expand=status&expand=info', 'connectors') as Promise<Record<string, ConnectorExpanded>>;
  }

  connector(name: string): Promise<ConnectorInfo> {
    return this.call('GET', path(name), `connector ${name}`) as Promise<ConnectorInfo>;
  }

  status(name: string): Promise<ConnectorStatus> {
    return this.call('GET', `${path(name)}/status`, `status of ${name}`) as Promise<ConnectorStatus>;
  }

  /** `GET /connectors/{name}/topics` (KIP-558): the topics the connector has used since its topics were last reset. */
  async activeTopics(name: string): Promise<string[]> {
    const answer = (await this.call('GET', `${path(name)}/topics`, `topics of ${name}`)) as Record<string, { topics?: string[] }> | null;
    return answer?.[name]?.topics ?? [];
  }

  /** `POST /connectors` (201); 409 when the name is taken. */
  create(name: string, config: Record<string, string>): Promise<ConnectorInfo> {
    return this.call('POST', '/connectors', `create ${name}`, { name, config }) as Promise<ConnectorInfo>;
  }

  /** `PUT /connectors/{name}/config`: creates or replaces. */
  putConfig(name: string, config: Record<string, string>): Promise<ConnectorInfo> {
    return this.call('PUT', `${path(name)}/config`, `config of ${name}`, config) as Promise<ConnectorInfo>;
  }

  /** `PUT /connector-plugins/{plugin}/config/validate`: every setting's definition, value, recommended values and errors. */
  validate(plugin: string, config: Record<string, string>): Promise<ConfigValidation> {
    const simple = plugin.split('.').pop() ?? plugin;
    return this.call('PUT', `/connector-plugins/${encodeURIComponent(simple)}/config/validate`, `validate ${simple}`, {
      'connector.class': plugin,
      ...config,
    }) as Promise<ConfigValidation>;
  }

  async pause(name: string): Promise<void> {
    await this.call('PUT', `${path(name)}/pause`, `pause ${name}`);
  }

  async resume(name: string): Promise<void> {
    await this.call('PUT', `${path(name)}/resume`, `resume ${name}`);
  }

  /** Connect ≥ 3.5: stops the connector and its tasks, keeping its config (offsets can then be changed). */
  async stop(name: string): Promise<void> {
    await this.call('PUT', `${path(name)}/stop`, `stop ${name}`);
  }

  /** The states being restarted (202), or null for a plain connector restart (204). */
  restart(name: string, o: { includeTasks?: boolean; onlyFailed?: boolean } = {}): Promise<RestartAnswer> {
    const q = `includeTasks=${o.includeTasks === true}&onlyFailed=${o.onlyFailed === true}`;
    return this.call('POST', `${path(name)}/restart?${q}`, `restart ${name}`) as Promise<RestartAnswer>;
  }

  async delete(name: string): Promise<void> {
    await this.call('DELETE', path(name), `delete ${name}`);
  }

  /** KIP-875 (Connect ≥ 3.6) */
  offsets(name: string): Promise<ConnectorOffsets> {
    return this.call('GET', `${path(name)}/offsets`, `offsets of ${name}`) as Promise<ConnectorOffsets>;
  }

  /** Only while the connector is STOPPED; Connect answers with what it did (`{ message }`). */
  alterOffsets(name: string, offsets: ConnectorOffsets): Promise<{ message: string }> {
    return this.call('PATCH', `${path(name)}/offsets`, `alter offsets of ${name}`, offsets) as Promise<{ message: string }>;
  }

  resetOffsets(name: string): Promise<{ message: string }> {
    return this.call('DELETE', `${path(name)}/offsets`, `reset offsets of ${name}`) as Promise<{ message: string }>;
  }

  /**
   * Connect refuses a request while its group rebalances (right after a stop, a resume, a config or offsets change:
   * 409 "stale configuration", 500 "a rebalance is expected") without carrying it out, so asking again is safe.
   * Retried for a bounded time; then its refusal stands.
   */
  private async call(method: Method, p: string, what: string, body?: unknown): Promise<unknown> {
    const deadline = Date.now() + (this.options.rebalanceWaitMs ?? REBALANCE_WAIT_MS);
    for (;;) {
      try {
        return await this.callOnce(method, p, what, body);
      } catch (e) {
        if (!(e instanceof RebalanceRefusal) || Date.now() >= deadline) throw e instanceof RebalanceRefusal ? e.error : e;
        await new Promise((resolve) => setTimeout(resolve, REBALANCE_RETRY_MS));
      }
    }
  }

  private async callOnce(method: Method, p: string, what: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.url}${p}`, {
        method,
        headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      throw connectUnreachable(this.url, what, e);
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      if (res.ok) throw new StreamdeskError('internal', `Kafka Connect at ${this.url}: ${what}: not JSON: ${text.slice(0, 200)}`);
    }
    if (!res.ok) {
      const error = connectError(this.url, what, res.status, parsed, text);
      throw (res.status === 409 || res.status === 500) && REBALANCING.test(text) ? new RebalanceRefusal(error) : error;
    }
    return parsed;
  }
}
