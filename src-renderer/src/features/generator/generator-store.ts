import { create } from 'zustand';
import type { GeneratorStartArgs, GeneratorStatus } from '../../../../src-shared/generator';
import { bridge } from '../../bridge';

/** Every generator the back end runs, by id, kept current by `generator:progressed`. */
export const useGenerators = create<{ byId: Record<string, GeneratorStatus> }>(() => ({ byId: {} }));

export function followGenerators(): () => void {
  const load = () =>
    bridge.call('generator:list', {}).then(
      (list) => useGenerators.setState({ byId: Object.fromEntries(list.map((status) => [status.id, status])) }),
      () => {},
    );
  void load();
  const off = bridge.on('generator:progressed', (status) => useGenerators.setState((state) => ({ byId: { ...state.byId, [status.id]: status } })));
  const offLink = bridge.onConnectionChange((linked) => linked && void load());
  return () => {
    off();
    offLink();
  };
}

/** Starts a generator; its status goes into the store at once (progress events follow). */
export async function startGenerator(args: GeneratorStartArgs): Promise<GeneratorStatus> {
  const status = await bridge.call('generator:start', args);
  useGenerators.setState((state) => ({ byId: { ...state.byId, [status.id]: status } }));
  return status;
}

export const stopGenerator = (id: string) => bridge.call('generator:stop', { id });
