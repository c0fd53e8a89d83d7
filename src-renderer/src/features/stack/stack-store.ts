import type { CallArgs } from '@shared/contract';
import type { StackProgress, StackStatus } from '@shared/stack';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

export interface StackView {
  status: StackStatus | null;
  /** The latest progress of each service during the current start or stop. */
  progress: Record<string, StackProgress>;
  operation: 'idle' | 'starting' | 'stopping';
  startedAt: number | null;
  /** The `ownEnded` count when the status in it was asked for. */
  askedAt: number;
}

const IDLE: StackView = { status: null, progress: {}, operation: 'idle', startedAt: null, askedAt: 0 };

/** This window's own start or stop is running; otherwise the operation is whatever the back end reports. */
let own = false;
/** How many of this window's starts and stops have ended: a status asked for before the last one ended is older than its answer. */
let ownEnded = 0;

/**
 * The local stack: its status (read every 5 s while the Stack page is shown; App only follows it
 * for the status bar), each service's progress during a start or stop, and what is running.
 */
export const stackStore = createStore({
  load: (bridge) => {
    const askedAt = ownEnded;
    return bridge.call('stack:status', {}).then((status): StackView => ({ ...IDLE, status, operation: status.busy, askedAt }));
  },
  // a poll asked for during this window's start or stop must not undo what its end said; a start
  // begun elsewhere (another window, a page reloaded meanwhile) ends here too when the back end is idle again
  merge: (loaded, current) => {
    if (!current) return loaded;
    if (loaded.askedAt < ownEnded) return current;
    return { ...current, status: loaded.status, operation: own ? current.operation : loaded.operation, askedAt: loaded.askedAt };
  },
  updates: { 'stack:progressed': (progress, current) => ({ ...(current ?? IDLE), progress: { ...current?.progress, [progress.service]: progress } }) },
  pollMs: 5000,
  followsCluster: false,
});

const patch = (change: Partial<StackView>) => stackStore.set(undefined, { ...(stackStore.get().data ?? IDLE), ...change });

/** Runs this window's start or stop; on failure reads the status again and throws for the caller's action. */
async function run(operation: 'starting' | 'stopping', call: () => Promise<StackStatus>): Promise<void> {
  own = true;
  patch({ operation, progress: {}, startedAt: Date.now() });
  try {
    patch({ status: await call() });
  } catch (error) {
    await stackStore.refresh();
    throw error;
  } finally {
    own = false;
    ownEnded += 1;
    patch({ operation: 'idle', askedAt: ownEnded });
  }
}

/** The Stack page's changes; each reads the status again after (up and down answer with it). */
export const stackCalls = {
  /** What `args` leaves out (mode, brokers, security) stays as the stack has it. */
  up: (args: CallArgs<'stack:up'> = {}) => run('starting', () => bridge.call('stack:up', args)),
  down: () => run('stopping', () => bridge.call('stack:down', {})),
  setBackend: (backend: CallArgs<'stack:setBackend'>['backend']) => bridge.call('stack:setBackend', { backend }).then(() => stackStore.refresh()),
  restartService: (service: string) => bridge.call('stack:restartService', { service }).then(() => stackStore.refresh()),
  /** A Connect plugin fetched into the worker's plugin.path; the worker's restart shows as its row's progress. */
  addConnectPlugin: (plugin: CallArgs<'stack:addConnectPlugin'>['plugin']) => run('starting', () => bridge.call('stack:addConnectPlugin', { plugin })),
  reset: (confirmation: string) => bridge.call('stack:reset', { confirmation }).then(() => stackStore.refresh()),
};

/** A service's log tail, read again every two seconds while shown (it follows the file). */
export const stackLogStore = createStore({
  load: (bridge, { service }: { service: string }) => bridge.call('stack:logs', { service, lines: 400 }),
  pollMs: 2000,
  debounceMs: 0,
  // a log shown again starts from its file, not from lines kept since it was last open
  drop: true,
  followsCluster: false,
});
