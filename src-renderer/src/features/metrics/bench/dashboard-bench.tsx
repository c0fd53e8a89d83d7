// bench/dashboard's page (kept here so the renderer's tsconfig checks it; not part of the app bundle): the real Overview page and its real stores, fed synthetic series through a
// bench transport (window.streamdesk) instead of a back end. run.mjs drives and measures it.
import type { RawBridge } from '@shared/contract';
import type { HealthSnapshot } from '@shared/health';
import '@renderer/styles.css';
import { healthSnapshot } from './health-snapshot';
import { clusterMetrics, nextSamples, resourceMetrics } from './synthetic';

declare global {
  interface Window {
    benchReady?: boolean;
    /** Applies one live update (a Kafka sample and a resource round, as the app's event handlers do) and resolves with its main-thread cost in ms. */
    benchUpdate?: (i: number) => Promise<number>;
    /** Per update, in ms: [store update to the end of React's commit and effects, the frame that shows it]. */
    benchPhases?: [number, number][];
  }
}

const started = Date.now();
/** The app's event listeners (the stores' `updates`): benchUpdate delivers the samples to them as a back end's events would be. */
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
const bench: RawBridge = {
  async invoke(name: string, args: unknown) {
    const range = (args as { time_range?: string }).time_range ?? '15m';
    if (name === 'metrics:cluster') return { ok: true, result: clusterMetrics(range as never, started) };
    if (name === 'metrics:resources') return { ok: true, result: resourceMetrics(range as never, started) };
    return new Promise(() => undefined); // nothing else is needed by the Overview's charts
  },
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set.add(listener));
    return () => set.delete(listener);
  },
};
window.streamdesk = bench;

// Imported after the transport is in place: the bridge module reads window.streamdesk once.
const [{ createRoot }, { Overview }, { healthStore }, { followMetrics }, { paintChartsOnPage, lastPaintsSentAt }] = await Promise.all([
  import('react-dom/client'),
  import('@renderer/features/health/Overview'),
  import('@renderer/features/health/health-store'),
  import('../metrics-store'),
  import('@renderer/charts/plot-surface'),
]);
if (new URLSearchParams(location.search).has('paint-on-page')) paintChartsOnPage();

healthStore.set(undefined, healthSnapshot as unknown as HealthSnapshot);
followMetrics();
createRoot(document.getElementById('root')!).render(<Overview />);

/** Resolves in the task after the frame the page renders next, with the time its animation-frame callback ran. */
const afterFrame = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      // not the callback's argument: that is the frame's vsync time, which can be well before the page began it
      const frameStart = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(frameStart);
      channel.port2.postMessage(null);
    }),
  );

window.benchUpdate = async (i: number) => {
  const { cluster, resources: round } = nextSamples(started + (i + 1) * 1000, i);
  const t0 = performance.now();
  // the two events as the back end sends them, through the app's own listeners (the metrics stores' updates)
  emit('metrics:sampled', cluster);
  emit('metrics:resourcesSampled', round);
  // React renders and commits in a microtask (the stores notify synchronously); this one is
  // queued after React's, so it runs once React has committed and run the effects
  const committed = await new Promise<number>((resolve) => queueMicrotask(() => resolve(performance.now())));
  // then the frame that shows the update: its callbacks, style, layout, paint and commit to the
  // compositor, and the task after it that hands the charts' paints to the plot worker (the main
  // thread's last work for the update; once the worker paints, this task would be slowed by it
  // sharing the two cores, which is none of the page's work). The wait for the frame is not counted.
  const frameStart = await afterFrame();
  const sent = lastPaintsSentAt();
  const frameEnd = sent > frameStart ? sent : performance.now();
  const phases: [number, number] = [committed - t0, frameEnd - frameStart];
  (window.benchPhases ??= []).push(phases);
  performance.measure(`update ${i} script`, { start: t0, end: committed });
  performance.measure(`update ${i} frame`, { start: frameStart, end: frameEnd });
  return phases[0] + phases[1];
};
window.benchReady = true;
