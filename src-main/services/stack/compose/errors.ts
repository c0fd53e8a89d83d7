// Turns what docker / docker compose / docker-compose print on failure into one problem with a
// message and a next step. Patterns come from real outputs (see test/unit/compose/fixtures).
import { StreamdeskError, type ErrorCode } from '@shared/errors';
import type { ComposeProblem, ComposeProblemKind } from './types';

const CODES: Record<ComposeProblemKind, ErrorCode> = {
  'docker-missing': 'unavailable',
  'compose-missing': 'unavailable',
  'daemon-down': 'unavailable',
  'daemon-permission': 'forbidden',
  'image-missing': 'not-found',
  unhealthy: 'unavailable',
  timeout: 'unavailable',
  failed: 'internal',
};

export class ComposeError extends StreamdeskError {
  readonly kind: ComposeProblemKind;
  readonly nextStep: string;
  readonly detail?: string;

  constructor(problem: ComposeProblem) {
    super(CODES[problem.kind], `${problem.message} ${problem.nextStep}`);
    this.name = 'ComposeError';
    this.kind = problem.kind;
    this.nextStep = problem.nextStep;
    this.detail = problem.detail;
  }

  get problem(): ComposeProblem {
    return { kind: this.kind, message: this.message, nextStep: this.nextStep, detail: this.detail };
  }
}

export function dockerMissing(detail?: string): ComposeProblem {
  return {
    kind: 'docker-missing',
    message: 'Docker is not installed: neither `docker` nor `docker-compose` was found on the PATH.',
    nextStep: 'Install Docker Engine (Linux) or Docker Desktop, or switch the stack to the native backend.',
    detail,
  };
}

export function composeMissing(detail?: string): ComposeProblem {
  return {
    kind: 'compose-missing',
    message: 'Docker is installed but Docker Compose is not (`docker compose` is an unknown command).',
    nextStep: 'Install the Compose plugin (the docker-compose-plugin package, or Docker Desktop), or use the native backend.',
    detail,
  };
}

/** The last meaningful line of a tool's error output (Python tracebacks end with the reason). */
export function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !/^Run 'docker --help'/.test(l));
  return lines[lines.length - 1] ?? '';
}

const DAEMON_DOWN = [
  /Cannot connect to the Docker daemon/i,
  /Is the docker daemon running\?/i,
  /Error while fetching server API version: .*(FileNotFoundError|ConnectionRefusedError|Connection refused)/i,
  /error during connect: .*(docker_engine|docker\.sock).*(cannot find the file|no such file|connection refused)/i,
];
const PERMISSION = [
  /permission denied while trying to connect to the Docker daemon socket/i,
  /Error while fetching server API version: .*PermissionError\(13/i,
  /dial unix .*docker\.sock: connect: permission denied/i,
];
const COMPOSE_MISSING = [
  /unknown command: docker compose/i,
  /'compose' is not a docker command/i,
  /unknown shorthand flag: 'p' in -p/i,
];
const IMAGE_MISSING = [
  /manifest unknown/i,
  /pull access denied/i,
  /repository does not exist or may require 'docker login'/i,
  /No such image/i,
  /manifest for \S+ not found/i,
];

function imageName(text: string): string | null {
  const m =
    /manifest for (\S+) not found/i.exec(text) ??
    /pull access denied for ([^\s,]+)/i.exec(text) ??
    /No such image: (\S+)/i.exec(text) ??
    /image (\S+) not found/i.exec(text);
  return m ? m[1] : null;
}

/**
 * The problem a failed command's output shows, or a generic 'failed' one.
 * `what` names the operation for the generic message ("docker compose up").
 */
export function classifyOutput(output: string, what: string): ComposeProblem {
  const detail = output.trim() || undefined;
  if (COMPOSE_MISSING.some((re) => re.test(output))) return composeMissing(detail);
  if (PERMISSION.some((re) => re.test(output))) {
    return {
      kind: 'daemon-permission',
      message: 'Docker is running but this user may not use it (permission denied on the Docker socket).',
      nextStep: 'Add your user to the docker group (sudo usermod -aG docker $USER), then log out and in again.',
      detail,
    };
  }
  if (DAEMON_DOWN.some((re) => re.test(output))) {
    return {
      kind: 'daemon-down',
      message: 'Docker is installed but its daemon is not running.',
      nextStep: 'Start Docker Desktop, or the engine (sudo systemctl start docker), then try again.',
      detail,
    };
  }
  if (IMAGE_MISSING.some((re) => re.test(output))) {
    const image = imageName(output);
    return {
      kind: 'image-missing',
      message: `An image of the stack could not be found${image ? `: ${image}` : ''}.`,
      nextStep: 'Check the network and the image name/tag in the compose file, then pull again (docker login if the registry needs it).',
      detail,
    };
  }
  return {
    kind: 'failed',
    message: `${what} failed: ${lastLine(output) || 'no output'}.`,
    nextStep: 'See the details, fix the cause and try again.',
    detail,
  };
}

/** ENOENT from spawn: the binary is not installed. */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
