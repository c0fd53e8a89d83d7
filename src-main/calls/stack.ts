import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** The local stack; a start, stop or restart is followed by a health check. */
export function stackCalls(services: Services): AreaCalls<'stack'> {
  return {
    'stack:status': () => services.stack.status(),
    'stack:up': async (args) => {
      const status = await services.stack.up(args);
      void services.health.check();
      return status;
    },
    'stack:down': async () => {
      const status = await services.stack.down();
      void services.health.check();
      return status;
    },
    'stack:setBackend': ({ backend }) => services.stack.setBackend(backend),
    'stack:restartService': async ({ service }) => {
      const status = await services.stack.restartService(service);
      void services.health.check();
      return status;
    },
    'stack:logs': ({ service, lines }) => Promise.resolve(services.stack.logs(service, lines)),
    'stack:reset': () => services.stack.reset(),
    'stack:addConnectPlugin': async ({ plugin }) => {
      const status = await services.stack.addConnectPlugin(plugin);
      void services.health.check();
      return status;
    },
  };
}
