// The plot worker: paints every live chart's canvas off the page's main thread. Drawing an hour of
// points for twenty series took most of a live update's main-thread time (bench/dashboard).
import { paintPlot, type PlotPicture } from './paint-plot';

export type PlotWorkerMessage =
  | { type: 'attach'; id: number; canvas: OffscreenCanvas }
  | { type: 'paint'; paints: { id: number; picture: PlotPicture }[] }
  | { type: 'detach'; id: number };

const canvases = new Map<number, OffscreenCanvas>();

self.onmessage = ({ data }: MessageEvent<PlotWorkerMessage>) => {
  if (data.type === 'attach') canvases.set(data.id, data.canvas);
  else if (data.type === 'detach') canvases.delete(data.id);
  else {
    for (const { id, picture } of data.paints) {
      const canvas = canvases.get(id);
      if (canvas) paintPlot(canvas, picture);
    }
  }
};

self.postMessage('ready');
