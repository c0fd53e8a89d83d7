// The Schema Registry health probe on recorded answers of Apicurio Registry 3.3.3 (test/unit/fixtures), and on a real closed port.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeSchemaRegistry } from '@main/services/health/schema-registry-probe';
import { freePort } from '@main/services/stack/native';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const URL = 'http://127.0.0.1:8085/apis/ccompat/v7';

/** Answers one recorded body with its recorded status, and keeps what was asked. */
function recorded(file: string, status: number) {
  const asked: Array<{ url: string; headers: Record<string, string> }> = [];
  // the client asks with a string URL and a plain headers object
  const fetchFn = (url: string, init?: RequestInit) => {
    asked.push({ url, headers: init?.headers as Record<string, string> });
    return Promise.resolve(new Response(readFileSync(path.join(FIXTURES, file)), { status, headers: { 'content-type': 'application/json' } }));
  };
  return { fetchFn: fetchFn as typeof fetch, asked };
}

let clock = 1000;
const now = () => (clock += 7);

describe('probing the Schema Registry', () => {
  it('is up with its subject count when GET {url}/subjects answers a list', async () => {
    const { fetchFn, asked } = recorded('registry-subjects.json', 200);
    const health = await probeSchemaRegistry({ target: { url: `${URL}/` }, absence: null }, fetchFn, 2500, now);
    expect(health).toMatchObject({ status: 'up', reason: '', latencyMs: 7, details: { url: URL, subjects: 2 } });
    expect(asked.map((request) => request.url)).toEqual([`${URL}/subjects`]);
  });

  it('sends the sign-in but never shows it', async () => {
    const { fetchFn, asked } = recorded('registry-wrong-path.json', 404);
    const health = await probeSchemaRegistry(
      { target: { url: 'http://127.0.0.1:8085', auth: { kind: 'basic', username: 'reader', password: 's3cret-pw' } }, absence: null },
      fetchFn,
      2500,
      now,
    );
    expect(asked[0]?.headers.authorization).toBe(`Basic ${Buffer.from('reader:s3cret-pw').toString('base64')}`);
    expect(health.status).toBe('down');
    expect(health.reason).toContain('Schema Registry at http://127.0.0.1:8085: subjects: HTTP 404');
    expect(JSON.stringify(health)).not.toContain('s3cret-pw');
    expect(health.details).toEqual({ url: 'http://127.0.0.1:8085', subjects: null });
  });

  it('is down, saying so, when nothing listens', async () => {
    const url = `http://127.0.0.1:${await freePort()}/apis/ccompat/v7`;
    const health = await probeSchemaRegistry({ target: { url }, absence: null }, fetch, 2500, now);
    expect(health.status).toBe('down');
    expect(health.reason).toMatch(new RegExp(`^Schema Registry at ${url.replace(/[/.]/g, '\\$&')} did not answer \\(subjects\\): .*ECONNREFUSED`));
  });

  it('is not configured when the connection names none, with the reason when there is one', async () => {
    const { fetchFn, asked } = recorded('registry-subjects.json', 200);
    expect(await probeSchemaRegistry({ target: null, absence: null }, fetchFn, 2500, now)).toMatchObject({
      status: 'not-configured',
      reason: 'No Schema Registry URL in this connection',
      details: { url: null, subjects: null },
    });
    const absence = 'The local stack runs no Schema Registry: Apicurio Registry needs Java 21+: no Java 21+ found';
    expect(await probeSchemaRegistry({ target: null, absence }, fetchFn, 2500, now)).toMatchObject({ status: 'not-configured', reason: absence });
    expect(asked).toEqual([]);
  });
});
