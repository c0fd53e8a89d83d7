// The Overview's Kafka Connect tile, from answers recorded on the native stack's worker (one FAILED task).
import { describe, expect, it } from 'vitest';
import { probeConnect } from '@main/services/health/connect-probe';
import { CONNECT_URL, recordedFetch } from '../connect/recorded-connect';

const now = () => 1_800_000_000_000;

describe('probeConnect', () => {
  it('is not configured when the connection names no Connect', async () => {
    const health = await probeConnect([], recordedFetch().fetch, 1000, now);
    expect(health).toMatchObject({ status: 'not-configured', reason: 'No Kafka Connect URL in this connection', details: { urls: [], workers: null } });
  });

  it('counts workers, connectors running and failed, and failed tasks; a failed task makes it degraded', async () => {
    const rf = recordedFetch();
    const health = await probeConnect([{ url: CONNECT_URL, auth: { kind: 'basic', username: 'ops', password: 'pw' } }], rf.fetch, 1000, now);
    expect(health.status).toBe('degraded');
    expect(health.reason).toBe('1 task(s) FAILED');
    expect(health.details).toEqual({
      urls: [CONNECT_URL],
      clustersUp: 1,
      version: '4.1.1',
      workers: 1,
      connectors: 3,
      connectorsRunning: 3,
      connectorsFailed: 0,
      tasksFailed: 1,
      // no Connect group known: the workers are those the statuses name
      clusters: [{ url: CONNECT_URL, up: true, workers: null, goneWorkers: [] }],
      failures: [{ cluster: CONNECT_URL, connector: 'fixture-broken', task: 0, workerId: '127.0.0.1:22817' }],
    });
    expect(rf.calls.every((c) => c.authorization?.startsWith('Basic '))).toBe(true);
  });

  it("takes the live workers from the cluster's Kafka group, and no other cluster's group", async () => {
    const group = { groupId: 'connect-cluster', workers: ['127.0.0.1:22817', '127.0.0.1:22818'] };
    const both = await probeConnect([{ url: CONNECT_URL }], recordedFetch().fetch, 1000, now, () => Promise.resolve([group]));
    expect(both.details.clusters).toEqual([{ url: CONNECT_URL, up: true, workers: group.workers, goneWorkers: [] }]);
    expect(both.details.workers).toBe(2);
    // a group at another URL holding none of the workers the statuses name belongs to another cluster
    const left = { groupId: 'connect-cluster', workers: ['127.0.0.1:22818'] };
    const named = await probeConnect([{ url: CONNECT_URL }], recordedFetch().fetch, 1000, now, () => Promise.resolve([left]));
    expect(named.details.clusters[0].workers).toBeNull();
  });

  it('is down with the worker named when none answers, and degraded when one cluster of two does not', async () => {
    const rf = recordedFetch();
    rf.down.value = true;
    const down = await probeConnect([{ url: CONNECT_URL }], rf.fetch, 1000, now);
    expect(down).toMatchObject({ status: 'down', details: { urls: [CONNECT_URL], clustersUp: null } });
    expect(down.reason).toContain(`Kafka Connect at ${CONNECT_URL} did not answer`);

    const up = recordedFetch();
    const oneDown: typeof fetch = (input, init) =>
      (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).startsWith(CONNECT_URL)
        ? up.fetch(input, init)
        : Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') }));
    const partly = await probeConnect([{ url: CONNECT_URL }, { url: 'http://127.0.0.1:1' }], oneDown, 1000, now);
    expect(partly.status).toBe('degraded');
    expect(partly.reason).toMatch(
      /^Kafka Connect at http:\/\/127\.0\.0\.1:1 did not answer \(worker info\): connect ECONNREFUSED 127\.0\.0\.1:1; 1 task\(s\) FAILED$/,
    );
    expect(partly.details.clustersUp).toBe(1);
  });
});
