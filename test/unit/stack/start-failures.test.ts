import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transientStartFailure } from '@main/services/stack/native/start-failures';

// The last lines of a real Kafka 3.9 broker's log (ZooKeeper mode) that exited while starting on a machine at load
// average ~40: its ZooKeeper session expired before it had registered.
const sessionExpiredLog = readFileSync(path.join(__dirname, '..', 'fixtures', 'kafka-start-session-expired.txt'), 'utf8');

describe('transientStartFailure', () => {
  it('starts a broker again whose ZooKeeper session expired while it started', () => {
    const message = `kafka (pid 21951) exited before it was ready\n--- last lines of kafka.log ---\n${sessionExpiredLog}`;
    expect(transientStartFailure(message)).toMatch(/ZooKeeper session expired/);
  });

  it('does not retry other failures', () => {
    expect(transientStartFailure('kafka (pid 1) exited before it was ready\n(no log output in /tmp/logs)')).toBeNull();
    expect(transientStartFailure(`kafka (pid 1) did not answer in time\n${sessionExpiredLog}`)).toBeNull();
  });
});
