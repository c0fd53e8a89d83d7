// The built-in SQL pipelines over the seed's streams. `{{bootstrap}}` is the Kafka bootstrap as
// Flink reaches it and `{{pipeline}}` the pipeline's name (its consumer group), filled at start.
import type { SqlPipelineDefinition } from '@shared/pipelines';
import { PRESET_TOPICS } from '@shared/preset-topics';

/** How a topic a pipeline reads or writes is created when missing. */
export interface TopicSpec {
  name: string;
  partitions: number;
  retentionHours: number | null;
  cleanupPolicy: 'delete' | 'compact';
}

const seed = (topic: string): TopicSpec => {
  const s = PRESET_TOPICS.find((x) => x.topic === topic);
  return s
    ? { name: s.topic, partitions: s.partitions, retentionHours: s.retentionHours, cleanupPolicy: s.cleanupPolicy === 'compact' ? 'compact' : 'delete' }
    : { name: topic, partitions: 1, retentionHours: 168, cleanupPolicy: 'delete' };
};

export const BUILTIN_TOPICS: Record<string, TopicSpec> = {
  stavanger_parking_events: seed('stavanger_parking_events'),
  data_quality_alerts: seed('data_quality_alerts'),
  system_metrics: seed('system_metrics'),
  stavanger_parking_occupancy_1m: { name: 'stavanger_parking_occupancy_1m', partitions: 3, retentionHours: 720, cleanupPolicy: 'delete' },
  system_metrics_1m: { name: 'system_metrics_1m', partitions: 2, retentionHours: 720, cleanupPolicy: 'delete' },
};

const kafka = (topic: string, extra: string[] = []): string =>
  [`'connector' = 'kafka'`, `'topic' = '${topic}'`, `'properties.bootstrap.servers' = '{{bootstrap}}'`, ...extra].map((l) => `  ${l}`).join(',\n');

const source = (topic: string): string =>
  kafka(topic, [
    `'properties.group.id' = 'streamdesk-{{pipeline}}'`,
    `'scan.startup.mode' = 'earliest-offset'`,
    `'format' = 'json'`,
    `'json.ignore-parse-errors' = 'true'`,
  ]);

/**
 * Window results are stamped in UTC, and a partition that receives nothing for 30 s stops
 * holding back event time (otherwise one quiet partition stalls every window).
 */
const windowSettings = [`SET 'table.local-time-zone' = 'UTC'`, `SET 'table.exec.source.idle-timeout' = '30 s'`];

/** Epoch milliseconds of a UTC TIMESTAMP(3) (window_start/window_end with table.local-time-zone UTC). */
const epochMs = (col: string): string => `CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', ${col}) AS BIGINT) * 1000`;

const parkingSource = `CREATE TEMPORARY TABLE parking_events (
  garage STRING,
  garage_id STRING,
  capacity INT,
  occupied INT,
  \`free\` INT,
  occupancy_pct DOUBLE,
  event_time BIGINT,
  ts AS TO_TIMESTAMP_LTZ(event_time, 3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
${source('stavanger_parking_events')}
)`;

const STAVANGER_PARKING_REALTIME: SqlPipelineDefinition = {
  kind: 'sql',
  name: 'stavanger_parking_realtime',
  description:
    'Per-garage occupancy in one-minute tumbling event-time windows (event_time, epoch ms; 5 s allowed lateness) from stavanger_parking_events into stavanger_parking_occupancy_1m (JSON, keyed by garage).',
  builtIn: true,
  sourceTopic: 'stavanger_parking_events',
  sinkTopic: 'stavanger_parking_occupancy_1m',
  resultEventTimeField: 'newest_event_time_ms',
  resultOldestEventTimeField: 'oldest_event_time_ms',
  statements: [
    ...windowSettings,
    parkingSource,
    `CREATE TEMPORARY TABLE parking_occupancy_1m (
  garage STRING,
  window_start STRING,
  window_start_ms BIGINT,
  window_end_ms BIGINT,
  samples BIGINT,
  capacity INT,
  avg_occupied DOUBLE,
  min_occupied INT,
  max_occupied INT,
  last_free INT,
  avg_occupancy_pct DOUBLE,
  -- the event times of the newest and oldest input in the window: end-to-end latency is measured from them
  newest_event_time_ms BIGINT,
  oldest_event_time_ms BIGINT
) WITH (
${kafka('stavanger_parking_occupancy_1m', [`'key.format' = 'raw'`, `'key.fields' = 'garage'`, `'value.format' = 'json'`, `'value.fields-include' = 'ALL'`])}
)`,
    `INSERT INTO parking_occupancy_1m
SELECT
  garage,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss''Z'''),
  ${epochMs('window_start')},
  ${epochMs('window_end')},
  COUNT(*),
  MAX(capacity),
  ROUND(AVG(CAST(occupied AS DOUBLE)), 2),
  MIN(occupied),
  MAX(occupied),
  LAST_VALUE(\`free\`),
  ROUND(AVG(CAST(occupied AS DOUBLE)) * 100 / MAX(capacity), 1),
  MAX(event_time),
  MIN(event_time)
FROM TABLE(TUMBLE(TABLE parking_events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
WHERE garage IS NOT NULL AND capacity > 0
GROUP BY garage, window_start, window_end`,
  ],
};

const DATA_QUALITY_CHECK: SqlPipelineDefinition = {
  kind: 'sql',
  name: 'data_quality_check',
  description:
    'Checks every stavanger_parking_events record (missing garage, occupied > capacity, negative free or occupied, missing event_time) and writes one alert per violating record to data_quality_alerts (compacted: keyed by rule, garage and event time).',
  builtIn: true,
  sourceTopic: 'stavanger_parking_events',
  sinkTopic: 'data_quality_alerts',
  // one alert per input record: it carries that record's event time
  resultEventTimeField: 'event_time',
  resultOldestEventTimeField: null,
  statements: [
    `CREATE TEMPORARY TABLE parking_events (
  garage STRING,
  capacity INT,
  occupied INT,
  \`free\` INT,
  event_time BIGINT
) WITH (
${source('stavanger_parking_events')}
)`,
    `CREATE TEMPORARY TABLE quality_alerts (
  alert_id STRING,
  rule STRING,
  severity STRING,
  source_topic STRING,
  garage STRING,
  detail STRING,
  event_time BIGINT
) WITH (
${kafka('data_quality_alerts', [`'key.format' = 'raw'`, `'key.fields' = 'alert_id'`, `'value.format' = 'json'`, `'value.fields-include' = 'ALL'`])}
)`,
    `INSERT INTO quality_alerts
SELECT
  CONCAT(rule, ':', COALESCE(garage, '?'), ':', COALESCE(CAST(event_time AS STRING), '?')),
  rule,
  CASE WHEN rule IN ('missing_garage', 'missing_event_time') THEN 'error' ELSE 'warning' END,
  'stavanger_parking_events',
  garage,
  CONCAT('capacity=', COALESCE(CAST(capacity AS STRING), 'null'), ' occupied=', COALESCE(CAST(occupied AS STRING), 'null'), ' free=', COALESCE(CAST(\`free\` AS STRING), 'null')),
  event_time
FROM (
  SELECT *,
    CASE
      WHEN garage IS NULL OR TRIM(garage) = '' THEN 'missing_garage'
      WHEN event_time IS NULL THEN 'missing_event_time'
      WHEN occupied > capacity THEN 'occupied_exceeds_capacity'
      WHEN \`free\` < 0 THEN 'negative_free'
      WHEN occupied < 0 THEN 'negative_occupied'
    END AS rule
  FROM parking_events
)
WHERE rule IS NOT NULL`,
  ],
};

const SYSTEM_METRICS_ROLLUP: SqlPipelineDefinition = {
  kind: 'sql',
  name: 'system_metrics_rollup',
  description:
    'Rolls system_metrics records ({"host","metric","value","event_time" epoch ms}) up per host and metric into one-minute windows (samples, avg, min, max) in system_metrics_1m.',
  builtIn: true,
  sourceTopic: 'system_metrics',
  sinkTopic: 'system_metrics_1m',
  resultEventTimeField: 'newest_event_time_ms',
  resultOldestEventTimeField: 'oldest_event_time_ms',
  statements: [
    ...windowSettings,
    `CREATE TEMPORARY TABLE system_metrics (
  host STRING,
  metric STRING,
  \`value\` DOUBLE,
  event_time BIGINT,
  ts AS TO_TIMESTAMP_LTZ(event_time, 3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
${source('system_metrics')}
)`,
    `CREATE TEMPORARY TABLE system_metrics_1m (
  host STRING,
  metric STRING,
  window_start_ms BIGINT,
  window_end_ms BIGINT,
  samples BIGINT,
  avg_value DOUBLE,
  min_value DOUBLE,
  max_value DOUBLE,
  newest_event_time_ms BIGINT,
  oldest_event_time_ms BIGINT
) WITH (
${kafka('system_metrics_1m', [`'format' = 'json'`])}
)`,
    `INSERT INTO system_metrics_1m
SELECT host, metric, ${epochMs('window_start')}, ${epochMs('window_end')}, COUNT(*), AVG(\`value\`), MIN(\`value\`), MAX(\`value\`), MAX(event_time), MIN(event_time)
FROM TABLE(TUMBLE(TABLE system_metrics, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
WHERE metric IS NOT NULL
GROUP BY host, metric, window_start, window_end`,
  ],
};

export const BUILTIN_PIPELINES: readonly SqlPipelineDefinition[] = [STAVANGER_PARKING_REALTIME, DATA_QUALITY_CHECK, SYSTEM_METRICS_ROLLUP];
