// Connect refuses requests while its group rebalances (seen on the native stack's worker: a resume right after an
// offsets reset answered 500 "Request cannot be completed because a rebalance is expected"); the client asks again.
import { describe, expect, it } from 'vitest';
import { ConnectClient } from '@main/clients/connect/connect-client';
import { StreamdeskError } from '@shared/errors';

const REBALANCE_EXPECTED = { status: 500, body: { error_code: 500, message: 'Request cannot be completed because a rebalance is expected' } };
const STALE = {
  status: 409,
  body: { error_code: 409, message: 'Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)' },
};
const TAKEN = { status: 409, body: { error_code: 409, message: 'Connector it-source already exists' } };
const ACCEPTED = { status: 202, body: null };

/** Answers in turn (the last one again once they run out), and counts the requests. */
function answering(...answers: Array<{ status: number; body: unknown }>) {
  const seen: string[] = [];
  const fetchFn = (input: string | URL | Request, init?: RequestInit) => {
    seen.push(`${init?.method ?? 'GET'} ${typeof input === 'string' ? input : input instanceof URL ? input.href : input.url}`);
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    return Promise.resolve(new Response(answer.body === null ? null : JSON.stringify(answer.body), { status: answer.status }));
  };
  return { seen, client: new ConnectClient({ url: 'http://127.0.0.1:8084', fetch: fetchFn, rebalanceWaitMs: 1_000 }) };
}

describe('ConnectClient while the Connect group rebalances', () => {
  it('asks again after a "rebalance is expected" (500) or a "stale configuration" (409) and answers what Connect finally says', async () => {
    const { seen, client } = answering(REBALANCE_EXPECTED, STALE, ACCEPTED);
    await expect(client.resume('it-source')).resolves.toBeUndefined();
    expect(seen).toEqual(Array(3).fill('PUT http://127.0.0.1:8084/connectors/it-source/resume'));
  });

  it("gives up after its wait with Connect's own words, and never retries another refusal", async () => {
    const rebalancing = answering(REBALANCE_EXPECTED);
    const started = Date.now();
    const error = await rebalancing.client.resume('it-source').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamdeskError);
    expect((error as StreamdeskError).message).toContain('a rebalance is expected');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(rebalancing.seen.length).toBeGreaterThan(1);

    const taken = answering(TAKEN);
    const conflict = await taken.client.create('it-source', { 'connector.class': 'FileStreamSource' }).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ code: 'conflict' });
    expect(taken.seen).toHaveLength(1);
  });
});
