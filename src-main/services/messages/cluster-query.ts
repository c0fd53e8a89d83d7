// The on-cluster search's SQL: a temporary table over the topic that reads key and value as their
// raw bytes (Flink's `raw` format) with the record's metadata, bounded to exactly the offset ranges
// the local search would read, and the SELECT of the records the filter accepts. Pure.
import type { z } from 'zod';
import type { SearchFilter } from '@shared/messages';
import { sqlString } from '../pipelines/sql-settings';
import { quoteIdentifier } from '../sql/json-inference';
import { clusterCondition } from './cluster-filter';
import type { PartitionRange } from './range-reader';

export interface ClusterQuery {
  table: string;
  ddl: string;
  select: string;
}

/** `partition:0,offset:42;partition:1,offset:7` for the Kafka connector's specific offsets. */
function offsetsOption(ranges: PartitionRange[], side: 'start' | 'end'): string {
  return ranges.map((range) => `partition:${range.partition},offset:${range[side]}`).join(';');
}

/**
 * Every partition of the topic must be named: a partition left out of the specific offsets would
 * be read from the committed or earliest offset. One outside the search has an empty range.
 */
export function clusterQuery(topic: string, bootstrap: string, ranges: PartitionRange[], filter: z.output<typeof SearchFilter>, table: string): ClusterQuery {
  const where = clusterCondition(filter);
  const ddl = [
    `CREATE TEMPORARY TABLE ${quoteIdentifier(table)} (`,
    '  `_k` BYTES,',
    '  `_v` BYTES,',
    "  `_partition` INT METADATA FROM 'partition' VIRTUAL,",
    "  `_offset` BIGINT METADATA FROM 'offset' VIRTUAL,",
    "  `_timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,",
    "  `_headers` MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL",
    ') WITH (',
    [
      `'connector' = 'kafka'`,
      `'topic' = ${sqlString(topic)}`,
      `'properties.bootstrap.servers' = ${sqlString(bootstrap)}`,
      `'scan.startup.mode' = 'specific-offsets'`,
      `'scan.startup.specific-offsets' = ${sqlString(offsetsOption(ranges, 'start'))}`,
      `'scan.bounded.mode' = 'specific-offsets'`,
      `'scan.bounded.specific-offsets' = ${sqlString(offsetsOption(ranges, 'end'))}`,
      // up to the high watermark, as the local search's fetches read (uncommitted transactions too)
      `'properties.isolation.level' = 'read_uncommitted'`,
      `'key.format' = 'raw'`,
      `'key.fields' = '_k'`,
      `'value.format' = 'raw'`,
      `'value.fields-include' = 'EXCEPT_KEY'`,
    ]
      .map((option) => `  ${option}`)
      .join(',\n'),
    ')',
  ].join('\n');
  // the text is decoded once per record (UTF-8, as the local search reads it); the bytes go back
  const select = [
    'SELECT `_partition`, `_offset`, CAST(`_timestamp` AS STRING) AS `_time`, `_k`, `_v`, `_headers`',
    `FROM (SELECT *, CAST(\`_k\` AS STRING) AS \`_ks\`, CAST(\`_v\` AS STRING) AS \`_vs\` FROM ${quoteIdentifier(table)})`,
    `WHERE ${where}`,
  ].join('\n');
  return { table, ddl, select };
}
