import type { Worker } from 'node:worker_threads';
import { startSearchWorker } from './worker-loader';

/**
 * Search workers kept between searches: starting one costs about a second (the Kafka client
 * loads in each), which would dwarf a search of a small topic. Idle workers do not keep the
 * process alive; a worker that had to be terminated (stuck in a hostile regex) is replaced.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private closed = false;

  constructor(private readonly start: () => Worker = startSearchWorker) {}

  /** Starts workers ahead of the first search (e.g. while the CLI resolves offsets). */
  prewarm(count: number): void {
    while (!this.closed && this.idle.length < count) this.release(this.start());
  }

  acquire(count: number): Worker[] {
    const workers: Worker[] = [];
    while (workers.length < count) workers.push(this.idle.pop() ?? this.start());
    for (const worker of workers) {
      worker.removeAllListeners('message');
      worker.removeAllListeners('error');
      worker.removeAllListeners('exit');
      worker.ref();
    }
    return workers;
  }

  release(worker: Worker): void {
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    if (this.closed) {
      void worker.terminate();
      return;
    }
    worker.unref();
    // A worker that dies while idle just leaves the pool.
    worker.once('exit', () => {
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
    });
    worker.once('error', () => {});
    this.idle.push(worker);
  }

  discard(worker: Worker): void {
    worker.removeAllListeners();
    void worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((worker) => worker.terminate()));
  }
}
