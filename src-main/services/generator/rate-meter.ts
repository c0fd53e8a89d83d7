/**
 * Acknowledged records per second over a sliding window. The window is short enough for a live
 * figure to react within seconds, long enough not to jump with every batch acknowledgement.
 */
export class RateMeter {
  private samples: { at: number; count: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  record(at: number, count: number): void {
    this.samples.push({ at, count });
    // Keep one sample at or before the window's start so the window is always fully covered.
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) this.samples.shift();
  }

  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.count - first.count) * 1000) / (last.at - first.at);
  }
}
