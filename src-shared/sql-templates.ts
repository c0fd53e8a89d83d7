// The templates menu: the seed's use cases as queries over the stavanger parking preset topic
// (garage, capacity, occupied, free, occupancy_pct, event_time), each runnable as written once the
// preset topics exist and the generator fills them (its surges — a garage from under half to full in
// about two minutes — give the anomaly and MATCH_RECOGNIZE rows; its sensor glitches give the
// data_quality_check pipeline the alerts the join reads). `_timestamp` is the record time with a
// watermark. test/integration/sql-templates.test.ts runs each on the generator's data.
// MATCH_RECOGNIZE's steps exclude each other (under half, half to 95 %, full): with FILLING also taking readings
// under half, every reading of a half-empty garage opened one more partial match that lived 5 minutes, and Flink's
// Match operator fell minutes behind at 20 records/s (0 rows in 4 minutes).

export interface SqlTemplate {
  name: string;
  sql: string;
}

export const SQL_TEMPLATES: SqlTemplate[] = [
  {
    name: 'Windowed aggregation (1-minute tumbling windows)',
    sql: `SELECT window_start, garage,
  COUNT(*) AS samples,
  ROUND(AVG(CAST(occupied AS DOUBLE)), 1) AS avg_occupied,
  MAX(occupied) AS max_occupied
FROM TABLE(TUMBLE(TABLE stavanger_parking_events, DESCRIPTOR(_timestamp), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, garage`,
  },
  {
    name: 'Top-N (3 fullest readings per garage)',
    sql: `SELECT garage, occupancy_pct, _timestamp, rn
FROM (
  SELECT garage, occupancy_pct, _timestamp,
    ROW_NUMBER() OVER (PARTITION BY garage ORDER BY occupancy_pct DESC) AS rn
  FROM stavanger_parking_events)
WHERE rn <= 3`,
  },
  {
    name: 'Deduplication (the newest reading per garage)',
    sql: `SELECT garage, occupied, \`free\`, _timestamp
FROM (
  SELECT garage, occupied, \`free\`, _timestamp,
    ROW_NUMBER() OVER (PARTITION BY garage ORDER BY _timestamp DESC) AS rn
  FROM stavanger_parking_events)
WHERE rn = 1`,
  },
  {
    name: 'Join of two topics (quality alerts with the garage readings before them; data_quality_check running)',
    sql: `SELECT a.rule, a.severity, a.garage, p.occupied, p.capacity, a._timestamp AS alerted_at
FROM data_quality_alerts AS a
JOIN stavanger_parking_events AS p
  ON a.garage = p.garage
 AND p._timestamp BETWEEN a._timestamp - INTERVAL '1' MINUTE AND a._timestamp`,
  },
  {
    name: 'Anomaly detection (off the 10-minute moving average)',
    sql: `SELECT garage, _timestamp, occupied, ROUND(avg_occupied, 1) AS avg_occupied
FROM (
  SELECT garage, _timestamp, occupied, capacity,
    AVG(CAST(occupied AS DOUBLE)) OVER (
      PARTITION BY garage ORDER BY _timestamp
      RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW) AS avg_occupied
  FROM stavanger_parking_events)
WHERE ABS(occupied - avg_occupied) > 0.1 * capacity`,
  },
  {
    name: 'MATCH_RECOGNIZE (a garage from free to full in under 5 minutes)',
    sql: `SELECT *
FROM stavanger_parking_events
MATCH_RECOGNIZE (
  PARTITION BY garage
  ORDER BY _timestamp
  MEASURES
    FREE_START._timestamp AS free_at,
    FREE_START.occupancy_pct AS free_pct,
    FULL_END._timestamp AS full_at,
    FULL_END.occupancy_pct AS full_pct
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (FREE_START FILLING* FULL_END) WITHIN INTERVAL '5' MINUTE
  DEFINE
    FREE_START AS FREE_START.occupancy_pct < 50,
    FILLING AS FILLING.occupancy_pct >= 50 AND FILLING.occupancy_pct < 95,
    FULL_END AS FULL_END.occupancy_pct >= 95
)`,
  },
];
