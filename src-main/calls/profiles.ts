import { StreamdeskError } from '@shared/errors';
import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Connection profiles (off when the back end was given an explicit connection). */
export function profilesCalls(services: Services): AreaCalls<'profiles'> {
  const profiles = () => {
    if (!services.profiles) throw new StreamdeskError('unavailable', 'Profiles are off: this back end was started with an explicit connection (--kafka …)');
    return services.profiles;
  };
  return {
    'profiles:list': () => Promise.resolve(profiles().list()),
    'profiles:save': ({ profile }) => Promise.resolve(profiles().save(profile)),
    'profiles:delete': ({ id }) => Promise.resolve(profiles().delete(id)),
    'profiles:activate': ({ id }) => {
      profiles().activate(id);
      return Promise.resolve(profiles().list());
    },
    'profiles:test': (args) => profiles().testConnection(args),
  };
}
