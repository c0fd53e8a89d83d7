// A fetch that answers from the recorded Kafka Connect worker (fixtures/connect.json, written by
// scripts/record-connect-fixtures.mjs), keyed by method and path; a label picks one of two recorded answers to the
// same request (before and after a change), and `down` plays a worker that does not answer.
import { readFileSync } from 'node:fs';

interface Recorded {
  recordedWith: string;
  answers: Record<string, { status: number; body: unknown }>;
}

export const recorded = JSON.parse(readFileSync(new URL('fixtures/connect.json', import.meta.url), 'utf8')) as Recorded;

export const CONNECT_URL = 'http://connect.test:8084';

export interface RecordedFetch {
  fetch: typeof fetch;
  /** "METHOD /path?query" of each request, with its JSON body when it had one */
  calls: Array<{ request: string; body: unknown; authorization: string | null }>;
  down: { value: boolean };
  /** "METHOD /path" → the label of the recorded answer to give */
  labels: Record<string, string>;
}

export function recordedFetch(): RecordedFetch {
  const rf: RecordedFetch = { fetch: undefined as unknown as typeof fetch, calls: [], down: { value: false }, labels: {} };
  rf.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const request = `${init?.method ?? 'GET'} ${url.pathname}${url.search}`;
    const headers = new Headers(init?.headers);
    rf.calls.push({ request, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null, authorization: headers.get('authorization') });
    if (rf.down.value) return Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8084') }));
    const label = rf.labels[request];
    const answer = recorded.answers[label ? `${request} (${label})` : request];
    if (!answer) return Promise.resolve(new Response(JSON.stringify({ error_code: 404, message: `not recorded: ${request}` }), { status: 404 }));
    const body = answer.body === null ? null : JSON.stringify(answer.body);
    return Promise.resolve(new Response(body, { status: answer.status }));
  };
  return rf;
}
