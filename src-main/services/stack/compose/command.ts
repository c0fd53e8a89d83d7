// The exact command lines the backend runs. Pure: tests assert on these.
import type { ComposeInfo } from './types';

export const PROJECT_NAME = 'streamdesk';

export interface ComposeTarget {
  /** Absolute path of the compose file to use. */
  file: string;
  project?: string;
}

export interface Argv {
  cmd: string;
  args: string[];
}

function base(info: Pick<ComposeInfo, 'command'>, target: ComposeTarget): Argv {
  const [cmd, ...prefix] = info.command;
  return { cmd, args: [...prefix, '-p', target.project ?? PROJECT_NAME, '-f', target.file] };
}

function withArgs(argv: Argv, ...more: string[]): Argv {
  return { cmd: argv.cmd, args: [...argv.args, ...more] };
}

/** `pull`, keeping going past one failed image so the others still come down; `up` then says which is missing. */
export function pullArgv(info: ComposeInfo, target: ComposeTarget): Argv {
  return withArgs(base(info, target), 'pull', '--ignore-pull-failures');
}

/** `up -d --wait` where Compose has it (2.1.1+), else `up -d` and the backend polls. */
export function upArgv(info: ComposeInfo, target: ComposeTarget): Argv {
  return info.supportsWait ? withArgs(base(info, target), 'up', '-d', '--wait') : withArgs(base(info, target), 'up', '-d');
}

export function downArgv(info: ComposeInfo, target: ComposeTarget): Argv {
  return withArgs(base(info, target), 'down', '--remove-orphans');
}

/**
 * Compose 2.x: `ps -a --format json`. Compose 1.x has no JSON output, so its containers are read
 * through the labels it puts on them: `docker ps -a --filter label=com.docker.compose.project=P`.
 */
export function psArgv(info: ComposeInfo, target: ComposeTarget): Argv {
  if (info.supportsJsonPs) return withArgs(base(info, target), 'ps', '-a', '--format', 'json');
  return {
    cmd: 'docker',
    args: ['ps', '-a', '--filter', `label=com.docker.compose.project=${target.project ?? PROJECT_NAME}`, '--format', '{{json .}}'],
  };
}

export function logsArgv(info: ComposeInfo, target: ComposeTarget, service: string, tail = 200): Argv {
  return withArgs(base(info, target), 'logs', '-f', '--no-color', '--tail', String(tail), service);
}

export const VERSION_PROBES: Argv[] = [
  { cmd: 'docker', args: ['compose', 'version'] },
  { cmd: 'docker-compose', args: ['version'] },
];

export const DAEMON_PROBE: Argv = { cmd: 'docker', args: ['info', '--format', '{{.ServerVersion}}'] };
