// The heap of a page's dedicated workers (the plot worker keeps and thins every chart's series),
// read through the page's CDP session: Playwright opens no CDP session on a worker, so this one
// attaches to the page's worker targets itself and speaks to them through Target messages.

/** Opens the workers of the page behind `cdp`; `heapUsed()` is their heap used after a full GC, summed. */
export async function workerHeaps(cdp) {
  const sessions = new Set();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') sessions.add(sessionId);
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => sessions.delete(sessionId));
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const { id, result, error } = JSON.parse(message);
    pending.get(id)?.(error ? Promise.reject(new Error(error.message)) : result);
    pending.delete(id);
  });
  const send = (sessionId, method, params = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return {
    async heapUsed() {
      let used = 0;
      for (const sessionId of sessions) {
        await send(sessionId, 'HeapProfiler.collectGarbage');
        used += (await send(sessionId, 'Runtime.getHeapUsage')).usedSize;
      }
      return { used, workers: sessions.size };
    },
  };
}
