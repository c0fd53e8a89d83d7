import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** The cluster's health, as last checked or checked now. */
export function healthCalls(services: Services): AreaCalls<'health'> {
  return {
    'health:get': () => services.health.current(),
    'health:refresh': () => services.health.check(),
  };
}
