// A client of the Confluent-compatible Schema Registry API, which Confluent Schema Registry,
// Karapace and Apicurio (at /apis/ccompat/v7) all answer. Schemas by id are cached once per client
// (one client per registry); a failed fetch is forgotten at once, an unknown id after a short while.
import { StreamdeskError } from '@shared/errors';
import { registryError, registryUnreachable } from './schema-registry-errors';

type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

/** A named schema this one uses: Avro's full type name, or Protobuf's import path. */
export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface RegisteredSchema {
  schemaType: SchemaType;
  schema: string;
  references: SchemaReference[];
}

export interface SubjectVersion extends RegisteredSchema {
  subject: string;
  version: number;
  id: number;
}

type SchemaRegistryAuth = { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

/** Where a registry is and how to sign in: what a connection resolves to (secrets decrypted at the moment of use). */
export interface SchemaRegistryTarget {
  url: string;
  auth?: SchemaRegistryAuth;
}

export interface SchemaRegistryOptions extends SchemaRegistryTarget {
  /** url: e.g. http://127.0.0.1:8085/apis/ccompat/v7 (Apicurio) or http://127.0.0.1:8081 (Confluent). */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** How long an unknown id stays unknown before it is asked for again. */
  notFoundTtlMs?: number;
  now?: () => number;
}

interface WireSchema {
  schema?: unknown;
  schemaType?: unknown;
  references?: unknown;
  subject?: unknown;
  version?: unknown;
  id?: unknown;
}

export class SchemaRegistryClient {
  readonly url: string;
  private readonly fetchFn: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly byId = new Map<number, Promise<RegisteredSchema>>();
  private readonly byVersion = new Map<string, Promise<SubjectVersion>>();
  private readonly contentIds = new Map<number, Promise<number>>();
  private readonly subjectsById = new Map<number, Promise<{ subject: string; version: number }[]>>();
  private readonly unknownUntil = new Map<string, { until: number; error: StreamdeskError }>();

  constructor(private readonly options: SchemaRegistryOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? fetch;
    this.headers = { accept: 'application/vnd.schemaregistry.v1+json, application/json', ...authHeader(options.auth) };
  }

  /** `GET /schemas/ids/{id}`: the schema a record's id names (Apicurio: a content id). */
  schemaById(id: number): Promise<RegisteredSchema> {
    return this.cached(this.byId, id, `schema ${id}`, async () => toSchema(await this.get(`/schemas/ids/${id}`, `schema id ${id}`)));
  }

  /** `GET /schemas/ids/{id}/versions`: the subjects and versions that hold a schema id (cached per id). */
  subjectsOfId(id: number): Promise<{ subject: string; version: number }[]> {
    return this.cached(this.subjectsById, id, `versions of schema ${id}`, async () => {
      const body = await this.get(`/schemas/ids/${id}/versions`, `versions of schema id ${id}`);
      if (!Array.isArray(body)) return [];
      return (body as { subject?: unknown; version?: unknown }[])
        .filter((entry) => typeof entry.subject === 'string' && typeof entry.version === 'number')
        .map((entry) => ({ subject: entry.subject as string, version: entry.version as number }));
    });
  }

  /** `GET /subjects` (never cached: the list changes). */
  async subjects(): Promise<string[]> {
    const body = await this.get('/subjects', 'subjects');
    if (!Array.isArray(body)) throw new StreamdeskError('internal', `Schema Registry at ${this.url}: subjects: not a list`);
    return body.filter((s): s is string => typeof s === 'string');
  }

  /** `GET /subjects/{s}/versions/{v}`; numbered versions are cached, `latest` is not. */
  subjectVersion(subject: string, version: number | 'latest'): Promise<SubjectVersion> {
    const load = async (): Promise<SubjectVersion> => {
      const body = (await this.get(`/subjects/${encodeURIComponent(subject)}/versions/${version}`, `subject ${subject} version ${version}`)) as WireSchema;
      return { ...toSchema(body), subject, version: Number(body.version), id: Number(body.id) };
    };
    if (version === 'latest') return load();
    return this.cached(this.byVersion, `${subject}\u0000${version}`, `subject ${subject} version ${version}`, load);
  }

  /**
   * Apicurio's global id (one per artifact version) as the content id its Confluent-compatible API
   * serves schemas by, through Apicurio's own v3 search (`/apis/registry/v3/search/versions?globalId=`).
   * Only an Apicurio URL (`…/apis/ccompat/v7`) has that API.
   */
  contentIdOfGlobalId(globalId: number): Promise<number> {
    return this.cached(this.contentIds, globalId, `global id ${globalId}`, async () => {
      const root = /^(.*)\/apis\/ccompat\/v\d+$/.exec(this.url)?.[1];
      if (!root)
        throw new StreamdeskError(
          'not-found',
          `Schema Registry at ${this.url}: global id ${globalId}: global ids are Apicurio's, and this is not its /apis/ccompat/v7 URL`,
        );
      const body = (await this.get(`/apis/registry/v3/search/versions?globalId=${globalId}`, `global id ${globalId}`, root)) as {
        versions?: { contentId?: unknown }[];
      };
      const contentId = body.versions?.[0]?.contentId;
      if (typeof contentId !== 'number') throw new StreamdeskError('not-found', `Schema Registry at ${this.url}: global id ${globalId} not found`);
      return contentId;
    });
  }

  private cached<K, T>(cache: Map<K, Promise<T>>, key: K, what: string, load: () => Promise<T>): Promise<T> {
    const unknown = this.unknownUntil.get(what);
    if (unknown && unknown.until > this.now()) return Promise.reject(unknown.error);
    const hit = cache.get(key);
    if (hit) return hit;
    const promise = load().catch((e: unknown) => {
      cache.delete(key);
      if (e instanceof StreamdeskError && e.code === 'not-found')
        this.unknownUntil.set(what, { until: this.now() + (this.options.notFoundTtlMs ?? 30_000), error: e });
      throw e;
    });
    cache.set(key, promise);
    return promise;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async get(path: string, what: string, base = this.url): Promise<unknown> {
    let res: Response;
    try {
      res = await this.fetchFn(`${base}${path}`, { headers: this.headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (e) {
      throw registryUnreachable(this.url, what, e);
    }
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text.trim() ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!res.ok) throw registryError(this.url, what, res.status, body, text);
    return body;
  }
}

function authHeader(auth: SchemaRegistryAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if (auth.kind === 'bearer') return { authorization: `Bearer ${auth.token}` };
  return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
}

function toSchema(body: unknown): RegisteredSchema {
  const wire = (body ?? {}) as WireSchema;
  const type = wire.schemaType ?? 'AVRO';
  if (type !== 'AVRO' && type !== 'PROTOBUF' && type !== 'JSON') throw new StreamdeskError('internal', `unsupported schema type ${JSON.stringify(type)}`);
  if (typeof wire.schema !== 'string') throw new StreamdeskError('internal', 'the registry answered no schema text');
  const references = Array.isArray(wire.references) ? (wire.references as SchemaReference[]) : [];
  return { schemaType: type, schema: wire.schema, references };
}
