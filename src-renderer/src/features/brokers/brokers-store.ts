import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** The brokers with their log dirs, read every 10 s while the Brokers page is shown. */
export const brokersStore = createStore({ load: (bridge) => bridge.call('brokers:list', {}), pollMs: 10_000 });

/** The metadata quorum: offsets and fetch times move twice a second, so every 3 s while shown. */
export const quorumStore = createStore({ load: (bridge) => bridge.call('brokers:quorum', {}), pollMs: 3000 });

/** One broker's configs (read again after a change). */
export const brokerConfigsStore = createStore({ load: (bridge, { brokerId }: { brokerId: number }) => bridge.call('brokers:configs', { brokerId }) });

export const brokerCalls = {
  alterConfigs: (args: CallArgs<'brokers:alterConfigs'>) => bridge.call('brokers:alterConfigs', args),
};
