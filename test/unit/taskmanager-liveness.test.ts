import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flinkHealthFrom, FlinkOverview, withoutLostTaskManagers } from '@main/services/health/flink-probe';
import { connectionRefused, rpcAddress, type ListedTaskManager } from '@main/services/health/taskmanager-liveness';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8')) as unknown;
const listed = (fixture('flink-taskmanagers.json') as { taskmanagers: ListedTaskManager[] }).taskmanagers;
const overview = FlinkOverview.parse(fixture('flink-overview.json'));

describe('TaskManager liveness (a killed TaskManager stays listed until its heartbeat times out)', () => {
  it('reads the RPC address from a recorded actor path', () => {
    expect(rpcAddress(listed[0].path)).toEqual({ host: '127.0.0.1', port: 44181 });
    expect(rpcAddress('akka.tcp://flink@[::1]:6122/user/rpc/taskmanager_0')).toEqual({ host: '::1', port: 6122 });
    expect(rpcAddress(undefined)).toBeNull();
  });

  it('calls a closed port refused and a listening one not', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as { port: number }).port;
    expect(await connectionRefused('127.0.0.1', port, 1000)).toBe(false);
    await new Promise((resolve) => server.close(resolve));
    expect(await connectionRefused('127.0.0.1', port, 1000)).toBe(true);
  });

  it('turns the tile down when the only TaskManager is gone, degraded when others remain, naming it', () => {
    const tile = flinkHealthFrom('u', { ...overview, taskmanagers: 1, 'slots-total': 2, 'slots-available': 1 }, 0, 1).taskmanagers;
    const lost = [{ id: 'streamdesk-tm-mwvur0fz', address: '127.0.0.1:44181', slots: 2, freeSlots: 1 }];
    const down = withoutLostTaskManagers(tile, lost);
    expect(down.status).toBe('down');
    expect(down.reason).toContain('TaskManager streamdesk-tm-mwvur0fz at 127.0.0.1:44181 refused the connection');
    expect(down.details).toEqual({ taskManagers: 0, slotsTotal: 0, slotsAvailable: 0 });
    const two = flinkHealthFrom('u', { ...overview, taskmanagers: 2, 'slots-total': 4, 'slots-available': 3 }, 0, 1).taskmanagers;
    expect(withoutLostTaskManagers(two, lost)).toMatchObject({
      status: 'degraded',
      reason: expect.stringMatching(/^1 of 2 TaskManagers lost/) as string,
      details: { taskManagers: 1, slotsTotal: 2, slotsAvailable: 2 },
    });
    expect(withoutLostTaskManagers(tile, [])).toBe(tile);
  });
});
