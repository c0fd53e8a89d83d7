// Consumer groups through the data layer: the list, one group's detail, its lag history, and the group operations.
import type { CallArgs } from '@shared/contract';
import type { TimeRange } from '@shared/metrics';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

export const groupsStore = createStore({ load: () => bridge.call('consumers:list', {}), pollMs: 5000 });

export const groupStore = createStore({ load: (_bridge, { groupId }: { groupId: string }) => bridge.call('consumers:detail', { groupId }), pollMs: 5000 });

export const lagHistoryStore = createStore({
  load: (_bridge, { groupId, range }: { groupId: string; range: TimeRange }) => bridge.call('consumers:lagHistory', { groupId, time_range: range }),
  pollMs: 5000,
});

export const consumerCalls = {
  resetOffsets: (args: CallArgs<'consumers:resetOffsets'>) => bridge.call('consumers:resetOffsets', args),
  delete: (groupId: string, confirm: string) => bridge.call('consumers:delete', { groupId, confirm }),
};
