// Parsing of answers RECORDED from the real Flink 1.18.1 REST API (see fixtures/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flinkErrorMessage } from '@main/clients/flink/flink-errors';
import {
  checkpointsFailedInARow,
  lastCheckpoint,
  metricValue,
  parseBackpressureLevel,
  parseCheckpointStats,
  parseCluster,
  parseExceptions,
  parseJobConfig,
  jobParallelism,
  sourcesAndSinks,
} from '@main/clients/flink/flink-parse';
import type { RawCheckpoints, RawJobDetail } from '@main/clients/flink/flink-rest-types';

const fixture = <T = unknown>(name: string): T => JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as T;

describe('Flink 1.18 REST answers', () => {
  it('/overview → cluster', () => {
    expect(parseCluster(fixture('overview'), 'http://x:8081')).toEqual({
      flinkVersion: '1.18.1',
      taskmanagers: 1,
      slotsTotal: 2,
      slotsFree: 1,
      jobsRunning: 1,
      jobsFinished: 0,
      jobsCancelled: 0,
      jobsFailed: 1,
      dashboardUrl: 'http://x:8081',
    });
  });

  it('tolerates an answer with fields missing (newer or older versions)', () => {
    expect(parseCluster({}, 'u')).toMatchObject({ flinkVersion: null, taskmanagers: 0, slotsTotal: 0, slotsFree: 0 });
    expect(parseCheckpointStats({})).toEqual({
      completed: 0,
      failed: 0,
      inProgress: 0,
      restored: 0,
      latestCompleted: null,
      latestSavepoint: null,
      history: [],
    });
    expect(lastCheckpoint({}, 0)).toBeNull();
    expect(parseExceptions({})).toEqual([]);
    expect(parseBackpressureLevel({})).toBe('unknown');
  });

  it('/jobs/:id → parallelism, sources and sinks from the plan', () => {
    const job = fixture<RawJobDetail>('job');
    expect(job.name).toBe('stavanger_parking_realtime');
    expect(jobParallelism(job)).toBe(1);
    const { sources, sinks } = sourcesAndSinks(job);
    expect(sources).toHaveLength(1);
    expect(sinks).toHaveLength(1);
    expect(job.vertices?.find((v) => v.id === sources[0])?.name).toMatch(/^Source: parking_events/);
    expect(job.vertices?.find((v) => v.id === sinks[0])?.name).toMatch(/WindowAggregate/);
  });

  it('/jobs/:id/checkpoints → counts, latest and history newest first', () => {
    const raw = fixture<RawCheckpoints>('job-checkpoints');
    const s = parseCheckpointStats(raw);
    expect(s).toMatchObject({ completed: 51, failed: 2, inProgress: 0, restored: 0 });
    expect(s.latestCompleted?.id).toBe(51);
    expect(s.latestSavepoint?.isSavepoint).toBe(true);
    expect(s.latestSavepoint?.externalPath).toMatch(/^file:\/.*\/savepoints\/savepoint-0d4fa0-/);
    const ids = s.history.map((h) => h.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const ack = raw.history?.find((h) => h.id === s.history[0].id)?.latest_ack_timestamp as number;
    const last = lastCheckpoint(raw, ack + 1500);
    expect(last).toMatchObject({ id: s.history[0].id, status: 'COMPLETED', ageMs: 1500, isSavepoint: false });
    expect(last?.sizeBytes).toBeGreaterThan(0);
    expect(last?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("counts checkpoints failed since the last completed one, not the failures of a job's first seconds", () => {
    // recorded: two checkpoints failed while the job was being deployed, every one since completed
    expect(checkpointsFailedInARow(fixture<RawCheckpoints>('job-checkpoints'))).toBe(0);
    const attempt = (id: number, status: string, is_savepoint = false) => ({ id, status, is_savepoint });
    const history = [
      attempt(14, 'IN_PROGRESS'),
      attempt(13, 'FAILED'),
      attempt(12, 'FAILED', true),
      attempt(11, 'FAILED'),
      attempt(10, 'COMPLETED'),
      attempt(9, 'FAILED'),
    ];
    // newest first: the one in progress and the failed savepoint do not count, the failure before the completed one neither
    expect(checkpointsFailedInARow({ history })).toBe(2);
    expect(checkpointsFailedInARow({ history: [attempt(3, 'COMPLETED'), attempt(2, 'FAILED')] })).toBe(0);
    expect(checkpointsFailedInARow({})).toBe(0);
  });

  it('/jobs/:id/exceptions → the exception history of a failed job, first line without the package', () => {
    expect(parseExceptions(fixture('job-exceptions'))).toEqual([]);
    const failed = parseExceptions(fixture('failed-job-exceptions'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toBe('JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy');
    expect(failed[0].stacktrace).toContain('UnknownTopicOrPartitionException');
    expect(failed[0].timestamp).toBeGreaterThan(0);
  });

  it('/jobs/:id/config → flat strings', () => {
    expect(parseJobConfig(fixture('job-config'))).toEqual({
      'execution-mode': 'PIPELINED',
      'restart-strategy': 'Cluster level default restart strategy',
      'job-parallelism': '1',
      'object-reuse-mode': 'false',
    });
  });

  it('backpressure and aggregated vertex metrics', () => {
    expect(parseBackpressureLevel(fixture('vertex-backpressure'))).toBe('ok');
    expect(parseBackpressureLevel({ status: 'ok', backpressureLevel: 'high' })).toBe('high');
    expect(parseBackpressureLevel({ status: 'deprecated' })).toBe('unknown');
    const m = fixture<Array<{ id: string }>>('vertex-metrics');
    expect(metricValue(m, 'numRecordsOut')).toBe(11);
    expect(metricValue(m, 'numRecordsOutPerSecond', 'max')).toBeCloseTo(0.1333, 3);
    expect(metricValue(m, 'nope')).toBeNull();
    expect(metricValue(fixture('job-metrics'), 'numRestarts')).toBe(0);
  });
});

describe("Flink's error answers", () => {
  it('a 404 keeps the message and the real cause, without package paths', () => {
    expect(flinkErrorMessage(fixture('error-unknown-job'))).toBe(
      'NotFoundException: Job 00000000000000000000000000000000 not found — FlinkJobNotFoundException: Could not find Flink job (00000000000000000000000000000000)',
    );
  });
  it('a generic "Internal server error." is replaced by the cause', () => {
    expect(flinkErrorMessage(fixture('error-jar-run'))).toMatch(/^RestHandlerException: Jar file .*nosuch\.jar does not exist$/);
  });
  it("the SQL Gateway's parse error names Flink's own SqlParserException, not Calcite's internals", () => {
    expect(flinkErrorMessage(fixture('gateway-parse-error'))).toBe('SqlParserException: SQL parse failed. Non-query expression encountered in illegal context');
  });
  it('no errors array: null (the caller falls back to the HTTP status)', () => {
    expect(flinkErrorMessage({})).toBeNull();
    expect(flinkErrorMessage(null)).toBeNull();
  });
});
