import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { GeneratorStartArgs, GeneratorStopArgs } from '@shared/generator';
import type { Api } from '@shared/contract';
import { dispatch } from '@main/core/dispatch';
import { GeneratorService } from '@main/services/generator/generator-service';

const good = { topic: 'stavanger_parking_events', kind: 'stavanger-parking' as const, ratePerSec: 500 };

/** The message a host would show: every issue prefixed with the field it is about. */
function problem(args: unknown, schema: z.ZodType = GeneratorStartArgs): string {
  const result = schema.safeParse(args);
  if (result.success) return '';
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

describe('generator arguments', () => {
  it('accepts a plain start, with or without maxRecords and seed', () => {
    expect(problem(good)).toBe('');
    expect(problem({ ...good, maxRecords: 1000, seed: -3 })).toBe('');
    expect(problem({ ...good, ratePerSec: 20000 })).toBe('');
  });

  it.each([
    [{ ...good, topic: '' }, /^topic: .*empty/],
    [{ ...good, topic: 'bad topic!' }, /^topic: .*letters, digits/],
    [{ ...good, topic: 'x'.repeat(250) }, /^topic: .*249/],
    [{ ...good, kind: 'weather' }, /^kind: /],
    [{ ...good, ratePerSec: 0 }, /^ratePerSec: must be at least 1/],
    [{ ...good, ratePerSec: 20001 }, /^ratePerSec: must be at most 20000/],
    [{ ...good, ratePerSec: 2.5 }, /^ratePerSec: must be a whole number/],
    [{ ...good, ratePerSec: '500' }, /^ratePerSec: /],
    [{ ...good, maxRecords: 0 }, /^maxRecords: must be at least 1/],
    [{ ...good, seed: 1.5 }, /^seed: must be a whole number/],
    [{ ...good, colour: 'red' }, /colour/],
    [{ kind: 'log-lines', ratePerSec: 5 }, /^topic: /],
  ])('rejects %j naming the field', (args, expected) => {
    expect(problem(args)).toMatch(expected);
  });

  it('stop arguments need an id', () => {
    expect(problem({}, GeneratorStopArgs)).toMatch(/^id: /);
    expect(problem({ id: 'gen-1' }, GeneratorStopArgs)).toBe('');
  });

  it('bad arguments are refused with invalid-argument on the way to the service, before touching Kafka', async () => {
    // The dispatcher checks the contract; the service trusts what it parsed. Port 9 (discard)
    // would hang or refuse; reaching it would be the failure.
    const service = new GeneratorService({ target: () => ({ brokers: ['127.0.0.1:9'] }) });
    const api = { 'generator:start': (args: Parameters<GeneratorService['start']>[0]) => service.start(args) } as unknown as Api;
    const envelope = await dispatch(api, 'generator:start', { ...good, ratePerSec: 0 });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/^generator:start: ratePerSec: /) as string, issues: [{ path: ['ratePerSec'] }] },
    });
    expect(service.list()).toEqual([]);
  });

  it('stopping an unknown generator is not-found, naming the id', async () => {
    const service = new GeneratorService({ target: () => ({ brokers: ['127.0.0.1:9'] }) });
    await expect(service.stop('gen-nope')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('gen-nope') as string });
  });
});
