// The data layer bound to this page's bridge: feature stores are made here, and their calls go through `calls`.
import { bridge } from '../bridge';
import { createStoreOn, type Store, type StoreSpec } from './store';

export { act, useAction, type Outcome } from './action';
export { forgetClusterData, type Store, type StoreState } from './store';
export { sliceReader } from './slice-reader';
export { foregroundGate } from './foreground-gate';

export function createStore<T, P = void>(spec: StoreSpec<T, P>): Store<T, P> {
  return createStoreOn(bridge, spec);
}
