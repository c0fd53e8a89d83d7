// The SQL workbench's back end: gateway sessions (one per editor tab, each with its settings and
// the `streamdesk` catalog), the tables of the topics a statement names created before it runs,
// and the runs whose rows the caller pulls.
import { randomUUID } from 'node:crypto';
import type { ParsedArgs } from '@shared/contract';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { SqlCatalog, SqlFetchResult, SqlPipelineSql, SqlSessionSettings, SqlTableColumn, SqlTableSchema } from '@shared/sql';
import { FlinkApiError } from '@main/clients/flink/flink-errors';
import type { SqlGatewayClient } from '@main/clients/flink/sql-gateway-client';
import { SqlRun } from './sql-run';
import { pipelineSqlOf, savedStatement } from './pipeline-sql';
import { dropStatements, topicTableStatements } from './table-ddl';
import type { TableSchemas } from './table-schemas';
import { topicsNamedIn } from './statement-topics';
import { sessionProperties, SESSION_SETUP } from './session-setup';

export interface SqlServiceDeps {
  /** The active connection's SQL Gateway, or null (then every call is `unavailable`). */
  gateway: () => SqlGatewayClient | null;
  /** Kafka bootstrap servers as Flink's TaskManagers reach them. */
  bootstrap: () => string;
  topicNames: () => Promise<string[]>;
  tables: TableSchemas;
}

interface Session {
  id: string;
  gateway: SqlGatewayClient;
  handle: string;
  settings: SqlSessionSettings;
  /** The DDL each topic's table was created with, to create it again when its schema changed. */
  tables: Map<string, string>;
  lastUsed: number;
}

/** A session nobody used for this long is closed (a tab closed without saying so). */
const IDLE_MS = 30 * 60_000;
/** A run is pulled without pause while someone watches it: one left alone this long lost its reader (a closed browser tab), and its job is cancelled. */
const RUN_IDLE_MS = 2 * 60_000;

export class SqlService {
  private readonly sessions = new Map<string, Session>();
  private readonly runs = new Map<string, SqlRun>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly d: SqlServiceDeps) {
    // the gateway closes a session idle for 10 minutes: a heartbeat keeps a tab's session alive
    this.timer = setInterval(() => void this.housekeep(), 30_000);
    this.timer.unref();
  }

  async openSession(settings: SqlSessionSettings): Promise<{ sessionId: string; settings: SqlSessionSettings }> {
    const gateway = this.gatewayOrFail();
    const handle = await gateway.openSession(sessionProperties(settings), 'streamdesk-sql');
    try {
      for (const statement of SESSION_SETUP) await gateway.execute(handle, statement);
    } catch (error) {
      await gateway.closeSession(handle).catch(() => undefined);
      throw error;
    }
    const id = randomUUID();
    this.sessions.set(id, { id, gateway, handle, settings, tables: new Map(), lastUsed: Date.now() });
    return { sessionId: id, settings };
  }

  async closeSession(sessionId: string): Promise<{ closed: boolean }> {
    const session = this.sessions.get(sessionId);
    if (!session) return { closed: false };
    this.sessions.delete(sessionId);
    for (const [id, run] of this.runs) if (id.startsWith(`${sessionId}.`)) await this.dropRun(id, run);
    await session.gateway.closeSession(session.handle).catch(() => undefined);
    return { closed: true };
  }

  async run(a: ParsedArgs<'sql:run'>): Promise<{ runId: string }> {
    const session = this.session(a.sessionId);
    const { emptyTables } = await this.ensureTables(session, a.statement);
    const operation = await session.gateway.submit(session.handle, a.statement);
    const id = `${session.id}.${randomUUID()}`;
    this.runs.set(id, new SqlRun({ id, gateway: session.gateway, session: session.handle, operation, limit: a.limit, emptyTables }));
    return { runId: id };
  }

  fetch(a: ParsedArgs<'sql:fetch'>): Promise<SqlFetchResult> {
    return this.runOf(a.runId).fetch(a.waitMs, a.maxRows);
  }

  async cancel(runId: string): Promise<{ cancelled: boolean }> {
    return { cancelled: await this.runOf(runId).cancel() };
  }

  async catalog(): Promise<SqlCatalog> {
    return { catalog: 'streamdesk', database: 'default', tables: await this.d.topicNames() };
  }

  async table(topic: string): Promise<SqlTableSchema> {
    if (!(await this.d.topicNames()).includes(topic)) throw invalidField(['topic'], `no topic "${topic}"`, 'not-found');
    return this.d.tables.of(topic);
  }

  async saveTable(topic: string, columns: SqlTableColumn[]): Promise<SqlTableSchema> {
    if (!(await this.d.topicNames()).includes(topic)) throw invalidField(['topic'], `no topic "${topic}"`, 'not-found');
    const current = await this.d.tables.of(topic);
    if (current.source === 'registry')
      throw invalidField(['columns'], `the columns of "${topic}" come from its subject ${topic}-value in the Schema Registry: change the schema there`);
    if (!columns.some((c) => c.kind === 'value'))
      throw invalidField(['columns'], 'at least one value column is required (key and metadata columns are added by themselves)');
    return this.d.tables.save(topic, columns);
  }

  async pipelineSql(a: ParsedArgs<'sql:pipelineSql'>): Promise<SqlPipelineSql> {
    const session = this.session(a.sessionId);
    const saved = savedStatement(a.statement, a.sinkTopic);
    const topics = topicsNamedIn(a.statement, await this.d.topicNames());
    const schemas = await Promise.all(topics.map((t) => this.d.tables.of(t)));
    const sinkColumns = saved.kind === 'query' ? await this.resultColumns(session, a.statement.trim().replace(/;\s*$/, '')) : [];
    return pipelineSqlOf(a.statement, schemas, a.sinkTopic, sinkColumns);
  }

  /** A query's result columns as Flink types them: DESCRIBE of a temporary view of it. */
  private async resultColumns(session: Session, query: string): Promise<SqlTableColumn[]> {
    await this.ensureTables(session, query);
    const view = `streamdesk_result_${randomUUID().replace(/-/g, '')}`;
    const gw = session.gateway;
    try {
      await gw.execute(session.handle, `CREATE TEMPORARY VIEW \`${view}\` AS ${query}`);
      const described = await gw.execute(session.handle, `DESCRIBE \`${view}\``, { maxRows: 10_000 });
      // a time attribute is described as "TIMESTAMP_LTZ(3) *ROWTIME*": in a sink table it is a plain timestamp
      return described.rows.map((row) => ({ name: String(row[0]), type: String(row[1]).replace(/\s*\*(ROWTIME|PROCTIME)\*$/, ''), kind: 'value' as const }));
    } catch (error) {
      throw invalidField(['statement'], error instanceof FlinkApiError ? error.flinkMessage : String(error));
    } finally {
      await gw.execute(session.handle, `DROP TEMPORARY VIEW IF EXISTS \`${view}\``).catch(() => undefined);
    }
  }

  /** Every open session closed (the back end is shutting down). */
  async dispose(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.sessions.keys()].map((id) => this.closeSession(id)));
  }

  /** Each topic the statement names has its table in the session, as its schema is now; the topics that had no records to type it by. */
  private async ensureTables(session: Session, statement: string): Promise<{ emptyTables: string[] }> {
    const topics = topicsNamedIn(statement, await this.d.topicNames());
    const emptyTables: string[] = [];
    for (const topic of topics) {
      const schema = await this.d.tables.of(topic);
      if (schema.source === 'empty') emptyTables.push(topic);
      const statements = topicTableStatements(
        topic,
        schema.columns,
        { bootstrap: this.d.bootstrap(), groupId: null, scan: session.settings.scan, temporary: false },
        schema.value,
      );
      const ddl = statements.join(';\n');
      const created = session.tables.get(topic);
      if (created === ddl) continue;
      if (created !== undefined) for (const drop of dropStatements(topic, created)) await session.gateway.execute(session.handle, drop);
      try {
        for (const statement of statements) await session.gateway.execute(session.handle, statement);
      } catch (error) {
        const reason = error instanceof FlinkApiError ? error.flinkMessage : String(error);
        throw invalidField(['statement'], `the table of topic "${topic}" could not be created: ${reason}`);
      }
      session.tables.set(topic, ddl);
    }
    return { emptyTables };
  }

  private session(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw invalidField(['sessionId'], `no SQL session ${id} (closed, or the back end restarted): open a new one`, 'not-found');
    session.lastUsed = Date.now();
    return session;
  }

  private runOf(id: string): SqlRun {
    const run = this.runs.get(id);
    if (!run) throw invalidField(['runId'], `no SQL run ${id} (closed, or the back end restarted)`, 'not-found');
    const session = this.sessions.get(id.split('.')[0]);
    if (session) session.lastUsed = Date.now();
    return run;
  }

  private gatewayOrFail(): SqlGatewayClient {
    const gateway = this.d.gateway();
    if (!gateway) throw new StreamdeskError('unavailable', 'This connection has no Flink SQL Gateway (the local stack runs one): SQL needs it');
    return gateway;
  }

  private async dropRun(id: string, run: SqlRun): Promise<void> {
    this.runs.delete(id);
    if (run.status === 'running') await run.cancel();
  }

  private async housekeep(): Promise<void> {
    const now = Date.now();
    for (const [id, run] of this.runs) if (now - run.lastUsed > RUN_IDLE_MS) await this.dropRun(id, run);
    for (const session of [...this.sessions.values()]) {
      if (now - session.lastUsed > IDLE_MS) await this.closeSession(session.id);
      else await session.gateway.heartbeat(session.handle).catch(() => undefined);
    }
  }
}
