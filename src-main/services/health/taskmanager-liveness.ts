import { connect } from 'node:net';

/**
 * Flink keeps listing a TaskManager that was killed until its heartbeat times out (20 s on the
 * local stack, 50 s by default), so `/overview` alone reports a dead TaskManager as healthy.
 * Each TaskManager's RPC address is in its `path`; a connection to it that is actively refused
 * means the process is gone. A timeout or an unreachable network says nothing (a firewall may
 * hide TaskManagers from the console), so only a refusal counts.
 */

/** The fields of Flink's `GET /taskmanagers` entries we read (stable from 1.x through 2.x). */
export interface ListedTaskManager {
  id: string;
  /** e.g. pekko.tcp://flink@127.0.0.1:44181/user/rpc/taskmanager_0 (akka.tcp:// before 1.18) */
  path?: string;
  slotsNumber?: number;
  freeSlots?: number;
}

export interface LostTaskManager {
  id: string;
  address: string;
  slots: number;
  freeSlots: number;
}

/** host:port of a TaskManager's RPC endpoint, from its actor path; null when the path has none. */
export function rpcAddress(path: string | undefined): { host: string; port: number } | null {
  const match = /@(\[[^\]]+\]|[^:/]+):(\d+)\//.exec(path ?? '');
  if (!match) return null;
  return { host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) };
}

/** Resolves true when a TCP connection to host:port is refused (nothing listens there). */
export function connectionRefused(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (refused: boolean) => {
      socket.destroy();
      resolve(refused);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

/** The listed TaskManagers whose process is gone. */
export async function lostTaskManagers(listed: ListedTaskManager[], timeoutMs: number): Promise<LostTaskManager[]> {
  const checks = await Promise.all(
    listed.map(async (tm) => {
      const address = rpcAddress(tm.path);
      if (!address || !(await connectionRefused(address.host, address.port, timeoutMs))) return null;
      return { id: tm.id, address: `${address.host}:${address.port}`, slots: tm.slotsNumber ?? 0, freeSlots: tm.freeSlots ?? 0 };
    }),
  );
  return checks.filter((tm): tm is LostTaskManager => tm !== null);
}
