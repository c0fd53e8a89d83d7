// Every SQL template gives rows on the stack's own data: the preset topics, the Stavanger parking
// generator running (its surges and sensor glitches included) and the built-in data_quality_check
// pipeline writing data_quality_alerts for the join. Each template runs as written, streaming from
// the earliest offset, until its first row or a bounded time. The stack has 2 slots: the pipeline
// holds one, each template the other in turn.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GeneratorStartArgs } from '@shared/generator';
import { StartPipelineArgs } from '@shared/pipelines';
import { PRESET_TOPICS } from '@shared/preset-topics';
import { SqlSessionSettings } from '@shared/sql';
import { SQL_TEMPLATES } from '@shared/sql-templates';
import { CreateTopicArgs } from '@shared/topics';
import { GeneratorService } from '@main/services/generator/generator-service';
import { sqlServices } from './sql-support';
import { cancelAllJobs, waitFor } from './flink-support';

const shared = inject('sharedStack');
const target = () => ({ brokers: [shared.bootstrap] });
const tmp = mkdtempSync(join(tmpdir(), 'streamdesk-sql-templates-'));
/** The slowest template waits for a surge to end full (~2.5 min after the generator starts) and the watermark after it. */
const FIRST_ROW_WITHIN_MS = 240_000;

const { flink, topics, messages, sql, pipelines } = sqlServices(shared, tmp);
const generator = new GeneratorService({ target });

beforeAll(async () => {
  await cancelAllJobs(flink);
  const existing = new Set((await topics.list(false, { configs: false, offsets: false })).map((t) => t.name));
  for (const spec of PRESET_TOPICS.filter((p) => p.topic === 'stavanger_parking_events' || p.topic === 'data_quality_alerts'))
    if (!existing.has(spec.topic))
      await topics.create(
        CreateTopicArgs.parse({
          name: spec.topic,
          partitions: spec.partitions,
          replicationFactor: 1,
          retentionHours: spec.retentionHours,
          cleanupPolicy: spec.cleanupPolicy,
        }),
      );
  await pipelines.launch.start(StartPipelineArgs.parse({ pipelineName: 'data_quality_check', parallelism: 1, checkpointIntervalMs: null }));
  await generator.start(GeneratorStartArgs.parse({ topic: 'stavanger_parking_events', kind: 'stavanger-parking', ratePerSec: 20 }));
  // a topic's columns are inferred from its newest records: the alerts topic has none until the first glitch
  // (30 s after the generator starts) went through the pipeline, and the join names its columns
  await waitFor(
    async () => (await messages.browse({ topic: 'data_quality_alerts', partition: null, from: { kind: 'end', count: 1 }, limit: 1 })).records.length > 0,
    150_000,
    'the first alert in data_quality_alerts',
  );
}, 240_000);

afterAll(async () => {
  await generator.stopAll();
  await sql.dispose();
  await cancelAllJobs(flink);
  rmSync(tmp, { recursive: true, force: true });
}, 120_000);

/** The first rows of a template, or none when `until` passes. */
async function firstRows(statement: string, until: number): Promise<{ rows: unknown[][]; failure: string | null }> {
  const { sessionId } = await sql.openSession(SqlSessionSettings.parse({ mode: 'streaming' }));
  try {
    const { runId } = await sql.run({ sessionId, statement, limit: 5 });
    const rows: unknown[][] = [];
    while (Date.now() < until) {
      const f = await sql.fetch({ runId, waitMs: 2000, maxRows: 100 });
      rows.push(...f.rows.map((r) => r.fields));
      if (f.failure) return { rows, failure: f.failure.message };
      if (rows.length > 0 || f.status !== 'running') break;
    }
    return { rows, failure: null };
  } finally {
    await sql.closeSession(sessionId);
  }
}

describe('SQL templates on the generator data', () => {
  for (const template of SQL_TEMPLATES) {
    it(
      `${template.name}: at least one row`,
      async () => {
        const { rows, failure } = await firstRows(template.sql, Date.now() + FIRST_ROW_WITHIN_MS);
        expect(failure).toBeNull();
        expect(rows.length).toBeGreaterThanOrEqual(1);
      },
      FIRST_ROW_WITHIN_MS + 60_000,
    );
  }
});
