// A client of the Confluent-compatible Schema Registry API, which Confluent Schema Registry,
// Karapace and Apicurio (at /apis/ccompat/v7) all answer. Schemas by id are cached once per client
// (one client per registry); a failed fetch is forgotten at once, an unknown id after a short while.
import { StreamdeskError } from '@shared/errors';
import { httpFetch } from '../http-fetch';
import { RegistryError, registryError, registryUnreachable } from './schema-registry-errors';

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
  /** Asked with a sign-in (basic or bearer). */
  readonly signsIn: boolean;
  private readonly fetchFn: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly byId = new Map<number, Promise<RegisteredSchema>>();
  private readonly byVersion = new Map<string, Promise<SubjectVersion>>();
  private readonly contentIds = new Map<number, Promise<number>>();
  private readonly subjectsById = new Map<number, Promise<{ subject: string; version: number }[]>>();
  private readonly unknownUntil = new Map<string, { until: number; error: StreamdeskError }>();

  constructor(private readonly options: SchemaRegistryOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.signsIn = options.auth !== undefined;
    this.fetchFn = options.fetch ?? httpFetch;
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

  /** `GET /subjects` (never cached: the list changes); `includeDeleted` adds the soft-deleted ones. */
  async subjects(includeDeleted = false): Promise<string[]> {
    const body = await this.get(`/subjects${includeDeleted ? '?deleted=true' : ''}`, 'subjects');
    if (!Array.isArray(body)) throw new StreamdeskError('internal', `Schema Registry at ${this.url}: subjects: not a list`);
    return body.filter((s): s is string => typeof s === 'string');
  }

  /**
   * `GET /subjects/{s}/versions/{v}`; numbered versions are cached, `latest` is not, nor is a
   * soft-deleted version (`includeDeleted`), which a hard delete may remove any moment.
   */
  subjectVersion(subject: string, version: number | 'latest', includeDeleted = false): Promise<SubjectVersion> {
    const load = async (): Promise<SubjectVersion> => {
      const path = `${subjectPath(subject)}/versions/${version}${includeDeleted ? '?deleted=true' : ''}`;
      const body = (await this.get(path, `subject ${subject} version ${version}`)) as WireSchema;
      return { ...toSchema(body), subject, version: Number(body.version), id: Number(body.id) };
    };
    if (version === 'latest' || includeDeleted) return load();
    return this.cached(this.byVersion, `${subject}\u0000${version}`, `subject ${subject} version ${version}`, load);
  }

  /** `GET /subjects/{s}/versions`: the version numbers, oldest first. */
  async versions(subject: string, includeDeleted = false): Promise<number[]> {
    const body = await this.get(`${subjectPath(subject)}/versions${includeDeleted ? '?deleted=true' : ''}`, `subject ${subject} versions`);
    return Array.isArray(body) ? body.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b) : [];
  }

  /** `POST /subjects/{s}/versions`, then the lookup that says which version it became (the register answer names only the id). */
  async register(subject: string, schema: RegisteredSchema): Promise<{ id: number; version: number }> {
    const what = `register under ${subject}`;
    const registered = (await this.request('POST', `${subjectPath(subject)}/versions`, what, wireOf(schema)).catch(schemaFieldError)) as { id?: unknown };
    const found = (await this.request('POST', subjectPath(subject), `look up in ${subject}`, wireOf(schema))) as { version?: unknown; id?: unknown };
    return { id: Number(registered.id ?? found.id), version: Number(found.version) };
  }

  /** `POST /compatibility/subjects/{s}/versions/{v}?verbose=true`: would the registry accept this schema? */
  async checkCompatibility(subject: string, version: number | 'latest', schema: RegisteredSchema): Promise<{ compatible: boolean; messages: string[] }> {
    const path = `/compatibility${subjectPath(subject)}/versions/${version}?verbose=true`;
    const body = (await this.request('POST', path, `compatibility with ${subject}`, wireOf(schema)).catch(schemaFieldError)) as {
      is_compatible?: unknown;
      messages?: unknown;
    };
    const messages = Array.isArray(body.messages) ? body.messages.map(String) : [];
    const compatible = body.is_compatible === true;
    const root = this.apicurioRoot();
    if (!compatible && messages.length === 0 && root && version === 'latest' && schema.references.length === 0)
      messages.push(...(await this.apicurioReasons(root, subject, schema)));
    return { compatible, messages };
  }

  /**
   * Apicurio's ccompat answer says only "not compatible"; its own v3 API, asked to add the version as a
   * dry run, names each difference. Best effort: no reasons rather than a failed check.
   */
  private async apicurioReasons(root: string, subject: string, schema: RegisteredSchema): Promise<string[]> {
    const contentType = schema.schemaType === 'PROTOBUF' ? 'application/x-protobuf' : 'application/json';
    const path = `/apis/registry/v3/groups/default/artifacts/${encodeURIComponent(subject)}/versions?dryRun=true`;
    try {
      await this.request('POST', path, `dry run in ${subject}`, { content: { content: schema.schema, contentType } }, root, 'application/json');
      return [];
    } catch (e) {
      if (!(e instanceof RegistryError) || e.status !== 400) return [];
      const body = e.body as { title?: unknown; causes?: { description?: unknown; context?: unknown }[] } | null;
      const causes = (body?.causes ?? []).map((c) => `${String(c.description)} at ${String(c.context)}`);
      return [typeof body?.title === 'string' ? body.title : e.said, ...causes];
    }
  }

  /** `GET /config[/{s}]`: the level set on the subject (null when it has none of its own) or the global one. */
  async compatibility(subject: string | null): Promise<string | null> {
    const root = this.apicurioRoot();
    // Apicurio's ccompat API answers the global level for a subject without its own; its v3 API tells them apart
    if (subject !== null && root) return this.apicurioSubjectRule(root, subject);
    const path = subject === null ? '/config' : `/config/${encodeURIComponent(subject)}`;
    try {
      const body = (await this.get(path, subject === null ? 'global compatibility' : `compatibility of ${subject}`)) as { compatibilityLevel?: unknown };
      return typeof body.compatibilityLevel === 'string' ? body.compatibilityLevel : null;
    } catch (e) {
      // no level of its own (Confluent 40408; Karapace 40401): the global one applies
      if (subject !== null && e instanceof RegistryError && e.status === 404) return null;
      throw e;
    }
  }

  private async apicurioSubjectRule(root: string, subject: string): Promise<string | null> {
    const path = `/apis/registry/v3/groups/default/artifacts/${encodeURIComponent(subject)}/rules/COMPATIBILITY`;
    try {
      const body = (await this.get(path, `compatibility of ${subject}`, root)) as { config?: unknown };
      return typeof body.config === 'string' ? body.config : null;
    } catch (e) {
      if (e instanceof RegistryError && e.status === 404) return null;
      throw e;
    }
  }

  /** Apicurio's root URL when this is its `…/apis/ccompat/vN` API (null for Confluent and Karapace). */
  private apicurioRoot(): string | null {
    return /^(.*)\/apis\/ccompat\/v\d+$/.exec(this.url)?.[1] ?? null;
  }

  /** `PUT /config[/{s}]`. */
  async setCompatibility(subject: string | null, level: string): Promise<void> {
    const path = subject === null ? '/config' : `/config/${encodeURIComponent(subject)}`;
    await this.request('PUT', path, subject === null ? 'set global compatibility' : `set compatibility of ${subject}`, { compatibility: level });
  }

  /** `DELETE /subjects/{s}[?permanent=true]`: the versions deleted. */
  async deleteSubject(subject: string, permanent: boolean): Promise<number[]> {
    const body = await this.request('DELETE', `${subjectPath(subject)}${permanent ? '?permanent=true' : ''}`, `delete ${subject}`);
    this.forgetSubject(subject);
    return Array.isArray(body) ? body.map(Number) : [];
  }

  /** `DELETE /subjects/{s}/versions/{v}[?permanent=true]`. */
  async deleteVersion(subject: string, version: number, permanent: boolean): Promise<number> {
    const body = await this.request(
      'DELETE',
      `${subjectPath(subject)}/versions/${version}${permanent ? '?permanent=true' : ''}`,
      `delete ${subject} version ${version}`,
    );
    this.forgetSubject(subject);
    return Number(body ?? version);
  }

  // A hard-deleted subject may get its version numbers again (Confluent starts at 1 anew).
  private forgetSubject(subject: string): void {
    for (const key of this.byVersion.keys()) if (key.startsWith(`${subject}\u0000`)) this.byVersion.delete(key);
  }

  /**
   * Apicurio's global id (one per artifact version) as the content id its Confluent-compatible API
   * serves schemas by, through Apicurio's own v3 search (`/apis/registry/v3/search/versions?globalId=`).
   * Only an Apicurio URL (`…/apis/ccompat/v7`) has that API.
   */
  contentIdOfGlobalId(globalId: number): Promise<number> {
    return this.cached(this.contentIds, globalId, `global id ${globalId}`, async () => {
      const root = this.apicurioRoot();
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

  private get(path: string, what: string, base = this.url): Promise<unknown> {
    return this.request('GET', path, what, undefined, base);
  }

  /** One HTTP exchange; a registry's refusal becomes a StreamdeskError in its own words (schema-registry-errors.ts). */
  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    what: string,
    body?: unknown,
    base = this.url,
    contentType = 'application/vnd.schemaregistry.v1+json',
  ): Promise<unknown> {
    let res: Response;
    const headers = body === undefined ? this.headers : { ...this.headers, 'content-type': contentType };
    try {
      res = await this.fetchFn(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw registryUnreachable(this.url, what, e);
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text.trim() ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) throw registryError(this.url, what, res.status, parsed, text);
    return parsed;
  }
}

function subjectPath(subject: string): string {
  return `/subjects/${encodeURIComponent(subject)}`;
}

function wireOf(schema: RegisteredSchema): Record<string, unknown> {
  // Confluent reads a missing schemaType as AVRO and older versions reject the field for Avro
  return { ...(schema.schemaType === 'AVRO' ? {} : { schemaType: schema.schemaType }), schema: schema.schema, references: schema.references };
}

/** An invalid schema (422) is about the `schema` argument: say so beside that field. */
function schemaFieldError(e: unknown): never {
  if (e instanceof RegistryError && e.status === 422) throw e.aboutField(['schema']);
  throw e;
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
