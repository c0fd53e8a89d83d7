// Which Compose is installed, and whether the daemon answers. Never throws: returns a problem.
import { DAEMON_PROBE, VERSION_PROBES } from './command';
import { classifyOutput, composeMissing, dockerMissing, isNotFound } from './errors';
import type { ComposeDetection, RunFn, RunOptions, RunResult } from './types';
import { parseComposeVersion, supportsJsonPs, supportsWait } from './version';

type Attempt = { kind: 'missing' } | { kind: 'ran'; result: RunResult };

async function attempt(run: RunFn, cmd: string, args: string[], opts: RunOptions): Promise<Attempt> {
  try {
    return { kind: 'ran', result: await run(cmd, args, opts) };
  } catch (error) {
    if (isNotFound(error)) return { kind: 'missing' };
    throw error;
  }
}

export async function detectCompose(run: RunFn, opts: RunOptions = {}): Promise<ComposeDetection> {
  try {
    const [pluginProbe, standaloneProbe] = VERSION_PROBES;
    const plugin = await attempt(run, pluginProbe.cmd, pluginProbe.args, opts);
    const dockerPresent = plugin.kind === 'ran';
    let found: ComposeDetection | null = null;
    let pluginOutput = '';

    if (plugin.kind === 'ran') {
      pluginOutput = plugin.result.stdout + plugin.result.stderr;
      const version = plugin.result.code === 0 ? parseComposeVersion(plugin.result.stdout) : null;
      if (version) found = info('plugin', version, ['docker', 'compose']);
    }
    if (!found) {
      const standalone = await attempt(run, standaloneProbe.cmd, standaloneProbe.args, opts);
      const version = standalone.kind === 'ran' && standalone.result.code === 0 ? parseComposeVersion(standalone.result.stdout) : null;
      if (version) found = info('standalone', version, ['docker-compose']);
      else if (!dockerPresent && standalone.kind === 'missing') return { ok: false, problem: dockerMissing() };
      else return { ok: false, problem: composeMissing(pluginOutput.trim() || undefined) };
    }

    // The version commands never reach the daemon: ask it directly when the docker CLI exists.
    if (dockerPresent) {
      const daemon = await attempt(run, DAEMON_PROBE.cmd, DAEMON_PROBE.args, opts);
      if (daemon.kind === 'ran' && daemon.result.code !== 0) {
        return { ok: false, problem: classifyOutput(daemon.result.stderr + daemon.result.stdout, 'docker info') };
      }
    }
    return found;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: classifyOutput(message, 'Docker detection') };
  }
}

function info(flavor: 'plugin' | 'standalone', version: string, command: [string, ...string[]]): ComposeDetection {
  return { ok: true, flavor, version, command, supportsWait: supportsWait(version), supportsJsonPs: supportsJsonPs(version) };
}
