// What a workbench session starts with: its settings as session configuration, and the
// `streamdesk` catalog (Flink's in-memory one) used by default, so `SELECT … FROM `my_topic``
// works as written once the topic's table is created.
import type { SqlSessionSettings } from '@shared/sql';

export function sessionProperties(s: SqlSessionSettings): Record<string, string> {
  const p: Record<string, string> = {
    'execution.runtime-mode': s.mode === 'batch' ? 'BATCH' : 'STREAMING',
    'parallelism.default': String(s.parallelism),
    // window results stamped in UTC, as the built-in pipelines do
    'table.local-time-zone': 'UTC',
    // a partition that receives nothing stops holding back event time (otherwise windows never close)
    'table.exec.source.idle-timeout': '5 s',
  };
  if (s.checkpointIntervalMs !== null) p['execution.checkpointing.interval'] = `${s.checkpointIntervalMs} ms`;
  return p;
}

export const SESSION_SETUP = [`CREATE CATALOG streamdesk WITH ('type' = 'generic_in_memory')`, 'USE CATALOG streamdesk'];
