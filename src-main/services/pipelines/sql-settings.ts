// The SET statements that carry a start's settings into a SQL Gateway session, and the
// placeholders of catalog statements. Pure: unit-tested on the exact text.
import type { StartPipelineSettings } from '@shared/pipelines';

/** A SQL string literal: single quotes, an inner quote doubled. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const set = (key: string, value: string): string => `SET ${sqlString(key)} = ${sqlString(value)}`;

/**
 * Statements run before the pipeline's own. Where Flink renamed a key (savepoint restore became
 * execution.state-recovery.* in 1.20/2.x) both names are set: a key a version does not know is
 * kept as plain configuration and ignored.
 */
export function pipelineSetStatements(pipelineName: string, s: StartPipelineSettings): string[] {
  const out = [set('pipeline.name', pipelineName), set('parallelism.default', String(s.parallelism))];
  if (s.checkpointIntervalMs !== null) {
    out.push(
      set('execution.checkpointing.interval', `${s.checkpointIntervalMs} ms`),
      set('execution.checkpointing.mode', s.checkpointingMode === 'exactly-once' ? 'EXACTLY_ONCE' : 'AT_LEAST_ONCE'),
      // a cancelled job keeps its last checkpoint, so "resume" works even without a savepoint
      set('execution.checkpointing.externalized-checkpoint-retention', 'RETAIN_ON_CANCELLATION'),
    );
  }
  if (s.savepointPath !== null) {
    const ignore = String(s.allowNonRestoredState);
    out.push(
      set('execution.savepoint.path', s.savepointPath),
      set('execution.savepoint.ignore-unclaimed-state', ignore),
      set('execution.state-recovery.path', s.savepointPath),
      set('execution.state-recovery.ignore-unclaimed-state', ignore),
    );
  }
  return out;
}

export interface PlaceholderValues {
  /** Kafka bootstrap servers as Flink's TaskManagers reach them. */
  bootstrap: string;
  pipeline: string;
}

/** Fill `{{bootstrap}}` and `{{pipeline}}`; any other `{{…}}` is an error worth naming. */
export function fillPlaceholders(statement: string, v: PlaceholderValues): string {
  return statement.replace(/\{\{\s*([A-Za-z_]+)\s*\}\}/g, (whole, key: string) => {
    if (key === 'bootstrap') return v.bootstrap;
    if (key === 'pipeline') return v.pipeline;
    throw new Error(`unknown placeholder ${whole} (known: {{bootstrap}}, {{pipeline}})`);
  });
}

/** The Flink configuration of a jar run that matches the SQL settings (Flink 1.17+ read it from /jars/:id/run). */
export function jarRunConfiguration(pipelineName: string, s: StartPipelineSettings): Record<string, string> {
  const c: Record<string, string> = { 'pipeline.name': pipelineName };
  if (s.checkpointIntervalMs !== null) {
    c['execution.checkpointing.interval'] = `${s.checkpointIntervalMs} ms`;
    c['execution.checkpointing.mode'] = s.checkpointingMode === 'exactly-once' ? 'EXACTLY_ONCE' : 'AT_LEAST_ONCE';
    c['execution.checkpointing.externalized-checkpoint-retention'] = 'RETAIN_ON_CANCELLATION';
  }
  return c;
}
