import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** ACLs: bindings listed, created, deleted with a preview, and the checker. */
export function aclsCalls(services: Services): AreaCalls<'acls'> {
  return {
    'acls:list': (filter) => services.acls.list(filter),
    'acls:create': (binding) => services.acls.create(binding),
    'acls:delete': (args) => services.acls.delete(args),
    'acls:check': (question) => services.acls.check(question),
  };
}
