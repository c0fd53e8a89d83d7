import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** The active connection's Kafka Connect clusters: connectors, their configs, operations and offsets. */
export function connectCalls(services: Services): AreaCalls<'connect'> {
  const { connect } = services;
  return {
    'connect:overview': () => connect.overview(),
    'connect:plugins': ({ cluster }) => connect.plugins(cluster),
    'connect:connector': (ref) => connect.connector(ref),
    'connect:validate': (args) => connect.validate(args),
    'connect:create': (args) => connect.create(args),
    'connect:update': (args) => connect.update(args),
    'connect:pause': (ref) => connect.pause(ref),
    'connect:resume': (ref) => connect.resume(ref),
    'connect:stop': (ref) => connect.stop(ref),
    'connect:restart': (args) => connect.restart(args),
    'connect:delete': async ({ cluster, name }) => {
      await connect.delete({ cluster, name });
      return { name };
    },
    'connect:offsets': (ref) => connect.offsets(ref),
    'connect:changeOffsets': (args) => connect.changeOffsets(args),
  };
}
