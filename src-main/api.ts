import type { Api } from '../src-shared/contract';
import type { Connection } from '../src-shared/connection';
import type { HealthMonitor } from './services/health/health-monitor';
import type { StackService } from './services/stack/stack-service';

export interface Services {
  version: string;
  connection: () => Connection;
  health: HealthMonitor;
  stack: StackService;
}

/** The whole back end behind the contract. Hosts call this and hold no logic of their own. */
export function createApi(services: Services): Api {
  return {
    'app:info': async () => ({ name: 'StreamDesk', version: services.version, connection: services.connection() }),
    'health:get': () => services.health.current(),
    'health:refresh': () => services.health.check(),
    'stack:status': () => services.stack.status(),
    'stack:up': async ({ kraft }) => {
      const status = await services.stack.up(kraft);
      void services.health.check();
      return status;
    },
    'stack:down': async () => {
      const status = await services.stack.down();
      void services.health.check();
      return status;
    },
  };
}
