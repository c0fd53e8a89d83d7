import { useEffect } from 'react';

/** Runs `load` now and every `intervalMs` while the component is mounted (and again when `load` changes). */
export function usePolling(load: () => unknown, intervalMs: number): void {
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), intervalMs);
    return () => clearInterval(timer);
  }, [load, intervalMs]);
}
