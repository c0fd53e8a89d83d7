import type { AclFilter } from '@shared/acls';
import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** The bindings a filter matches (the page's filters, or `match` for one topic's or group's panel); read again every 15 s. */
export const aclsStore = createStore({ load: (bridge, filter: AclFilter) => bridge.call('acls:list', filter), pollMs: 15_000 });

export const aclCalls = {
  create: (args: CallArgs<'acls:create'>) => bridge.call('acls:create', args),
  delete: (args: CallArgs<'acls:delete'>) => bridge.call('acls:delete', args),
  check: (args: CallArgs<'acls:check'>) => bridge.call('acls:check', args),
};
