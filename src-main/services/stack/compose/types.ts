// The Compose backend's edges and results. No I/O here.

export interface RunOptions {
  /** The full environment of the child (the backend merges its own variables into a base). */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion. Rejects (with `code: 'ENOENT'`) when the binary is missing. */
export type RunFn = (cmd: string, args: string[], opts: RunOptions) => Promise<RunResult>;

interface StreamLike {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
}

/** The part of a Node ChildProcess the backend uses. */
export interface ChildLike {
  stdout: StreamLike | null;
  stderr: StreamLike | null;
  on(event: 'close', listener: (code: number | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

export type SpawnFn = (cmd: string, args: string[], opts: RunOptions) => ChildLike;

export type ContainerState = 'created' | 'running' | 'restarting' | 'paused' | 'exited' | 'removing' | 'dead' | 'unknown';
export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting' | null;

export interface PublishedPort {
  /** The host address it is bound to ('0.0.0.0', '::', '127.0.0.1'), null when not given. */
  hostIp: string | null;
  published: number;
  target: number;
  protocol: string;
}

export interface ComposeServiceState {
  service: string;
  container: string;
  state: ContainerState;
  health: ContainerHealth;
  exitCode: number | null;
  publishedPorts: PublishedPort[];
}

type ComposeFlavor = 'plugin' | 'standalone';

export interface ComposeInfo {
  flavor: ComposeFlavor;
  /** '2.24.6', '1.29.2' (no leading v). */
  version: string;
  /** The command prefix: ['docker', 'compose'] or ['docker-compose']. */
  command: [string, ...string[]];
  /** `up --wait` (Compose 2.1.1+). */
  supportsWait: boolean;
  /** `ps --format json` (Compose 2.x); 1.x is read through `docker ps` labels. */
  supportsJsonPs: boolean;
}

export type ComposeProblemKind =
  | 'docker-missing'
  | 'compose-missing'
  | 'daemon-down'
  | 'daemon-permission'
  | 'image-missing'
  | 'unhealthy'
  | 'timeout'
  | 'failed';

export interface ComposeProblem {
  kind: ComposeProblemKind;
  message: string;
  nextStep: string;
  /** The tool's own last words, for a details pane. */
  detail?: string;
}

export type ComposeDetection = ({ ok: true } & ComposeInfo) | { ok: false; problem: ComposeProblem };

export type ComposeProgressPhase =
  | 'pulling'
  | 'downloading'
  | 'pulled'
  | 'skipped'
  | 'creating'
  | 'starting'
  | 'started'
  | 'waiting'
  | 'healthy'
  | 'ready'
  | 'error';

export interface ComposeProgress {
  /** The compose service, or null for a layer line whose service the output does not name. */
  service: string | null;
  phase: ComposeProgressPhase;
  message?: string;
  /** Layers seen / completed so far across the whole pull (plain output names no parent). */
  layersDone?: number;
  layersTotal?: number;
}

/** What the app uses beside the native backend. */
export interface ComposeStack {
  detect(): Promise<ComposeDetection>;
  up(onProgress?: (event: ComposeProgress) => void): Promise<ComposeServiceState[]>;
  down(): Promise<void>;
  status(): Promise<ComposeServiceState[]>;
  logs(service: string, onLine: (line: string) => void, onEnd?: (error: Error | null) => void): () => void;
}
