import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** The SCRAM users and their mechanisms (never a password: the broker keeps only salted keys). */
export const usersStore = createStore({ load: (bridge) => bridge.call('users:list', {}), pollMs: 15_000 });

/** Every client quota (per user, client id, or both). */
export const quotasStore = createStore({ load: (bridge) => bridge.call('users:quotas', {}), pollMs: 15_000 });

export const userCalls = {
  create: (args: CallArgs<'users:create'>) => bridge.call('users:create', args),
  setPassword: (args: CallArgs<'users:setPassword'>) => bridge.call('users:setPassword', args),
  delete: (args: CallArgs<'users:delete'>) => bridge.call('users:delete', args),
  setQuota: (args: CallArgs<'users:setQuota'>) => bridge.call('users:setQuota', args),
  removeQuota: (args: CallArgs<'users:removeQuota'>) => bridge.call('users:removeQuota', args),
};
