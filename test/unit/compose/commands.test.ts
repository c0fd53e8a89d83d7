// The exact command lines the backend runs, per operation and per Compose version.
import { describe, expect, it } from 'vitest';
import { downArgv, logsArgv, psArgv, pullArgv, upArgv, DAEMON_PROBE, VERSION_PROBES } from '@main/services/stack/compose/command';
import type { ComposeInfo } from '@main/services/stack/compose/types';

const F = '/app/compose/docker-compose.yml';
const target = { file: F };
const v2: ComposeInfo = { flavor: 'plugin', version: '2.24.6', command: ['docker', 'compose'], supportsWait: true, supportsJsonPs: true };
const v2old: ComposeInfo = { flavor: 'plugin', version: '2.0.1', command: ['docker', 'compose'], supportsWait: false, supportsJsonPs: true };
const v2standalone: ComposeInfo = { flavor: 'standalone', version: '2.20.2', command: ['docker-compose'], supportsWait: true, supportsJsonPs: true };
const v1: ComposeInfo = { flavor: 'standalone', version: '1.29.2', command: ['docker-compose'], supportsWait: false, supportsJsonPs: false };

const line = (a: { cmd: string; args: string[] }) => [a.cmd, ...a.args].join(' ');

describe('compose command lines', () => {
  it('detects with docker compose version, then docker-compose version, then docker info', () => {
    expect(VERSION_PROBES.map(line)).toEqual(['docker compose version', 'docker-compose version']);
    expect(line(DAEMON_PROBE)).toBe('docker info --format {{.ServerVersion}}');
  });

  it('Compose 2.1.1+ plugin: own project, the file, up -d --wait, ps JSON', () => {
    expect(line(pullArgv(v2, target))).toBe(`docker compose -p streamdesk -f ${F} pull --ignore-pull-failures`);
    expect(line(upArgv(v2, target))).toBe(`docker compose -p streamdesk -f ${F} up -d --wait`);
    expect(line(downArgv(v2, target))).toBe(`docker compose -p streamdesk -f ${F} down --remove-orphans`);
    expect(line(psArgv(v2, target))).toBe(`docker compose -p streamdesk -f ${F} ps -a --format json`);
    expect(line(logsArgv(v2, target, 'kafka'))).toBe(`docker compose -p streamdesk -f ${F} logs -f --no-color --tail 200 kafka`);
  });

  it('Compose 2.0.x has no --wait: plain up -d', () => {
    expect(line(upArgv(v2old, target))).toBe(`docker compose -p streamdesk -f ${F} up -d`);
    expect(line(psArgv(v2old, target))).toBe(`docker compose -p streamdesk -f ${F} ps -a --format json`);
  });

  it('standalone docker-compose 2.x uses the same flags under its own binary', () => {
    expect(line(upArgv(v2standalone, target))).toBe(`docker-compose -p streamdesk -f ${F} up -d --wait`);
  });

  it('Compose 1.x: up -d, and status through docker ps by project label', () => {
    expect(line(pullArgv(v1, target))).toBe(`docker-compose -p streamdesk -f ${F} pull --ignore-pull-failures`);
    expect(line(upArgv(v1, target))).toBe(`docker-compose -p streamdesk -f ${F} up -d`);
    expect(line(downArgv(v1, target))).toBe(`docker-compose -p streamdesk -f ${F} down --remove-orphans`);
    expect(psArgv(v1, target)).toEqual({ cmd: 'docker', args: ['ps', '-a', '--filter', 'label=com.docker.compose.project=streamdesk', '--format', '{{json .}}'] });
    expect(line(logsArgv(v1, target, 'flink-jobmanager'))).toBe(`docker-compose -p streamdesk -f ${F} logs -f --no-color --tail 200 flink-jobmanager`);
  });

  it('keeps each argument whole (a path with spaces is one argv entry)', () => {
    const spaced = { file: '/Users/a b/compose/docker-compose.kraft.yml', project: 'other' };
    expect(upArgv(v2, spaced).args).toEqual(['compose', '-p', 'other', '-f', '/Users/a b/compose/docker-compose.kraft.yml', 'up', '-d', '--wait']);
  });
});
