// The Compose backend: runs the seed's stack with `docker compose` (or docker-compose 1.x).
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { downArgv, logsArgv, psArgv, pullArgv, upArgv, PROJECT_NAME, type Argv, type ComposeTarget } from './command';
import { detectCompose } from './detect';
import { ComposeError, classifyOutput, isNotFound, dockerMissing } from './errors';
import { LineSplitter, ProgressParser } from './progress';
import { parseComposePs, parseDockerPs } from './ps';
import type { ComposeDetection, ComposeInfo, ComposeProgress, ComposeServiceState, ComposeStack, RunFn, RunOptions, RunResult, SpawnFn } from './types';

export const ZK_SERVICES = ['zookeeper', 'kafka', 'kafka-ui', 'flink-jobmanager', 'flink-taskmanager', 'flink-sql-gateway'] as const;
export const KRAFT_SERVICES = ZK_SERVICES.filter((s) => s !== 'zookeeper');

/** The host folders the compose files bind-mount, relative to the data dir. */
export const DATA_SUBDIRS = ['zookeeper/data', 'zookeeper/log', 'kafka/docker-zk', 'kafka/docker-kraft', 'flink/checkpoints', 'flink/savepoints'];

export interface ComposeBackendOptions {
  run: RunFn;
  spawn: SpawnFn;
  /** Absolute path of the repo's compose/ folder. */
  composeDir: string;
  /** Absolute data folder, passed as STREAMDESK_DATA_DIR. */
  dataDir: string;
  kraft?: boolean;
  project?: string;
  /** The environment the children start from (default: process.env). */
  baseEnv?: Record<string, string | undefined>;
  /** Creates a bind-mount folder before `up` (default: mkdir -p, world-writable so the containers' users can write). */
  ensureDir?: (path: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** How long `up` without --wait polls for healthy services. */
  waitTimeoutMs?: number;
  pollIntervalMs?: number;
}

function defaultEnsureDir(path: string): void {
  mkdirSync(path, { recursive: true });
  // mkdir's mode is masked by the umask; the containers run as other uids (cp: 1000, flink: 9999).
  chmodSync(path, 0o777);
}

export class ComposeBackend implements ComposeStack {
  private info: ComposeInfo | null = null;

  constructor(private readonly o: ComposeBackendOptions) {}

  get file(): string {
    return join(this.o.composeDir, this.o.kraft ? 'docker-compose.kraft.yml' : 'docker-compose.yml');
  }

  get services(): readonly string[] {
    return this.o.kraft ? KRAFT_SERVICES : ZK_SERVICES;
  }

  private get target(): ComposeTarget {
    return { file: this.file, project: this.o.project ?? PROJECT_NAME };
  }

  private get runOptions(): RunOptions {
    return { cwd: this.o.composeDir, env: { ...(this.o.baseEnv ?? process.env), STREAMDESK_DATA_DIR: this.o.dataDir } };
  }

  async detect(): Promise<ComposeDetection> {
    const detection = await detectCompose(this.o.run, this.runOptions);
    this.info = detection.ok ? detection : null;
    return detection;
  }

  private async ready(): Promise<ComposeInfo> {
    if (this.info) return this.info;
    const detection = await this.detect();
    if (!detection.ok) throw new ComposeError(detection.problem);
    return detection;
  }

  private async exec(argv: Argv, what: string): Promise<RunResult> {
    let result: RunResult;
    try {
      result = await this.o.run(argv.cmd, argv.args, this.runOptions);
    } catch (error) {
      if (isNotFound(error)) throw new ComposeError(dockerMissing(String((error as Error).message)));
      throw error;
    }
    if (result.code !== 0) throw new ComposeError(classifyOutput(result.stderr + result.stdout, what));
    return result;
  }

  /** Runs a command, feeding each output line (stdout and stderr) to onLine as it comes. */
  private stream(argv: Argv, onLine: (line: string) => void): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      const outLines = new LineSplitter(onLine);
      const errLines = new LineSplitter(onLine);
      const child = this.o.spawn(argv.cmd, argv.args, this.runOptions);
      child.stdout?.on('data', (c) => ((stdout += c.toString()), outLines.push(c)));
      child.stderr?.on('data', (c) => ((stderr += c.toString()), errLines.push(c)));
      child.on('error', (error) => reject(isNotFound(error) ? new ComposeError(dockerMissing(error.message)) : error));
      child.on('close', (code) => {
        outLines.end();
        errLines.end();
        resolve({ code: code ?? 1, stdout, stderr });
      });
    });
  }

  async up(onProgress: (event: ComposeProgress) => void = () => {}): Promise<ComposeServiceState[]> {
    const info = await this.ready();
    for (const sub of DATA_SUBDIRS) (this.o.ensureDir ?? defaultEnsureDir)(join(this.o.dataDir, sub));
    const parser = new ProgressParser(this.services, this.target.project);
    const feed = (line: string) => {
      const event = parser.feed(line);
      if (event) onProgress(event);
    };
    const pulled = await this.stream(pullArgv(info, this.target), feed);
    // A failed pull is not fatal (images may be local); a daemon/permission problem is.
    if (pulled.code !== 0) {
      const problem = classifyOutput(pulled.stderr + pulled.stdout, 'docker compose pull');
      if (problem.kind !== 'image-missing' && problem.kind !== 'failed') throw new ComposeError(problem);
    }
    const started = await this.stream(upArgv(info, this.target), feed);
    if (started.code !== 0) throw new ComposeError(classifyOutput(started.stderr + started.stdout, 'docker compose up'));
    const states = info.supportsWait ? await this.status() : await this.waitHealthy();
    for (const s of states) onProgress({ service: s.service, phase: 'ready' });
    return states;
  }

  /** Compose without --wait: poll until every service runs and is healthy (or has no healthcheck). */
  private async waitHealthy(): Promise<ComposeServiceState[]> {
    const now = this.o.now ?? Date.now;
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const deadline = now() + (this.o.waitTimeoutMs ?? 300_000);
    for (;;) {
      const states = await this.status();
      const broken = states.find((s) => s.state === 'exited' || s.state === 'dead' || s.health === 'unhealthy');
      if (broken) {
        throw new ComposeError({
          kind: 'unhealthy',
          message: `${broken.service} is ${broken.health === 'unhealthy' ? 'unhealthy' : `${broken.state} (exit code ${broken.exitCode ?? '?'})`}.`,
          nextStep: `Open the ${broken.service} logs to see why.`,
        });
      }
      const ready = this.services.every((name) => states.some((s) => s.service === name && s.state === 'running' && (s.health === null || s.health === 'healthy')));
      if (ready) return states;
      if (now() >= deadline) {
        throw new ComposeError({ kind: 'timeout', message: 'The stack did not become healthy in time.', nextStep: 'Check the services that are still starting and their logs.' });
      }
      await sleep(this.o.pollIntervalMs ?? 2_000);
    }
  }

  async down(): Promise<void> {
    const info = await this.ready();
    await this.exec(downArgv(info, this.target), 'docker compose down');
  }

  async status(): Promise<ComposeServiceState[]> {
    const info = await this.ready();
    const result = await this.exec(psArgv(info, this.target), 'docker compose ps');
    return info.supportsJsonPs ? parseComposePs(result.stdout) : parseDockerPs(result.stdout);
  }

  /** Follows a service's log (last 200 lines first). Returns the unsubscribe. */
  logs(service: string, onLine: (line: string) => void, onEnd: (error: Error | null) => void = () => {}): () => void {
    let stopped = false;
    let kill: (() => void) | null = null;
    void this.ready()
      .then((info) => {
        if (stopped) return;
        const argv = logsArgv(info, this.target, service);
        const child = this.o.spawn(argv.cmd, argv.args, this.runOptions);
        kill = () => child.kill('SIGTERM');
        // 2.x prefixes lines with "kafka-1  | ", 1.x with "streamdesk_kafka_1  | ".
        const strip = (line: string) => onLine(line.replace(/^\S+\s+\|\s?/, ''));
        const out = new LineSplitter(strip);
        const err = new LineSplitter(strip);
        child.stdout?.on('data', (c) => out.push(c));
        child.stderr?.on('data', (c) => err.push(c));
        child.on('error', (error) => onEnd(isNotFound(error) ? new ComposeError(dockerMissing(error.message)) : error));
        child.on('close', (code) => {
          out.end();
          err.end();
          onEnd(stopped || code === 0 ? null : new Error(`docker compose logs ended with exit code ${code}`));
        });
      })
      .catch((error: Error) => onEnd(error));
    return () => {
      stopped = true;
      kill?.();
    };
  }
}
