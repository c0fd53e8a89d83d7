// Detection against REAL recorded outputs (fixtures/recorded, see record.sh) and, for Compose 2.x
// version lines, the format string of docker/compose cmd/compose/version.go.
import { describe, expect, it } from 'vitest';
import { detectCompose } from '@main/services/stack/compose/detect';
import { parseComposeVersion, supportsWait } from '@main/services/stack/compose/version';
import { enoent, fakeRun, recorded, toResult } from './fakes';

const daemonUp = { code: 0, stdout: '28.2.2\n', stderr: '' };

describe('parseComposeVersion', () => {
  it('reads the real docker-compose 1.29.2 outputs', () => {
    expect(parseComposeVersion(recorded('v1-version').stdout)).toBe('1.29.2');
    expect(parseComposeVersion(recorded('v1-version-short').stdout)).toBe('1.29.2');
  });
  it('reads Compose 2.x pretty, --short and --format json lines (version.go format strings)', () => {
    expect(parseComposeVersion('Docker Compose version v2.24.6-desktop.1\n')).toBe('2.24.6');
    expect(parseComposeVersion('Docker Compose version 2.32.4\n')).toBe('2.32.4');
    expect(parseComposeVersion('2.24.6\n')).toBe('2.24.6');
    expect(parseComposeVersion('{"version":"v2.24.6"}\n')).toBe('2.24.6');
  });
  it('finds no version in the real "unknown command" output', () => {
    const r = recorded('docker-compose-plugin-missing');
    expect(parseComposeVersion(r.stdout + r.stderr)).toBeNull();
  });
  it('knows which versions have up --wait', () => {
    expect(supportsWait('2.1.1')).toBe(true);
    expect(supportsWait('2.0.1')).toBe(false);
    expect(supportsWait('1.29.2')).toBe(false);
    expect(supportsWait('5.0.0')).toBe(true);
  });
});

describe('detectCompose', () => {
  it('prefers the v2 plugin and checks the daemon', async () => {
    const { run, calls } = fakeRun({
      'docker compose version': { code: 0, stdout: 'Docker Compose version v2.24.6\n', stderr: '' },
      'docker info --format {{.ServerVersion}}': daemonUp,
    });
    const d = await detectCompose(run);
    expect(d).toEqual({ ok: true, flavor: 'plugin', version: '2.24.6', command: ['docker', 'compose'], supportsWait: true, supportsJsonPs: true });
    expect(calls.map((c) => [c.cmd, ...c.args].join(' '))).toEqual(['docker compose version', 'docker info --format {{.ServerVersion}}']);
  });

  it('falls back to docker-compose 1.x when the plugin is missing (this machine, recorded)', async () => {
    const { run, calls } = fakeRun({
      'docker compose version': toResult(recorded('docker-compose-plugin-missing')),
      'docker-compose version': toResult(recorded('v1-version')),
      'docker info --format {{.ServerVersion}}': daemonUp,
    });
    const d = await detectCompose(run);
    expect(d).toMatchObject({ ok: true, flavor: 'standalone', version: '1.29.2', command: ['docker-compose'], supportsWait: false, supportsJsonPs: false });
    expect(calls).toHaveLength(3);
  });

  it('says Docker is not installed when both binaries are missing (ENOENT)', async () => {
    const { run } = fakeRun({ 'docker compose version': enoent('docker'), 'docker-compose version': enoent('docker-compose') });
    const d = await detectCompose(run);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.problem.kind).toBe('docker-missing');
      expect(d.problem.nextStep).toMatch(/Install Docker/);
    }
  });

  it('says Compose is missing when docker exists but neither compose does', async () => {
    const { run } = fakeRun({
      'docker compose version': toResult(recorded('docker-compose-plugin-missing')),
      'docker-compose version': enoent('docker-compose'),
    });
    const d = await detectCompose(run);
    expect(!d.ok && d.problem.kind).toBe('compose-missing');
    expect(!d.ok && d.problem.detail).toContain('unknown command: docker compose');
  });

  it('reports the daemon not running from the real docker info output', async () => {
    const { run } = fakeRun({
      'docker compose version': toResult(recorded('docker-compose-plugin-missing')),
      'docker-compose version': toResult(recorded('v1-version')),
      'docker info --format {{.ServerVersion}}': toResult(recorded('docker-info-daemon-down')),
    });
    const d = await detectCompose(run);
    expect(!d.ok && d.problem.kind).toBe('daemon-down');
    expect(!d.ok && d.problem.nextStep).toMatch(/Start Docker/);
  });

  it('reports permission denied on the socket from the real docker output', async () => {
    const { run } = fakeRun({
      'docker compose version': { code: 0, stdout: 'Docker Compose version v2.24.6\n', stderr: '' },
      'docker info --format {{.ServerVersion}}': toResult(recorded('docker-ps-permission-denied')),
    });
    const d = await detectCompose(run);
    expect(!d.ok && d.problem.kind).toBe('daemon-permission');
    expect(!d.ok && d.problem.nextStep).toMatch(/docker group/);
  });

  it('uses a standalone compose without a docker CLI and skips the daemon probe', async () => {
    const { run, calls } = fakeRun({ 'docker compose version': enoent('docker'), 'docker-compose version': toResult(recorded('v1-version')) });
    const d = await detectCompose(run);
    expect(d.ok).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
