import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Consumer groups and their lag. */
export function consumersCalls(services: Services): AreaCalls<'consumers'> {
  return {
    'consumers:list': () => services.consumers.list(),
    'consumers:listGroups': () => services.consumers.listGroups(),
    'consumers:summaries': ({ groupIds }) => services.consumers.summaries(groupIds),
    'consumers:detail': ({ groupId }) => services.consumers.detail(groupId),
    'consumers:resetOffsets': (args) => services.consumers.resetOffsets(args),
    'consumers:delete': async (args) => {
      await services.consumers.delete(args);
      return { groupId: args.groupId };
    },
    'consumers:lagHistory': ({ groupId, time_range }) => Promise.resolve(services.metrics.groupLag(groupId, time_range)),
  };
}
