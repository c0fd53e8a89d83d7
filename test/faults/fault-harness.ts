// The app under fault: the same back end `streamdesk serve` and the desktop app build
// (createBackend), called through the same dispatch the hosts use, watched through its events.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from '@shared/connection';
import type { CallName } from '@shared/contract';
import type { Envelope } from '@shared/errors';
import type { HealthSnapshot } from '@shared/health';
import type { SearchProgress } from '@shared/messages';
import { createBackend, type Backend } from '@main/backend';
import { dispatch } from '@main/core/dispatch';
import { kafkaClient } from '@main/clients/kafka/kafka-target';
import { NATIVE_DIR } from '../stack';
import { HEALTH_INTERVAL_MS } from './timing';

const execFileP = promisify(execFile);

export type Tile = keyof HealthSnapshot['services'];

export interface AppUnderFault {
  backend: Backend;
  /** One contract call as a host makes it: validated arguments in, an envelope out. */
  call<T = unknown>(name: CallName, args?: unknown): Promise<Envelope<T>>;
  /** Every `health:changed` event, with when it was emitted. */
  health: Array<{ at: number; snapshot: HealthSnapshot }>;
  /** Every search progress event, by search id. */
  searches: Map<string, SearchProgress[]>;
  /** Errors that escaped to the process (a crash in a real host). */
  escaped: string[];
  close(): Promise<void>;
}

export interface AppOptions {
  /** The native stack's data dir and ports: the back end adopts it as its local stack. */
  dataDir: string;
  ports: { kafka: number; zookeeper: number; flinkRest: number; sqlGateway: number };
  /** An explicit connection (e.g. the three brokers of a cluster) instead of the local stack's. */
  connection?: Connection;
}

export function startApp(options: AppOptions): AppUnderFault {
  const configDir = mkdtempSync(join(tmpdir(), 'streamdesk-faults-app-'));
  const backend = createBackend({
    version: 'faults',
    ...(options.connection ? { connection: options.connection } : {}),
    dataDir: options.dataDir,
    libDir: join(NATIVE_DIR, 'lib'),
    confDir: join(NATIVE_DIR, 'conf'),
    kraft: false,
    stackPorts: options.ports,
    healthIntervalMs: HEALTH_INTERVAL_MS,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const app: AppUnderFault = {
    backend,
    call: (name, args) => dispatch(backend.api, name, args ?? {}) as never,
    health: [],
    searches: new Map(),
    escaped: [],
    close: async () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
      await backend.dispose();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
  const onRejection = (reason: unknown) => app.escaped.push(`unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`);
  const onException = (error: Error) => app.escaped.push(`uncaught exception: ${error.stack ?? error.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  backend.bus.onAny((event, payload) => {
    if (event === 'health:changed') app.health.push({ at: Date.now(), snapshot: payload as HealthSnapshot });
    if (event === 'messages:searchProgressed') {
      const progress = payload as SearchProgress;
      app.searches.set(progress.searchId, [...(app.searches.get(progress.searchId) ?? []), progress]);
    }
  });
  backend.start();
  return app;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The latest snapshot the UI has been told about. */
export function latestHealth(app: AppUnderFault): HealthSnapshot | null {
  return app.health.at(-1)?.snapshot ?? null;
}

/**
 * The first announced snapshot at or after `since` that satisfies `predicate` (or the current
 * one, if it already does and nothing changed since), waiting up to `timeoutMs`; null if none.
 */
export async function healthEvent(
  app: AppUnderFault,
  since: number,
  predicate: (s: HealthSnapshot) => boolean,
  timeoutMs: number,
): Promise<{ at: number; snapshot: HealthSnapshot } | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = app.health;
    const lastBefore = [...events].reverse().find((e) => e.at < since);
    const after = events.filter((e) => e.at >= since);
    if (after.length === 0 && lastBefore && predicate(lastBefore.snapshot)) return { at: since, snapshot: lastBefore.snapshot };
    const hit = after.find((e) => predicate(e.snapshot));
    if (hit) return hit;
    if (Date.now() > deadline) return null;
    await sleep(100);
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await sleep(250);
  }
}

/** A promise's outcome, or 'hung' after `ms`. */
export async function settleWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ settled: true; ok: true; value: T; ms: number } | { settled: true; ok: false; error: unknown; ms: number } | { settled: false; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  try {
    const outcome = await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      timeout,
    ]);
    if (outcome === 'hung') return { settled: false, ms: Date.now() - started };
    if ('error' in outcome) return { settled: true, ok: false, error: outcome.error, ms: Date.now() - started };
    return { settled: true, ok: true, value: outcome.value, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A message a person can act on: says what failed and why, in words (no "undefined", no
 * "[object Object]", no bare stack trace), and names the part that is missing.
 */
export function isClearMessage(message: string, names: RegExp): boolean {
  if (message.length < 15 || message.length > 2000) return false;
  if (/undefined|\[object |^\s*at |\n\s+at /.test(message)) return false;
  // a JavaScript error from inside a client library is not an explanation
  if (/^(TypeError|ReferenceError)|Cannot (destructure|read|set) propert|is not a function|is not iterable/.test(message)) return false;
  return names.test(message);
}

/** Records in a topic: end − start offsets over its partitions, read with kafkajs' admin. */
export async function recordsInTopic(bootstrap: string[], topic: string): Promise<number> {
  const admin = kafkaClient({ brokers: bootstrap }, { clientId: 'faults-offsets', retries: 5 }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + (Number(p.high) - Number(p.low)), 0);
  } finally {
    await admin.disconnect();
  }
}

/** trade_id of every record of a market-ticks topic, read with kcat (an independent client). */
export async function tradeIds(bootstrap: string[], topic: string): Promise<number[]> {
  const { stdout } = await execFileP('kcat', ['-b', bootstrap.join(','), '-C', '-t', topic, '-e', '-q', '-f', '%s\n'], {
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { trade_id: number }).trade_id);
}
