// Property tests: every contract call, fed hostile arguments through the real dispatch, is either
// refused before any handler runs (with a message naming the field) or handed a value the
// contract allows. The calls that pass validation meet a real stack in
// test/integration/hostile-input.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, calls, type Api, type CallName } from '@shared/contract';
import { dispatch } from '@main/core/dispatch';
import { argsSchema, assertProperty, brokenArb, namesField } from './hostile-args';

/** An Api whose every handler only records that it ran and with what. */
function recordingApi(): { api: Api; ran: { name: string; args: unknown }[] } {
  const ran: { name: string; args: unknown }[] = [];
  const api = new Proxy({} as Api, {
    get: (_target, name) => (args: unknown) => {
      ran.push({ name: String(name), args });
      return Promise.resolve({});
    },
  });
  return { api, ran };
}

describe.each(CALL_NAMES.map((name) => [name] as [CallName]))('%s with hostile arguments', (name) => {
  const schema = argsSchema(name);

  it('refuses broken arguments before any handler runs, naming the field', async () => {
    await assertProperty(
      fc.asyncProperty(brokenArb(schema), async (broken) => {
        const { api, ran } = recordingApi();
        const envelope = await dispatch(api, name, broken.args);
        expect(ran, `${broken.how}: the handler ran`).toEqual([]);
        expect(envelope.ok, `${broken.how} of ${broken.field} was accepted`).toBe(false);
        if (envelope.ok) return;
        expect(envelope.error.code).toBe('invalid-argument');
        expect(envelope.error.message.startsWith(`${name}: `)).toBe(true);
        if (broken.field)
          expect(
            namesField(envelope.error.message, broken.field),
            `"${envelope.error.message.slice(0, 300)}" does not name ${broken.field} (${broken.how})`,
          ).toBe(true);
        expect(envelope.error.message.length).toBeLessThan(4000); // a huge value is never echoed back whole
      }),
      25,
    );
  }, 120_000);

  it('answers any value at all with an envelope, and a handler only ever sees arguments the contract allows', async () => {
    await assertProperty(
      fc.asyncProperty(
        fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withTypedArray: true, withSparseArray: true }),
        async (value) => {
          const { api, ran } = recordingApi();
          const envelope = await dispatch(api, name, value);
          expect(typeof envelope.ok).toBe('boolean');
          if (!envelope.ok) expect(envelope.error.code).toBe('invalid-argument');
          for (const call of ran) expect(calls[name].args.safeParse(call.args).success).toBe(true);
        },
      ),
      15,
    );
  }, 120_000);
});

describe('unknown call names', () => {
  it('are refused as unknown-call, including names inherited from Object.prototype', async () => {
    const inherited = fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'topics:list ',
      'KAFKA:LISTTOPICS',
      'topics:list\u0000',
    );
    const anyName = fc.oneof(
      inherited,
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ minLength: 10_000, maxLength: 20_000 }),
      fc.anything({ maxDepth: 1, withNullPrototype: true }),
    );
    await assertProperty(
      fc.asyncProperty(anyName, fc.anything({ maxDepth: 2 }), async (name, args) => {
        fc.pre(!(typeof name === 'string' && (CALL_NAMES as string[]).includes(name)));
        const { api, ran } = recordingApi();
        const envelope = await dispatch(api, name, args);
        expect(ran).toEqual([]);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
        if (!envelope.ok) expect(envelope.error.message.length).toBeLessThan(200);
      }),
      300,
    );
  }, 120_000);
});
