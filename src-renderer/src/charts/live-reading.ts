import { useLayoutEffect, useRef } from 'react';

/** What a live view reads: a zustand store (its hook has both methods), or nothing for views fed by props. */
export interface LiveSource<S> {
  getState: () => S;
  subscribe: (listener: (state: S) => void) => () => void;
}

/** For a live view fed by its owner's props: it reads again each time React renders it. */
export const PROPS_ONLY: LiveSource<null> = { getState: () => null, subscribe: () => () => undefined };

/**
 * Applies `read(state)` with `apply` after each render and on every change of `source`, outside
 * React: a live update redraws a chart's figures and canvas without rendering the page's components
 * again (React's renders were a quarter of a live update's main-thread time, bench/dashboard).
 * A reading `same` as the one last applied is left alone.
 */
export function useLiveReading<S, R>(
  source: LiveSource<S>,
  read: (state: S) => R,
  apply: (reading: R) => void,
  same: (a: R, b: R) => boolean = Object.is,
): void {
  const update = useRef<(state: S) => void>(() => undefined);
  // after every render: this render's read and apply, applied at once (a new range, a new format)
  useLayoutEffect(() => {
    let applied: { reading: R } | null = null;
    update.current = (state) => {
      const reading = read(state);
      if (applied && same(applied.reading, reading)) return;
      applied = { reading };
      apply(reading);
    };
    update.current(source.getState());
  });
  useLayoutEffect(() => source.subscribe((state) => update.current(state)), [source]);
}
