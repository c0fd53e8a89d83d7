// A real PostgreSQL server for a test (Debezium's source): initdb into a temp dir, `postgres` on a free port of 127.0.0.1
// with logical decoding on, a password user that logs in over TCP (scram-sha-256), SQL run with psql, and everything
// stopped and removed on stop() — or, by a watchdog, when the test process ends without it.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@main/services/stack/native';

export interface TestPostgres {
  host: string;
  port: number;
  /** A superuser with a password: what a Debezium connector's database.user/password name (it creates the publication and the slot). */
  user: string;
  password: string;
  database: string;
  dataDir: string;
  /** Runs SQL with psql (stops at the first error) and answers its unaligned, tuples-only output. */
  sql(statements: string): string;
  /** Stops the server (fast shutdown, then SIGKILL) and removes its files. Safe to call twice. */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
  psql: string;
}

const INSTALL_HINT = "install Debian's PostgreSQL server and client: apt-get install -y postgresql (or name a bin folder in STREAMDESK_PG_BIN)";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The server's bin folders: STREAMDESK_PG_BIN, the PATH (Debian puts no server on it, an image may), Debian's /usr/lib/postgresql/<major>/bin, newest first. */
function candidateDirs(): string[] {
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  return [process.env.STREAMDESK_PG_BIN ?? '', ...(process.env.PATH ?? '').split(delimiter), ...debian].filter(Boolean);
}

/** initdb and postgres from one folder (initdb's symlink resolved: it runs the postgres beside its real file); psql from there or the PATH. */
function findPostgres(): Binaries {
  const dirs = candidateDirs();
  const initdbDir = dirs.map((d) => join(d, 'initdb')).find(executable);
  if (!initdbDir) throw new Error(`PostgreSQL: no initdb on the PATH nor under /usr/lib/postgresql/*/bin; ${INSTALL_HINT}`);
  const bin = dirname(realpathSync(initdbDir));
  const postgres = join(bin, 'postgres');
  if (!executable(postgres)) throw new Error(`PostgreSQL: ${bin} has initdb but no postgres; ${INSTALL_HINT}`);
  const psql = [bin, ...dirs].map((d) => join(d, 'psql')).find(executable);
  if (!psql) throw new Error(`PostgreSQL: no psql (the tests' independent client); ${INSTALL_HINT}`);
  return { initdb: join(bin, 'initdb'), postgres, psql };
}

/**
 * The server refuses to run as root: as root, it runs as the `postgres` user Debian's package creates (else `nobody`),
 * through spawn's uid/gid, which needs no runuser/su/sudo.
 */
function serverIdentity(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('PostgreSQL refuses to run as root and this machine has neither a postgres nor a nobody user to run it as');
}

/**
 * Vitest may end a test process without its 'exit' event (a killed fork, a timeout): a detached shell outlives it and,
 * once that process is gone, shuts the server down at once (SIGQUIT) and removes its files. After a normal stop() the
 * server is gone first and the shell just ends.
 */
function watchdog(server: ChildProcess, root: string): void {
  const script = [
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done',
    'if ! kill -0 "$1" 2>/dev/null; then kill -QUIT "$2" 2>/dev/null; sleep 3; rm -rf "$3"; fi',
  ].join('\n');
  spawn('sh', ['-c', script, 'streamdesk-pg-watchdog', String(process.pid), String(server.pid), root], { detached: true, stdio: 'ignore' }).unref();
}

function initCluster(bins: Binaries, root: string, user: string, password: string, identity: { uid: number; gid: number } | null): string {
  const data = join(root, 'data');
  const pwfile = join(root, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (identity) {
    chownSync(root, identity.uid, identity.gid);
    chownSync(pwfile, identity.uid, identity.gid);
  }
  // trust for nothing: TCP only (no socket), and every TCP login needs the password (scram-sha-256)
  const args = [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${pwfile}`,
    '--auth-host=scram-sha-256',
    '--auth-local=scram-sha-256',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ];
  const r = spawnSync(bins.initdb, args, { cwd: root, encoding: 'utf8', timeout: 120_000, ...(identity ?? {}) });
  if (r.status !== 0) throw new Error(`initdb failed (status ${r.status}): ${r.stderr || r.stdout}`);
  rmSync(pwfile, { force: true });
  return data;
}

function launch(bins: Binaries, data: string, port: number, identity: { uid: number; gid: number } | null): ChildProcess {
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: '',
    // what Debezium's pgoutput plugin needs: logical decoding, a walsender and a slot per connector
    wal_level: 'logical',
    max_wal_senders: '4',
    max_replication_slots: '4',
    // a throwaway server: nothing to make durable, and little memory on a shared machine
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    shared_buffers: '32MB',
    max_connections: '30',
  };
  const args = ['-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  return spawn(bins.postgres, args, { cwd: dirname(data), stdio: ['ignore', 'pipe', 'pipe'], ...(identity ?? {}) });
}

async function waitReady(pg: TestPostgres, server: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`postgres exited (${server.exitCode ?? server.signalCode}):\n${log()}`);
    try {
      if (pg.sql('SELECT 1').trim() === '1') return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`postgres did not answer within ${timeoutMs} ms: ${(e as Error).message}\n${log()}`);
    }
    await sleep(200);
  }
}

function stopper(server: ChildProcess, root: string): () => Promise<void> {
  let stopped = false;
  watchdog(server, root);
  return async () => {
    if (stopped) return;
    stopped = true;
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT'); // fast shutdown: active sessions (Debezium's walsender) are ended
      if ((await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)])) === false) {
        server.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
}

/** Starts a PostgreSQL server for a test; throws, naming what to install, when no server is found. */
export async function startPostgres(): Promise<TestPostgres> {
  const bins = findPostgres();
  const identity = serverIdentity();
  const host = '127.0.0.1';
  const user = 'streamdesk';
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  const root = mkdtempSync(join(tmpdir(), 'streamdesk-pg-'));
  let server: ChildProcess | null = null;
  try {
    const data = initCluster(bins, root, user, password, identity);
    const port = await freePort(host);
    server = launch(bins, data, port, identity);
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000)));
    server.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000)));
    const stop = stopper(server, root);
    const pg: TestPostgres = {
      host,
      port,
      user,
      password,
      database: 'postgres',
      dataDir: data,
      sql: (statements) =>
        execFileSync(
          bins.psql,
          ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', String(port), '-U', user, '-d', 'postgres', '-c', statements],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
            timeout: 30_000,
          },
        ),
      stop,
    };
    await waitReady(pg, server, () => output).catch(async (e: unknown) => {
      await stop();
      throw e;
    });
    return pg;
  } catch (e) {
    if (!server) rmSync(root, { recursive: true, force: true });
    throw e;
  }
}
