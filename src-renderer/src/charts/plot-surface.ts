import type { LiveSeries } from './live-series';
import type { Point } from '@shared/metrics';
import { applyFeed, feedFor, type SeriesFeed } from './series-feed';
import { paintPlot, type PlotPicture } from './paint-plot';
import type { PlotPaint, PlotWorkerMessage } from './plot-worker';
import { ChartThinner } from './thinned-points';

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
    if (onPageOnly || typeof OffscreenCanvas === 'undefined' || !('transferControlToOffscreen' in HTMLCanvasElement.prototype))
      throw new Error('no OffscreenCanvas');
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
    worker.addEventListener('message', (event: MessageEvent<{ type?: string; id?: number; message?: string }>) => {
      if (event.data?.type !== 'failed') return;
      console.error(`A live chart could not be drawn: ${event.data.message}`);
      // what the worker holds of that chart is in doubt: the next paint sends its series whole
      attached.get(event.data.id ?? -1)?.resend();
    });
    worker.addEventListener('error', () => settle(false));
    setTimeout(() => settle(false), WORKER_START_MS);
  } catch {
    workerState = { kind: 'unavailable' };
  }
  return workerState;
}

/** Coordinates from this many on cross to the worker by transfer rather than by copy. */
const TRANSFER_FROM = 1024;

let nextId = 1;
/** Surfaces handed to the worker, by id (its messages name charts by id). */
const attached = new Map<number, PlotSurface>();

/** A chart to paint: its picture and, apart, its series (raw; thinned where they are painted). */
interface PlotRequest {
  picture: PlotPicture;
  series: LiveSeries[];
}

/** Surfaces painted in this task, sent to the worker together: one live update is one message. */
const queued = new Set<PlotSurface>();

let frameChannel: MessageChannel | null = null;

/** Runs `then` in a task of its own, after the frame the page is about to render. */
function afterNextFrame(then: () => void): void {
  // one channel for good: making one per update cost a tenth of a millisecond
  frameChannel ??= new MessageChannel();
  const channel = frameChannel;
  requestAnimationFrame(() => {
    channel.port1.onmessage = then;
    channel.port2.postMessage(null);
  });
}

/**
 * The worker gets its paints after the page has rendered its frame: started at once, its painting
 * and the canvases' hand-offs to the compositor (about 17 ms of CPU per update of the Overview,
 * bench/dashboard --trace) ran beside the page's own update and frame, and on two cores they
 * slowed both. A chart now lags its figures by a frame; a hidden window paints no charts at all.
 */
function queuePaint(surface: PlotSurface): void {
  if (queued.size === 0) afterNextFrame(sendQueued);
  queued.add(surface);
}

let paintsSentAt = 0;

/** When the page last handed its charts' paints to the worker (performance.now()): bench/dashboard ends an update's main-thread work there. */
export function lastPaintsSentAt(): number {
  return paintsSentAt;
}

function sendQueued(): void {
  const surfaces = [...queued];
  queued.clear();
  if (workerState?.kind !== 'ready') return;
  const transfer: Transferable[] = [];
  const paints = surfaces.flatMap((surface) => surface.nextPaint(transfer) ?? []);
  post(workerState.worker, { type: 'paint', paints }, transfer);
  paintsSentAt = performance.now();
}

/**
 * A chart's canvas, painted by the plot worker where the browser can hand a canvas to a worker,
 * and on the page otherwise (the same drawing either way).
 */
class PlotSurface {
  private readonly id = nextId++;
  private mode: 'pending' | 'worker' | 'page' = 'pending';
  private latest: PlotRequest | null = null;
  /** The series the painter holds for this chart, as last sent: the next paint sends only what changed. */
  private held: LiveSeries[] = [];
  /** Painting on the page: the points of `held`, as the worker would hold them. */
  private pagePoints: Point[][] = [];
  private readonly thinner = new ChartThinner();
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
      attached.set(this.id, this);
      this.mode = 'worker';
    } else {
      this.mode = 'page';
    }
    if (this.latest) this.paint(this.latest.picture, this.latest.series);
  }

  paint(picture: PlotPicture, series: LiveSeries[]): void {
    this.latest = { picture, series };
    if (this.mode === 'worker') queuePaint(this);
    else if (this.mode === 'page') this.paintOnPage(picture, series);
  }

  /**
   * Painting on the page keeps the series as the worker does, rebuilt from the feeds: thinning
   * reuses the buckets of an update earlier by the very points it saw then.
   */
  private paintOnPage(picture: PlotPicture, series: LiveSeries[]): void {
    const feeds = this.feedsFor(series);
    this.pagePoints = feeds.map((feed, i) => applyFeed(this.pagePoints[i], feed));
    paintPlot(this.canvas, picture, this.thinner.coords(this.pagePoints, picture.box.width));
  }

  /** What changed in each series since the last paint (the painter holds the series as then). */
  private feedsFor(series: LiveSeries[]): SeriesFeed[] {
    const feeds = series.map((points, i) => feedFor(this.held[i] ?? null, points));
    this.held = series;
    return feeds;
  }

  /** The message part for the newest request, its new points' buffers added to `transfer`. */
  nextPaint(transfer: Transferable[]): PlotPaint | null {
    if (!this.latest) return null;
    const { picture, series } = this.latest;
    const feeds = this.feedsFor(series);
    // a live update's few new points are cheaper copied than handed over, one transfer each
    for (const feed of feeds) if (feed.kind !== 'same' && feed.coords.length > TRANSFER_FROM) transfer.push(feed.coords.buffer);
    return { id: this.id, picture, feeds };
  }

  resend(): void {
    this.held = [];
  }

  release(): void {
    queued.delete(this);
    attached.delete(this.id);
    if (workerState?.kind === 'starting') workerState.waiting.delete(this);
    if (this.mode === 'worker' && workerState?.kind === 'ready') post(workerState.worker, { type: 'detach', id: this.id });
  }
}

const surfaces = new WeakMap<HTMLCanvasElement, PlotSurface>();

/** The surface of a canvas element (a canvas can be handed to a worker only once, so it is kept). */
export function surfaceFor(canvas: HTMLCanvasElement): { paint(picture: PlotPicture, series: LiveSeries[]): void } {
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
