// Kafka Connect through the data layer: the clusters and connectors (polled, and read again when a
// connector changes), a cluster's plugins, one connector's detail and offsets, and the operations.
import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';
import type { ConnectorAt } from './connect-route';

/** Clusters, their workers and every connector, FAILED ones first (the back end orders them). */
export const overviewStore = createStore({ load: (bridge) => bridge.call('connect:overview', {}), pollMs: 3000, events: ['connect:changed'] });

/** Installed plugins: they change only when a worker restarts with a new plugin.path. */
export const pluginsStore = createStore({ load: (bridge, { cluster }: { cluster: string }) => bridge.call('connect:plugins', { cluster }), pollMs: 60_000 });

export const connectorStore = createStore({
  load: (bridge, ref: ConnectorAt) => bridge.call('connect:connector', ref),
  pollMs: 3000,
  events: ['connect:changed'],
});

export const offsetsStore = createStore({
  load: (bridge, ref: ConnectorAt) => bridge.call('connect:offsets', ref),
  pollMs: 5000,
  events: ['connect:changed'],
});

export const connectCalls = {
  validate: (args: CallArgs<'connect:validate'>) => bridge.call('connect:validate', args),
  create: (args: CallArgs<'connect:create'>) => bridge.call('connect:create', args),
  update: (args: CallArgs<'connect:update'>) => bridge.call('connect:update', args),
  pause: (ref: ConnectorAt) => bridge.call('connect:pause', ref),
  resume: (ref: ConnectorAt) => bridge.call('connect:resume', ref),
  stop: (ref: ConnectorAt) => bridge.call('connect:stop', ref),
  restart: (args: CallArgs<'connect:restart'>) => bridge.call('connect:restart', args),
  delete: (args: CallArgs<'connect:delete'>) => bridge.call('connect:delete', args),
  changeOffsets: (args: CallArgs<'connect:changeOffsets'>) => bridge.call('connect:changeOffsets', args),
};
