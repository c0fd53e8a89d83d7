import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** What the app is and which cluster it talks to. */
export function appCalls(services: Services): AreaCalls<'app'> {
  return {
    'app:info': () => Promise.resolve({ name: 'StreamDesk', version: services.version, connection: services.connection() }),
  };
}
