// The seed's ingest route with a schema: the query's subject/format/message become the call's
// valueSchema, and the call's issue paths are named as the request named them.
import { describe, expect, it } from 'vitest';
import { ingestFromSeed, ingestIssuePaths, SeedRequestError } from '@main/hosts/seed-requests';
import { dispatch } from '@main/core/dispatch';
import type { Api } from '@shared/contract';

const q = (query: string) => new URLSearchParams(query);

describe('POST /api/streaming/ingest/:topic?subject=&format=', () => {
  it('asks for the subject, with the format and Protobuf message when given', () => {
    expect(ingestFromSeed('t', [{ a: 1 }], q('subject=t-value&format=avro'))).toEqual({
      topic: 't',
      records: [{ a: 1 }],
      valueSchema: { subject: 't-value', format: 'avro' },
    });
    expect(ingestFromSeed('t', { a: 1 }, q('subject=o&message=shop.Order'))).toEqual({
      topic: 't',
      records: [{ a: 1 }],
      valueSchema: { subject: 'o', message: 'shop.Order' },
    });
    expect(ingestFromSeed('t', [{ a: 1 }])).toEqual({ topic: 't', records: [{ a: 1 }] });
  });

  it('refuses a format without a subject, naming subject', () => {
    expect(() => ingestFromSeed('t', [], q('format=avro'))).toThrow(SeedRequestError);
    expect(() => ingestFromSeed('t', [], q('format=avro'))).toThrow(/^subject: is required with format/);
  });

  it('names a record by its index and a schema setting by its query name', () => {
    expect(ingestIssuePaths([{}, {}])(['records', 1, 'free'])).toEqual([1, 'free']);
    expect(ingestIssuePaths({})(['records', 0, 'free'])).toEqual(['free']);
    expect(ingestIssuePaths([])(['valueSchema', 'format'])).toEqual(['format']);
  });

  it('refuses an unknown format through the contract, before anything is written', async () => {
    const envelope = await dispatch({} as Api, 'messages:ingest', ingestFromSeed('t', [{ a: 1 }], q('subject=s&format=xml')));
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument', issues: [{ path: ['valueSchema', 'format'] }] } });
  });
});
