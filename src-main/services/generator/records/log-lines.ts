import type { Random } from './random';
import type { RecordMakerFactory } from './record';

const SERVICES = ['api-gateway', 'auth-service', 'order-service', 'payment-service', 'inventory-service', 'notification-service'] as const;
type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Mostly INFO, like a production log at its default level. */
const LEVELS = [
  ['INFO', 82],
  ['DEBUG', 8],
  ['WARN', 7],
  ['ERROR', 3],
] as const;

const ROUTES = ['/api/orders', '/api/orders/{id}', '/api/cart', '/api/login', '/api/products', '/api/payments'] as const;

/** Message templates per level; each fills in its own plausible details. */
const TEMPLATES: Record<Level, readonly ((r: Random) => string)[]> = {
  DEBUG: [(r) => `cache hit for key product:${r.int(10000, 19999)}`, (r) => `connection pool stats active=${r.int(1, 20)} idle=${r.int(0, 10)}`],
  INFO: [
    (r) =>
      `${r.pick(['GET', 'GET', 'POST', 'PUT'])} ${r.pick(ROUTES)} ${r.weighted([
        [200, 90],
        [201, 6],
        [204, 4],
      ] as const)} in ${r.int(3, 180)} ms`,
    (r) => `order ${r.int(100000, 999999)} accepted`,
    (r) => `user user-${String(r.int(1, 5000)).padStart(5, '0')} logged in`,
    (r) => `published ${r.int(1, 50)} events to outbox`,
  ],
  WARN: [
    (r) => `slow query on orders took ${r.int(800, 4000)} ms`,
    (r) => `retrying call to payment-provider (attempt ${r.int(2, 4)})`,
    (r) => `${r.pick(['GET', 'POST'])} ${r.pick(ROUTES)} 429 rate limited`,
  ],
  ERROR: [
    (r) => `${r.pick(['GET', 'POST'])} ${r.pick(ROUTES)} 500 in ${r.int(20, 3000)} ms: upstream timeout`,
    (r) => `payment ${r.int(100000, 999999)} declined: ${r.pick(['card expired', 'insufficient funds', 'provider unavailable'])}`,
    () => 'database connection lost; reconnecting',
  ],
};

/**
 * Each record is one structured log line from one service (the key), with a trace id that a
 * few consecutive lines share, as they would when one request crosses several services.
 */
export const logLines: RecordMakerFactory = (random) => {
  const hosts = SERVICES.map((service) => [`${service}-${random.hex(5)}`, `${service}-${random.hex(5)}`] as const);
  let traceId = random.hex(32);
  return (now) => {
    if (random.chance(0.3)) traceId = random.hex(32);
    const serviceIndex = random.int(0, SERVICES.length - 1);
    const service = SERVICES[serviceIndex];
    const level = random.weighted(LEVELS);
    const message = random.pick(TEMPLATES[level])(random);
    return {
      key: service,
      value: {
        service,
        host: random.pick(hosts[serviceIndex]),
        level,
        message,
        trace_id: traceId,
        span_id: random.hex(16),
        timestamp: new Date(now).toISOString(),
        event_time: now,
      },
    };
  };
};
