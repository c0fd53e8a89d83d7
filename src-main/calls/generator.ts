import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Test data generators. */
export function generatorCalls(services: Services): AreaCalls<'generator'> {
  return {
    'generator:start': (args) => services.generators.start(args),
    'generator:stop': ({ id }) => services.generators.stop(id),
    'generator:list': () => Promise.resolve(services.generators.list()),
  };
}
