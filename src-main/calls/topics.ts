import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Topics: list, describe, create, configure, grow, purge, delete. */
export function topicsCalls(services: Services): AreaCalls<'topics'> {
  return {
    'topics:list': ({ includeInternal, configs, offsets, names }) =>
      services.topics.list(includeInternal, { configs: configs ?? true, offsets: offsets ?? true }, names),
    'topics:describe': ({ name }) => services.topics.describe(name),
    'topics:create': (args) => services.topics.create(args),
    'topics:alterConfigs': (args) => services.topics.alterConfigs(args),
    'topics:addPartitions': ({ name, totalPartitions }) => services.topics.addPartitions(name, totalPartitions),
    'topics:delete': async ({ name }) => {
      await services.topics.delete(name);
      return { deleted: name };
    },
    'topics:purge': (args) => services.topics.purge(args),
  };
}
