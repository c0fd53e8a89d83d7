import type { GeneratorStartArgs, GeneratorStatus } from '@shared/generator';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** Every generator the back end runs, by id, kept current by `generator:progressed` (App follows it). */
export const generatorsStore = createStore({
  load: (bridge) =>
    bridge.call('generator:list', {}).then((list) => Object.fromEntries(list.map((status) => [status.id, status])) as Record<string, GeneratorStatus>),
  updates: { 'generator:progressed': (status, current) => ({ ...current, [status.id]: status }) },
});

export const generatorCalls = {
  /** Starts a generator; its status goes into the store at once (progress events follow). */
  start: async (args: GeneratorStartArgs): Promise<GeneratorStatus> => {
    const status = await bridge.call('generator:start', args);
    generatorsStore.set(undefined, { ...generatorsStore.get().data, [status.id]: status });
    return status;
  },
  stop: (id: string) => bridge.call('generator:stop', { id }),
};
