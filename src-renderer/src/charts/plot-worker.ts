// The plot worker: keeps every live chart's series, thins them and paints the chart's canvas, all
// off the page's main thread. The page sends each series once, then only the points a live update
// added (series-feed.ts): drawing and thinning an hour of points for twenty series took most of a
// live update's main-thread time (bench/dashboard).
import type { Point } from '@shared/metrics';
import { paintPlot, type PlotPicture } from './paint-plot';
import { applyFeed, type SeriesFeed } from './series-feed';
import { ChartThinner } from './thinned-points';

export interface PlotPaint {
  id: number;
  picture: PlotPicture;
  feeds: SeriesFeed[];
}

export type PlotWorkerMessage =
  { type: 'attach'; id: number; canvas: OffscreenCanvas } | { type: 'paint'; paints: PlotPaint[] } | { type: 'detach'; id: number };

const charts = new Map<number, { canvas: OffscreenCanvas; series: Point[][]; thinner: ChartThinner }>();

self.onmessage = ({ data }: MessageEvent<PlotWorkerMessage>) => {
  if (data.type === 'attach') charts.set(data.id, { canvas: data.canvas, series: [], thinner: new ChartThinner() });
  else if (data.type === 'detach') charts.delete(data.id);
  else {
    for (const { id, picture, feeds } of data.paints) {
      const chart = charts.get(id);
      if (!chart) continue;
      try {
        chart.series = feeds.map((feed, i) => applyFeed(chart.series[i], feed));
        paintPlot(chart.canvas, picture, chart.thinner.coords(chart.series, picture.box.width));
      } catch (error) {
        // one chart's failure must not stop the others, nor go unseen: the page logs it
        self.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
};

self.postMessage('ready');
