// Each failure message → its problem kind. recorded/* are real outputs from this machine;
// daemon-errors.json holds the daemon's documented pull errors (see documented/PROVENANCE.md).
import { describe, expect, it } from 'vitest';
import { ComposeError, classifyOutput, lastLine } from '@main/services/stack/compose/errors';
import { documented, recorded } from './fakes';

const out = (name: string) => {
  const r = recorded(name);
  return r.stderr + r.stdout;
};

describe('classifyOutput', () => {
  it.each([
    ['docker-ps-daemon-down', 'daemon-down'],
    ['docker-info-daemon-down', 'daemon-down'],
    ['docker-pull-daemon-down', 'daemon-down'],
    ['v1-ps-daemon-down', 'daemon-down'],
    ['v1-up-daemon-down', 'daemon-down'],
    ['v1-pull-daemon-down', 'daemon-down'],
    ['v1-logs-daemon-down', 'daemon-down'],
    ['docker-ps-permission-denied', 'daemon-permission'],
    ['v1-ps-permission-denied', 'daemon-permission'],
    ['docker-compose-plugin-missing', 'compose-missing'],
    ['docker-compose-plugin-missing-ps', 'compose-missing'],
  ])('real output %s → %s', (name, kind) => {
    const r = recorded(name);
    expect(r.code).not.toBe(0);
    expect(classifyOutput(out(name), 'op').kind).toBe(kind);
  });

  it('finds the missing image in the daemon pull errors', () => {
    const errors = JSON.parse(documented('daemon-errors.json')) as Record<string, string>;
    const manifest = classifyOutput(errors.manifestUnknown, 'pull');
    expect(manifest.kind).toBe('image-missing');
    expect(manifest.message).toContain('confluentinc/cp-kafka:7.4.99');
    const denied = classifyOutput(errors.pullAccessDenied, 'pull');
    expect(denied.kind).toBe('image-missing');
    expect(denied.message).toContain('streamdesk/not-an-image');
    expect(classifyOutput(errors.noSuchImage, 'up').message).toContain('apache/flink:1.18.1');
  });

  it('gives anything else a generic failure with the last line, and keeps the detail', () => {
    const p = classifyOutput(out('v1-config-invalid'), 'docker compose config');
    expect(p.kind).toBe('failed');
    expect(p.message).toBe("docker compose config failed: Service 'broken' depends on service 'missing-service' which is undefined..");
    expect(p.detail).toContain('missing-service');
  });

  it('takes a Python traceback by its last line', () => {
    expect(lastLine(out('v1-ps-daemon-down'))).toMatch(/^docker\.errors\.DockerException: Error while fetching server API version/);
  });

  it('ComposeError carries the contract code, the kind and the next step', () => {
    const e = new ComposeError(classifyOutput(out('docker-ps-permission-denied'), 'op'));
    expect(e.code).toBe('forbidden');
    expect(e.kind).toBe('daemon-permission');
    expect(e.message).toContain(e.nextStep);
    expect(new ComposeError(classifyOutput(out('docker-ps-daemon-down'), 'op')).code).toBe('unavailable');
  });
});
