/** Resolves once everything written to `stream` so far has been handed to the OS (or the stream failed). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  // A write's callback runs after the writes queued before it; an empty one adds nothing.
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * Ends the process with `code` once stdout and stderr are written out. A pipe to a slow reader
 * (`streamdesk search … | wc -l`) takes writes asynchronously, and process.exit() drops whatever it
 * has not taken yet: a search once printed 27,638 of its 50,000 matches that way.
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
