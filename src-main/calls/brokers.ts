import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Brokers: the list with log dirs, a broker's configs and their changes, the metadata quorum. */
export function brokersCalls(services: Services): AreaCalls<'brokers'> {
  return {
    'brokers:list': () => services.brokers.list(),
    'brokers:configs': ({ brokerId }) => services.brokers.configs(brokerId),
    'brokers:alterConfigs': (args) => services.brokers.alterConfigs(args),
    'brokers:quorum': () => services.brokers.quorum(),
  };
}
