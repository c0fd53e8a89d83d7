import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/**
 * Every reassignment in flight with its bytes to go: each `reassignments:changed` (every 2 s while one StreamDesk started
 * runs) brings the new state; a poll every 10 s sees those others started.
 */
export const reassignmentsStore = createStore({
  load: (bridge) => bridge.call('reassignments:progress', {}),
  updates: { 'reassignments:changed': (progress) => progress },
  pollMs: 10_000,
});

export const reassignmentCalls = {
  reassign: (args: CallArgs<'reassignments:reassign'>) => bridge.call('reassignments:reassign', args),
  cancel: (args: CallArgs<'reassignments:cancel'>) => bridge.call('reassignments:cancel', args),
  electLeaders: (args: CallArgs<'reassignments:electLeaders'>) => bridge.call('reassignments:electLeaders', args),
};
