// The native stack's Schema Registry (Apicurio Registry 3 on a JDK 21+, H2 on disk) against the real thing:
// it starts on the port asked for, answers the Confluent-compatible API, and keeps what was registered across a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NativeStack, type NativeProgressEvent } from '@main/services/stack/native';
import { CCOMPAT_PATH } from '@main/services/stack/native/schema-registry';
import { ensureJars, freePorts, NATIVE_DIR, startTestStack, type TestStack } from '../stack';

const SCHEMA = JSON.stringify({ type: 'record', name: 'Garage', namespace: 'test.registry', fields: [{ name: 'garage', type: 'string' }] });

async function register(base: string, subject: string): Promise<number> {
  const response = await fetch(`${base}/subjects/${subject}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: SCHEMA }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: number }).id;
}

async function subjects(base: string): Promise<string[]> {
  const response = await fetch(`${base}/subjects`);
  expect(response.status).toBe(200);
  return (await response.json()) as string[];
}

describe('the Schema Registry as a native-stack service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'streamdesk-registry-'));
  let stack: NativeStack | null = null;
  afterAll(async () => {
    await stack?.down();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on the port asked for, answers /subjects, and keeps a registered schema across a restart', async () => {
    const [port] = (await freePorts(1)) as [number];
    stack = new NativeStack({
      dataDir,
      libDir: join(NATIVE_DIR, 'lib'),
      confDir: join(NATIVE_DIR, 'conf'),
      ports: { schemaRegistry: port },
      schemaRegistry: true,
      only: ['schema-registry'],
    });
    expect(stack.skipReason('schema-registry')).toBeNull();
    ensureJars(stack);
    const events: NativeProgressEvent[] = [];
    await stack.up((event) => events.push(event), 180_000);
    expect(events.at(-1)).toMatchObject({ service: 'schema-registry', phase: 'ready' });
    expect(events.at(-1)?.message).toMatch(/Apicurio Registry 3\.\d+\.\d+, 0 subject\(s\)/);
    const base = `http://127.0.0.1:${port}${CCOMPAT_PATH}`;
    expect(await subjects(base)).toEqual([]);
    const id = await register(base, 'garages-value');

    await stack.down();
    expect((await stack.state())[0]).toMatchObject({ name: 'schema-registry', running: false });
    await stack.up(undefined, 180_000);

    expect(await subjects(base)).toEqual(['garages-value']);
    const back = (await (await fetch(`${base}/schemas/ids/${id}`)).json()) as { schema: string };
    expect(JSON.parse(back.schema)).toEqual(JSON.parse(SCHEMA));
    // H2 on disk, in the stack's own data dir
    expect(stack.versions().registry).toMatch(/^3\./);
  });
});

describe('startTestStack({ schemaRegistry: true })', () => {
  let t: TestStack | null = null;
  afterAll(async () => t?.stop());

  it('starts the registry beside the rest and gives its ccompat URL', async () => {
    t = await startTestStack({ schemaRegistry: true, kraft: true });
    expect(t.schemaRegistryUrl).toBe(`http://127.0.0.1:${t.ports.schemaRegistry}${CCOMPAT_PATH}`);
    expect(await subjects(t.schemaRegistryUrl!)).toEqual([]);
    expect((await t.stack.state()).map((s) => s.name)).toContain('schema-registry');
  });
});
