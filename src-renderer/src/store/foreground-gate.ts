/**
 * Reads a user waits for (a clicked row's detail) ahead of background ones (a long list's details a slice at a time):
 * `during` wraps the foreground read, and a background reading awaits `idle()` before each slice, so its next request
 * is not sent while the user waits (a slice already sent still runs).
 */
export interface ForegroundGate {
  during<T>(read: () => Promise<T>): Promise<T>;
  /** Resolves at once when nothing is read in the foreground, else when the last foreground read lands. */
  idle(): Promise<void>;
}

export function foregroundGate(): ForegroundGate {
  let reading = 0;
  const waiting: (() => void)[] = [];
  return {
    async during(read) {
      reading++;
      try {
        return await read();
      } finally {
        if (--reading === 0) for (const resume of waiting.splice(0)) resume();
      }
    },
    idle: () => (reading === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
  };
}
