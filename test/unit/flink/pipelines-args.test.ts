// Argument validation (messages name the field), SET statements and SQL splitting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResumePipelineArgs, SaveJarPipelineArgs, SaveSqlPipelineArgs, StartPipelineArgs, splitSqlStatements } from '@shared/pipelines';
import { JobRef, jobDashboardUrl } from '@shared/flink';
import { BUILTIN_PIPELINES } from '@main/services/pipelines/builtin-pipelines';
import { PipelineCatalog } from '@main/services/pipelines/pipeline-catalog';
import { fillPlaceholders, jarRunConfiguration, pipelineSetStatements, sqlString } from '@main/services/pipelines/sql-settings';
import { topicSpec } from '@main/services/pipelines/topic-ensurer';

/** As the contract's edge reports them: "field: message". */
const describeIssues = (e: { issues: Array<{ path: PropertyKey[]; message: string }> }): string =>
  e.issues.map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');

const issues = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } },
  v: unknown,
): string => {
  const r = schema.safeParse(v);
  return r.success ? 'ok' : describeIssues(r.error!);
};

describe('StartPipelineArgs', () => {
  it('defaults: parallelism 1, checkpoints every 10 s exactly-once, no savepoint', () => {
    expect(StartPipelineArgs.parse({ pipelineName: 'p' })).toEqual({
      pipelineName: 'p',
      parallelism: 1,
      checkpointIntervalMs: 10_000,
      checkpointingMode: 'exactly-once',
      savepointPath: null,
      allowNonRestoredState: false,
    });
  });
  it.each([
    [{ pipelineName: 'p', parallelism: 0 }, 'parallelism: must be at least 1'],
    [{ pipelineName: 'p', parallelism: 1.5 }, 'parallelism: must be a whole number'],
    [{ pipelineName: 'p', checkpointIntervalMs: 99 }, 'checkpointIntervalMs: must be at least 100 ms (or null for off)'],
    [{ pipelineName: 'p', checkpointingMode: 'twice' }, 'checkpointingMode:'],
    [{ pipelineName: 'p', savepointPath: ' ' }, 'savepointPath: must not be empty (use null for none)'],
    [{ pipelineName: 'bad name!' }, "pipelineName: may only hold letters, digits, '_', '-' and '.'"],
    [{ pipelineName: 'p', extra: 1 }, 'extra'],
  ])('%j → %s', (args, message) => {
    expect(issues(StartPipelineArgs, args)).toContain(message);
  });
  it('checkpointing off is null', () => {
    expect(StartPipelineArgs.parse({ pipelineName: 'p', checkpointIntervalMs: null }).checkpointIntervalMs).toBeNull();
  });
});

describe('ResumePipelineArgs and refs', () => {
  it('needs a savepoint path or a job id', () => {
    expect(issues(ResumePipelineArgs, { pipelineName: 'p' })).toBe('savepointPath: give a savepointPath or the jobId to resume from');
    expect(issues(ResumePipelineArgs, { pipelineName: 'p', jobId: 'xyz' })).toBe('jobId: must be a Flink job id (32 hex digits)');
    expect(ResumePipelineArgs.parse({ pipelineName: 'p', savepointPath: 'file:/s', parallelism: 2 })).toMatchObject({
      parallelism: 2,
      checkpointIntervalMs: 10_000,
    });
  });
  it('job ids and dashboard links', () => {
    expect(issues(JobRef, { jobId: 'nope' })).toBe('jobId: must be a Flink job id (32 hex digits)');
    expect(jobDashboardUrl('http://h:8081/', 'ab'.repeat(16))).toBe(`http://h:8081/#/job/${'ab'.repeat(16)}/overview`);
  });
});

describe('SET statements of a start', () => {
  it('parallelism, checkpointing and restore, in Flink key names of 1.18 and 1.20/2.x', () => {
    const s = StartPipelineArgs.parse({
      pipelineName: 'x',
      parallelism: 2,
      checkpointIntervalMs: 5000,
      checkpointingMode: 'at-least-once',
      savepointPath: "file:/d/sp-'1",
      allowNonRestoredState: true,
    });
    expect(pipelineSetStatements("it's", s)).toEqual([
      "SET 'pipeline.name' = 'it''s'",
      "SET 'parallelism.default' = '2'",
      "SET 'execution.checkpointing.interval' = '5000 ms'",
      "SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE'",
      "SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION'",
      "SET 'execution.savepoint.path' = 'file:/d/sp-''1'",
      "SET 'execution.savepoint.ignore-unclaimed-state' = 'true'",
      "SET 'execution.state-recovery.path' = 'file:/d/sp-''1'",
      "SET 'execution.state-recovery.ignore-unclaimed-state' = 'true'",
    ]);
  });
  it('checkpointing off and no savepoint: only name and parallelism', () => {
    const s = StartPipelineArgs.parse({ pipelineName: 'x', checkpointIntervalMs: null });
    expect(pipelineSetStatements('x', s)).toEqual(["SET 'pipeline.name' = 'x'", "SET 'parallelism.default' = '1'"]);
    expect(jarRunConfiguration('x', s)).toEqual({ 'pipeline.name': 'x' });
  });
  it('exactly-once for a jar run', () => {
    expect(jarRunConfiguration('j', StartPipelineArgs.parse({ pipelineName: 'j', checkpointIntervalMs: 1000 }))).toMatchObject({
      'execution.checkpointing.interval': '1000 ms',
      'execution.checkpointing.mode': 'EXACTLY_ONCE',
    });
  });
  it('quotes and placeholders', () => {
    expect(sqlString("a'b")).toBe("'a''b'");
    expect(fillPlaceholders("'{{bootstrap}}' '{{ pipeline }}'", { bootstrap: 'h:9092', pipeline: 'p' })).toBe("'h:9092' 'p'");
    expect(() => fillPlaceholders('{{nope}}', { bootstrap: '', pipeline: '' })).toThrow(/unknown placeholder \{\{nope\}\}/);
  });
});

describe('splitSqlStatements', () => {
  it("splits at top-level ';' only", () => {
    const sql = `-- a comment; not a split
      CREATE TABLE t (a STRING) WITH ('x' = 'a;b');
      /* block; comment */ INSERT INTO t SELECT 'it''s;' ;
      ;  `;
    expect(splitSqlStatements(sql)).toEqual([
      `-- a comment; not a split\n      CREATE TABLE t (a STRING) WITH ('x' = 'a;b')`,
      `/* block; comment */ INSERT INTO t SELECT 'it''s;'`,
    ]);
  });
  it('a last statement without ; and comment-only text', () => {
    expect(splitSqlStatements('SELECT 1')).toEqual(['SELECT 1']);
    expect(splitSqlStatements('-- nothing\n')).toEqual([]);
  });
});

describe('built-in pipelines', () => {
  it('are the three over the seed streams, with their sink topics', () => {
    expect(BUILTIN_PIPELINES.map((p) => [p.name, p.sourceTopic, p.sinkTopic])).toEqual([
      ['stavanger_parking_realtime', 'stavanger_parking_events', 'stavanger_parking_occupancy_1m'],
      ['data_quality_check', 'stavanger_parking_events', 'data_quality_alerts'],
      ['system_metrics_rollup', 'system_metrics', 'system_metrics_1m'],
    ]);
    for (const p of BUILTIN_PIPELINES) {
      expect(p.statements.filter((s) => /^INSERT INTO/i.test(s))).toHaveLength(1);
      for (const s of p.statements) expect(() => fillPlaceholders(s, { bootstrap: 'b', pipeline: p.name })).not.toThrow();
    }
    expect(STAVANGER_WATERMARK()).toContain("WATERMARK FOR ts AS ts - INTERVAL '5' SECOND");
  });
  it('topics keep the seed settings (data_quality_alerts is compacted, so alerts are keyed)', () => {
    expect(topicSpec('data_quality_alerts')).toEqual({ name: 'data_quality_alerts', partitions: 1, retentionHours: 8760, cleanupPolicy: 'compact' });
    expect(topicSpec('stavanger_parking_events').partitions).toBe(3);
    expect(topicSpec('anything')).toEqual({ name: 'anything', partitions: 1, retentionHours: 168, cleanupPolicy: 'delete' });
    expect(BUILTIN_PIPELINES[1].statements.join('\n')).toContain("'key.fields' = 'alert_id'");
  });
});

const STAVANGER_WATERMARK = (): string => BUILTIN_PIPELINES[0].statements.join('\n');

describe('PipelineCatalog (JSON file)', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  it('saves, lists, replaces and removes user pipelines; built-ins stay', () => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    const c = new PipelineCatalog(join(dir, 'pipelines.json'));
    const saved = c.saveSql(
      SaveSqlPipelineArgs.parse({ name: 'mine', sql: "CREATE TABLE a (x INT) WITH ('connector'='datagen'); INSERT INTO a SELECT 1;", sinkTopic: 'out' }),
    );
    expect(saved.statements).toHaveLength(2);
    expect(new PipelineCatalog(join(dir, 'pipelines.json')).get('mine')).toEqual(saved);
    c.saveJar(SaveJarPipelineArgs.parse({ name: 'jar1', entryClass: 'a.B', programArgs: ['--x', '1'] }), 'abc_job.jar');
    expect(c.list().map((p) => p.name)).toEqual(['stavanger_parking_realtime', 'data_quality_check', 'system_metrics_rollup', 'mine', 'jar1']);
    expect(c.remove('jar1')).toMatchObject({ kind: 'jar', jarId: 'abc_job.jar' });
    expect(c.has('jar1')).toBe(false);
  });
  it('refuses a built-in name, SQL without INSERT and unknown names, naming the field', () => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    const c = new PipelineCatalog(join(dir, 'pipelines.json'));
    expect(() => c.saveSql(SaveSqlPipelineArgs.parse({ name: 'stavanger_parking_realtime', sql: 'INSERT INTO a SELECT 1' }))).toThrow(
      /^name: "stavanger_parking_realtime" is a built-in pipeline/,
    );
    expect(() => c.saveSql(SaveSqlPipelineArgs.parse({ name: 'x', sql: 'SELECT 1' }))).toThrow(/^sql: needs an INSERT INTO/);
    expect(c.saveSql(SaveSqlPipelineArgs.parse({ name: 'y', sql: '-- counts\n/* per key */ INSERT INTO a SELECT 1' })).statements).toHaveLength(1);
    expect(() => c.get('nope')).toThrow(/^pipelineName: no pipeline named "nope"/);
    expect(issues(SaveSqlPipelineArgs, { name: 'x', sql: '  ' })).toBe('sql: is required');
  });
});

describe('topics a pipeline needs', () => {
  it('gets the default settings for a name inherited from Object.prototype', () => {
    expect(topicSpec('constructor')).toEqual({ name: 'constructor', partitions: 1, retentionHours: 168, cleanupPolicy: 'delete' });
  });
});
