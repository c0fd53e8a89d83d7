// The clocks every fault is judged by. The health monitor polls every HEALTH_INTERVAL_MS (short
// here; 3 s in the app); each probe gives up after PROBE_TIMEOUT_MS (HealthMonitor's default),
// and the Kafka probe allows its client one more second (KAFKA_PROBE_GRACE_MS) to answer.
export const HEALTH_INTERVAL_MS = 1000;
export const PROBE_TIMEOUT_MS = 2500;
export const KAFKA_PROBE_GRACE_MS = 1000;
/** A tile must turn red, and recover, within two poll intervals plus one probe's timeout. */
export const WITHIN_MS = 2 * HEALTH_INTERVAL_MS + PROBE_TIMEOUT_MS + KAFKA_PROBE_GRACE_MS;
/** Longest an operation in flight may take to settle (a pipeline start watches its job for 20 s). */
export const SETTLE_MS = 60_000;
