import { describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '@shared/health';
import { connectorFailures, connectWorkersGone, rememberConnect, type ConnectMemory } from '@main/services/alerts/connect-rules';

type Details = HealthSnapshot['services']['connect']['details'];
const URL_A = 'http://127.0.0.1:8084';
const details = (patch: Partial<Details>): Details => ({
  urls: [URL_A],
  clustersUp: 1,
  version: '3.9.1',
  workers: 1,
  connectors: 1,
  connectorsRunning: 1,
  connectorsFailed: 0,
  tasksFailed: 0,
  clusters: [{ url: URL_A, up: true, workers: ['127.0.0.1:8084', '127.0.0.1:9084'], goneWorkers: [] }],
  failures: [],
  ...patch,
});
const fired = (run: (fire: (subject: string, message: string) => void) => void) => {
  const out = new Map<string, string>();
  run((subject, message) => out.set(subject, message));
  return out;
};

describe('Kafka Connect alerts', () => {
  it('fire once per FAILED connector and task', () => {
    const d = details({
      failures: [
        { cluster: URL_A, connector: 'sink', task: null, workerId: 'w' },
        { cluster: URL_A, connector: 'sink', task: 2, workerId: 'w' },
      ],
    });
    const out = fired((fire) => connectorFailures(d, fire));
    expect([...out.keys()]).toEqual([`${URL_A}/sink/connector`, `${URL_A}/sink/2`]);
    expect(out.get(`${URL_A}/sink/2`)).toMatch(/Task 2 of connector "sink" is FAILED/);
  });

  it('notice a worker leaving the group, one the statuses still name, and a cluster that stops answering', () => {
    const memory: ConnectMemory = new Map();
    rememberConnect(memory, details({}));
    expect(fired((fire) => connectWorkersGone(details({}), memory, fire)).size).toBe(0);
    const oneLeft = details({ clusters: [{ url: URL_A, up: true, workers: ['127.0.0.1:8084'], goneWorkers: ['127.0.0.1:9084'] }] });
    expect([...fired((fire) => connectWorkersGone(oneLeft, memory, fire)).keys()]).toEqual([`${URL_A}/127.0.0.1:9084`]);
    const down = details({ clusters: [{ url: URL_A, up: false, workers: null, goneWorkers: [] }] });
    expect(fired((fire) => connectWorkersGone(down, memory, fire)).get(URL_A)).toMatch(/no longer answers/);
    // a cluster never seen answering is the health tile's business, not a worker gone
    expect(fired((fire) => connectWorkersGone(down, new Map(), fire)).size).toBe(0);
  });
});
