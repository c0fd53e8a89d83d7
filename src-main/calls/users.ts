import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** SCRAM users and client quotas. */
export function usersCalls(services: Services): AreaCalls<'users'> {
  return {
    'users:list': () => services.users.list(),
    'users:create': (args) => services.users.create(args),
    'users:setPassword': (args) => services.users.setPassword(args),
    'users:delete': ({ name }) => services.users.delete(name),
    'users:quotas': (entity) => services.users.quotas(entity),
    'users:setQuota': (args) => services.users.setQuota(args),
    'users:removeQuota': (args) => services.users.removeQuota(args),
  };
}
