import { create } from 'zustand';
import type { GeneratorStatus } from '../../../../src-shared/generator';
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
