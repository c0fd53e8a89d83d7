// bench/dashboard's page (kept here so the renderer's tsconfig checks it; not part of the app bundle): the real Overview page and its real stores, fed synthetic series through a
// bench transport (window.streamdesk) instead of a back end. run.mjs drives and measures it.
import type { RawBridge } from '../../../../src-shared/contract';
import type { HealthSnapshot } from '../../../../src-shared/health';
import '../../styles.css';
import { healthSnapshot } from './health-snapshot';
import { clusterMetrics, nextSamples, resourceMetrics } from './synthetic';

declare global {
  interface Window {
    benchReady?: boolean;
    /** Applies one live update (a Kafka sample and a resource round, as the app's event handlers do) and resolves with its main-thread cost in ms. */
    benchUpdate?: (i: number) => Promise<number>;
    /** Per update, in ms: [store update to React's commit, commit to the next task (a frame, if one was due), style and layout still to do then]. */
    benchPhases?: [number, number, number][];
  }
}

const started = Date.now();
const bench: RawBridge = {
  async invoke(name: string, args: unknown) {
    const range = (args as { time_range?: string }).time_range ?? '15m';
    if (name === 'metrics:cluster') return { ok: true, result: clusterMetrics(range as never, started) };
    if (name === 'metrics:resources') return { ok: true, result: resourceMetrics(range as never, started) };
    return new Promise(() => undefined); // nothing else is needed by the Overview's charts
  },
  subscribe: () => () => undefined,
};
window.streamdesk = bench;

// Imported after the transport is in place: the bridge module reads window.streamdesk once.
const [{ createRoot }, { Overview }, { useHealth }, metrics, resources, { paintChartsOnPage }] = await Promise.all([
  import('react-dom/client'),
  import('../../pages/Overview'),
  import('../../stores/health-store'),
  import('../../stores/metrics-store'),
  import('../../stores/metrics-resources-store'),
  import('../plot-surface'),
]);
if (new URLSearchParams(location.search).has('paint-on-page')) paintChartsOnPage();

useHealth.setState({ snapshot: healthSnapshot as unknown as HealthSnapshot, error: null });
createRoot(document.getElementById('root')!).render(<Overview />);

const afterTask = () => new Promise<void>((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(null);
});

window.benchUpdate = async (i: number) => {
  const { cluster, resources: round } = nextSamples(started + (i + 1) * 1000, i);
  const t0 = performance.now();
  // exactly what the app's bridge.on('metrics:sampled' / 'metrics:resourcesSampled') handlers do
  metrics.useMetrics.setState((state) => metrics.applyMetricsSample(state, cluster));
  resources.useResources.setState((state) => resources.applyResourcesSample(state, round));
  // React renders and commits in a microtask; the next task starts after it (and after a frame, if one was due)
  // queued after React's own microtask, so it runs once React has committed
  const committed = await new Promise<number>((resolve) => queueMicrotask(() => resolve(performance.now())));
  await afterTask();
  const nextTask = performance.now();
  void document.body.getBoundingClientRect(); // style and layout of what changed
  const spent = performance.now() - t0;
  (window.benchPhases ??= []).push([committed - t0, nextTask - committed, t0 + spent - nextTask]);
  performance.measure(`update ${i}`, { start: t0, duration: spent });
  return spent;
};
window.benchReady = true;
