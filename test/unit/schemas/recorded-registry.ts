// A fetch that answers from the recorded Apicurio Registry (fixtures/schema-registry.json, written
// by scripts/record-schema-registry-fixtures.mjs), and can be switched off to play a registry that
// does not answer.
import { readFileSync } from 'node:fs';

interface Recorded {
  recordedWith: string;
  ids: Record<'money' | 'parking' | 'common' | 'orders' | 'alert', number>;
  globalIds: Record<'parking' | 'orders' | 'parkingMirror', number>;
  answers: Record<string, { status: number; body: unknown }>;
}

const recorded = JSON.parse(readFileSync(new URL('fixtures/schema-registry.json', import.meta.url), 'utf8')) as Recorded;

export const REGISTRY_URL = 'http://registry.test:8085/apis/ccompat/v7';
export const fixture = recorded;

export function recordedFetch(): { fetch: typeof fetch; calls: string[]; down: { value: boolean } } {
  const calls: string[] = [];
  const down = { value: false };
  const answers = recorded.answers;
  const fake = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    calls.push(`${url.pathname}${url.search}`);
    void init;
    if (down.value) return Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8085') }));
    const answer = answers[`GET ${url.pathname}${url.search}`];
    if (!answer) return Promise.resolve(new Response(JSON.stringify({ message: 'not recorded', error_code: 40400 }), { status: 404 }));
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  };
  return { fetch: fake, calls, down };
}
