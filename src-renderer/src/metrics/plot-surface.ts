import { paintPlot, type PlotPicture } from './paint-plot';
import type { PlotWorkerMessage } from './plot-worker';

type WorkerState = { kind: 'starting'; worker: Worker; waiting: Set<PlotSurface> } | { kind: 'ready'; worker: Worker } | { kind: 'unavailable' };

/** How long charts wait for the worker before painting on the page instead. */
const WORKER_START_MS = 3000;

let workerState: WorkerState | null = null;
let onPageOnly = false;

/** Paints every chart on the page, never in the worker (bench/dashboard compares the two). */
export function paintChartsOnPage(): void {
  onPageOnly = true;
}

function post(worker: Worker, message: PlotWorkerMessage, transfer: Transferable[] = []): void {
  worker.postMessage(message, transfer);
}

/** The one plot worker of the page, started on first use; `unavailable` where workers or OffscreenCanvas are not. */
function plotWorker(): WorkerState {
  if (workerState) return workerState;
  try {
    if (onPageOnly || typeof OffscreenCanvas === 'undefined' || !('transferControlToOffscreen' in HTMLCanvasElement.prototype)) throw new Error('no OffscreenCanvas');
    const worker = new Worker(new URL('./plot-worker.ts', import.meta.url), { type: 'module', name: 'streamdesk-plots' });
    const starting: WorkerState = { kind: 'starting', worker, waiting: new Set() };
    workerState = starting;
    const settle = (ready: boolean) => {
      if (workerState !== starting) return;
      workerState = ready ? { kind: 'ready', worker } : { kind: 'unavailable' };
      if (!ready) worker.terminate();
      for (const surface of starting.waiting) surface.start();
    };
    worker.addEventListener('message', (event) => settle(event.data === 'ready'), { once: true });
    worker.addEventListener('error', () => settle(false));
    setTimeout(() => settle(false), WORKER_START_MS);
  } catch {
    workerState = { kind: 'unavailable' };
  }
  return workerState;
}

let nextId = 1;

/** Pictures painted in this task, sent to the worker together: one live update is one message. */
const queued = new Map<number, PlotPicture>();

function queuePaint(id: number, picture: PlotPicture): void {
  if (queued.size === 0) queueMicrotask(sendQueued);
  queued.set(id, picture);
}

function sendQueued(): void {
  if (workerState?.kind !== 'ready') return void queued.clear();
  const transfer: Transferable[] = [];
  const paints = [...queued].map(([id, picture]) => {
    // copies handed over rather than cloned: the thinned series stay cached for the next update
    const series = picture.series.map(({ coords, color }) => ({ coords: coords.slice(), color }));
    transfer.push(...series.map(({ coords }) => coords.buffer));
    return { id, picture: { ...picture, series } };
  });
  queued.clear();
  post(workerState.worker, { type: 'paint', paints }, transfer);
}

/**
 * A chart's canvas, painted by the plot worker where the browser can hand a canvas to a worker,
 * and on the page otherwise (the same drawing either way).
 */
class PlotSurface {
  private readonly id = nextId++;
  private mode: 'pending' | 'worker' | 'page' = 'pending';
  private latest: PlotPicture | null = null;
  releaseTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const state = plotWorker();
    if (state.kind === 'starting') state.waiting.add(this);
    else this.start();
  }

  start(): void {
    if (workerState?.kind === 'ready') {
      const offscreen = this.canvas.transferControlToOffscreen();
      post(workerState.worker, { type: 'attach', id: this.id, canvas: offscreen }, [offscreen]);
      this.mode = 'worker';
    } else {
      this.mode = 'page';
    }
    if (this.latest) this.paint(this.latest);
  }

  paint(picture: PlotPicture): void {
    this.latest = picture;
    if (this.mode === 'worker') queuePaint(this.id, picture);
    else if (this.mode === 'page') paintPlot(this.canvas, picture);
  }

  release(): void {
    queued.delete(this.id);
    if (workerState?.kind === 'starting') workerState.waiting.delete(this);
    if (this.mode === 'worker' && workerState?.kind === 'ready') post(workerState.worker, { type: 'detach', id: this.id });
  }
}

const surfaces = new WeakMap<HTMLCanvasElement, PlotSurface>();

/** The surface of a canvas element (a canvas can be handed to a worker only once, so it is kept). */
export function surfaceFor(canvas: HTMLCanvasElement): { paint(picture: PlotPicture): void } {
  let surface = surfaces.get(canvas);
  if (!surface) {
    surface = new PlotSurface(canvas);
    surfaces.set(canvas, surface);
  }
  if (surface.releaseTimer) clearTimeout(surface.releaseTimer);
  surface.releaseTimer = null;
  return surface;
}

/** Frees the worker's side of a canvas that left the page; a remount of the same element in the same task keeps it. */
export function releaseSurface(canvas: HTMLCanvasElement): void {
  const surface = surfaces.get(canvas);
  if (!surface) return;
  surface.releaseTimer = setTimeout(() => {
    surface.release();
    surfaces.delete(canvas);
  }, 0);
}
