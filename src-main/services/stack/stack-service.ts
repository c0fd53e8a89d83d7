import type { StackProgress, StackStatus } from '../../../src-shared/stack';
import { StreamdeskError } from '../../../src-shared/errors';
import { NativeStack, type NativeStackOptions } from './native';

export interface StackServiceOptions extends Omit<NativeStackOptions, 'kraft'> {
  kraft: boolean;
  onProgress?: (progress: StackProgress) => void;
  now?: () => number;
}

/**
 * The local stack as the console sees it: one native runner at a time, one operation at a time,
 * with progress events and the last failure kept for the Stack page.
 */
export class StackService {
  private runner: NativeStack;
  private busy: StackStatus['busy'] = 'idle';
  private lastError: string | null = null;
  private readonly now: () => number;

  constructor(private readonly options: StackServiceOptions) {
    this.now = options.now ?? Date.now;
    this.runner = new NativeStack({ ...options });
  }

  get ports() {
    return this.runner.ports;
  }

  get metricsUrl(): string | null {
    return this.runner.metricsUrl;
  }

  isStarting(): boolean {
    return this.busy === 'starting';
  }

  async status(): Promise<StackStatus> {
    const services = await this.runner.state();
    return {
      backend: 'native',
      kraft: Boolean(this.options.kraft),
      dataDir: this.options.dataDir,
      missingJars: this.runner.missingJars(),
      busy: this.busy,
      lastError: this.lastError,
      services,
    };
  }

  async up(kraft?: boolean): Promise<StackStatus> {
    this.claim('starting');
    try {
      if (kraft !== undefined && kraft !== this.options.kraft) {
        const running = (await this.runner.state()).some((service) => service.running);
        if (running) throw new StreamdeskError('conflict', `Stop the running ${this.options.kraft ? 'KRaft' : 'ZooKeeper'} stack before starting the other mode`);
        this.options.kraft = kraft;
        this.runner = new NativeStack({ ...this.options });
      }
      const missing = this.runner.missingJars();
      if (missing.length > 0) throw new StreamdeskError('unavailable', `The local stack's jars are missing: ${missing.join('; ')}`);
      this.lastError = null;
      await this.runner.up((event) => this.options.onProgress?.({ ...event, at: this.now() }));
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      throw error instanceof StreamdeskError ? error : new StreamdeskError('unavailable', this.lastError);
    } finally {
      this.busy = 'idle';
    }
    return this.status();
  }

  async down(): Promise<StackStatus> {
    this.claim('stopping');
    try {
      for (const service of this.runner.services()) this.options.onProgress?.({ service, phase: 'stopping', at: this.now() });
      await this.runner.down();
      for (const service of this.runner.services()) this.options.onProgress?.({ service, phase: 'stopped', at: this.now() });
    } finally {
      this.busy = 'idle';
    }
    return this.status();
  }

  private claim(operation: 'starting' | 'stopping'): void {
    if (this.busy !== 'idle') throw new StreamdeskError('conflict', `The local stack is already ${this.busy}`);
    this.busy = operation;
  }
}
