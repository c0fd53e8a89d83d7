// The renderer's one way to change back-end state: `act` runs a call, tracks it as busy, reports
// how it went to one place (the outcomes store, read by each page's notice) and refreshes the
// stores it names. Forms use useContractForm instead, which puts argument errors by their fields.
import { useEffect } from 'react';
import { create } from 'zustand';

export interface Outcome {
  kind: 'running' | 'ok' | 'error';
  text: string;
}

interface Outcomes {
  /** The latest outcome per scope (a page or a panel), null once cleared. */
  byScope: Record<string, Outcome | null>;
  /** Scopes with an action running, with its label. */
  busy: Record<string, string | null>;
}

export const useOutcomes = create<Outcomes>(() => ({ byScope: {}, busy: {} }));

interface Refreshable {
  refresh(): Promise<void>;
}

export interface ActOptions<R> {
  /** With a label the outcome says it ("Savepoint…", "Savepoint: done", "Savepoint: <error>"); without, only an error is shown, as is. */
  label?: string;
  /** What `busy` holds while it runs, to tell which of a panel's buttons is working (default: the label, or 'busy'). */
  busyLabel?: string;
  /** Stores read again after success. */
  refresh?: readonly Refreshable[];
  /** What success says (default: "<label>: done", and the path an answer names). */
  done?(result: R): Outcome | null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Bumped when the last component of a scope unmounts: an action begun before does not report into the scope's next visit. */
const scopeGenerations = new Map<string, number>();
/** How many mounted components use each scope (a page and its panels may share one). */
const scopeUsers = new Map<string, number>();

/** Runs `run` for `scope`; resolves to its result, or undefined when it failed (the outcome says why). */
export async function act<R>(scope: string, run: () => Promise<R>, options: ActOptions<R> = {}): Promise<R | undefined> {
  const { label } = options;
  const generation = scopeGenerations.get(scope) ?? 0;
  const report = (outcome: Outcome | null) => {
    if ((scopeGenerations.get(scope) ?? 0) !== generation) return;
    useOutcomes.setState((state) => ({ byScope: { ...state.byScope, [scope]: outcome } }));
  };
  const busy = (value: string | null) => useOutcomes.setState((state) => ({ busy: { ...state.busy, [scope]: value } }));
  report(label ? { kind: 'running', text: `${label}…` } : null);
  busy(options.busyLabel ?? label ?? 'busy');
  try {
    const result = await run();
    if (options.done) report(options.done(result));
    else if (label) {
      const path = (result as { path?: unknown } | null)?.path;
      report({ kind: 'ok', text: `${label}: done${typeof path === 'string' ? ` — ${path}` : ''}` });
    }
    await Promise.all((options.refresh ?? []).map((store) => store.refresh()));
    return result;
  } catch (error) {
    report({ kind: 'error', text: label ? `${label}: ${message(error)}` : message(error) });
    return undefined;
  } finally {
    busy(null);
  }
}

/** A page's or panel's actions: `run` is act for this scope; outcome and busy are its current ones (cleared when the scope's last component unmounts, as a page's own state was). */
export function useAction(scope: string) {
  useEffect(() => {
    scopeUsers.set(scope, (scopeUsers.get(scope) ?? 0) + 1);
    return () => {
      const left = (scopeUsers.get(scope) ?? 1) - 1;
      scopeUsers.set(scope, left);
      if (left > 0) return;
      scopeGenerations.set(scope, (scopeGenerations.get(scope) ?? 0) + 1);
      useOutcomes.setState((state) => ({ byScope: { ...state.byScope, [scope]: null } }));
    };
  }, [scope]);
  const outcome = useOutcomes((state) => state.byScope[scope] ?? null);
  const busy = useOutcomes((state) => state.busy[scope] ?? null);
  return {
    outcome,
    busy,
    run: <R>(run: () => Promise<R>, options?: ActOptions<R>) => act(scope, run, options),
    report: (next: Outcome | null) => useOutcomes.setState((state) => ({ byScope: { ...state.byScope, [scope]: next } })),
  };
}
