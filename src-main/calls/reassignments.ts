import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Partition reassignment and preferred leader election. */
export function reassignmentsCalls(services: Services): AreaCalls<'reassignments'> {
  return {
    'reassignments:reassign': (args) => services.reassignments.reassign(args),
    'reassignments:progress': () => services.reassignments.progress(),
    'reassignments:cancel': (args) => services.reassignments.cancel(args),
    'reassignments:electLeaders': (args) => services.reassignments.electLeaders(args),
  };
}
