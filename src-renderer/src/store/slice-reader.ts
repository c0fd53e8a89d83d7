/**
 * The details of a long list's rows (a topic's counts and sizes, a group's lag), read a slice at a time: the rows
 * on screen first, then the rest, each slice merged as it lands, so a page shows its rows at once and never waits
 * for every row's details. One reading at a time; calling the returned function again (the rows on screen
 * changed, or the list did) lets the running reading pick the new rows on screen next.
 *
 * `next(shown)` names the next slice (none: nothing left to read); `readSlice` reads and merges it and answers
 * false to stop (it failed, and says so in its store).
 */
export function sliceReader(next: (shown: readonly string[]) => string[], readSlice: (keys: string[]) => Promise<boolean>): (shown: readonly string[]) => void {
  let onScreen: readonly string[] = [];
  let reading = false;
  const readAll = async () => {
    for (;;) {
      const keys = next(onScreen);
      if (keys.length === 0 || !(await readSlice(keys))) return;
    }
  };
  return (shown) => {
    onScreen = shown;
    if (reading) return;
    reading = true;
    void readAll().finally(() => (reading = false));
  };
}
