// StackService's cluster shape (one broker or three, plain or secure) without Kafka: the native stack with no jars.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StackUpArgs } from '@shared/stack';
import type { ComposeStack } from '@main/services/stack/compose';
import { freePort } from '@main/services/stack/native';
import { StackService, type StackServiceOptions } from '@main/services/stack/stack-service';

let root: string;
let options: StackServiceOptions;
let asked: number;
const PASSWORD = 'not-shown-anywhere-1234';

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'stack-shape-'));
  mkdirSync(path.join(root, 'lib'));
  asked = 0;
  options = {
    dataDir: path.join(root, 'data'),
    libDir: path.join(root, 'lib'),
    confDir: path.join(root, 'conf'),
    kraft: false,
    ports: { kafka: await freePort(), zookeeper: await freePort(), flinkRest: await freePort(), sqlGateway: await freePort() },
    superUserPassword: () => {
      asked += 1;
      return PASSWORD;
    },
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const shapeFile = () => path.join(root, 'data', 'stack-shape.json');

describe('StackService: brokers and security', () => {
  it('starts as one plain broker, and the contract takes only 1 or 3 brokers, naming the field', async () => {
    const status = await new StackService(options).status();
    expect(status).toMatchObject({ brokers: 1, superUser: null });
    const bad = StackUpArgs.safeParse({ brokers: 2 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['brokers'], message: 'one broker or three (1 or 3)' });
    expect(StackUpArgs.safeParse({ secure: 'yes' }).error?.issues[0]?.path).toEqual(['secure']);
  });

  it('asks for three secure brokers: checks every broker port, asks the secret store first, and starts nothing on a taken port', async () => {
    const kafka = options.ports?.kafka ?? 0;
    const squatter = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(kafka + 2, '127.0.0.1', resolve));
    try {
      const stack = new StackService(options);
      await expect(stack.up({ brokers: 3, secure: true })).rejects.toThrow(`port ${kafka + 2} (kafka-3) is taken by pid ${process.pid}`);
      const status = await stack.status();
      expect(status.services.filter((s) => s.name.startsWith('kafka')).map((s) => [s.name, s.port, s.running])).toEqual([
        ['kafka', kafka, false],
        ['kafka-2', kafka + 1, false],
        ['kafka-3', kafka + 2, false],
      ]);
      expect(status).toMatchObject({ brokers: 3, superUser: 'streamdesk' });
      expect(JSON.stringify(status)).not.toContain(PASSWORD);
      expect(asked).toBe(1);
      expect(stack.kafkaBootstrap()).toEqual([`127.0.0.1:${kafka}`, `127.0.0.1:${kafka + 1}`, `127.0.0.1:${kafka + 2}`]);
      // nothing ran, so the data dir still says what it said
      expect(existsSync(shapeFile())).toBe(false);
    } finally {
      squatter.close();
    }
  });

  it('refuses a secure stack without a secret store, naming the field, and changes nothing', async () => {
    const { superUserPassword: _none, ...withoutStore } = options;
    const stack = new StackService(withoutStore);
    await expect(stack.up({ secure: true })).rejects.toMatchObject({ code: 'unavailable', issues: [{ path: ['secure'] }] });
    expect(await stack.status()).toMatchObject({ brokers: 1, superUser: null });
  });

  it('refuses three brokers or a secure stack under Docker Compose, naming the field, and starts nothing', async () => {
    const compose: ComposeStack = {
      detect: () =>
        Promise.resolve({ ok: true, flavor: 'plugin', version: '2.24.6', command: ['docker', 'compose'], supportsWait: true, supportsJsonPs: true }),
      up: () => Promise.reject(new Error('must not start')),
      down: () => Promise.resolve(),
      status: () => Promise.resolve([]),
      logs: () => () => undefined,
    };
    const stack = new StackService({ ...options, compose: () => compose });
    await stack.setBackend('compose');
    await expect(stack.up({ brokers: 3 })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: ['brokers'] }] });
    await expect(stack.up({ secure: true })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: ['secure'] }] });
    expect(await stack.status()).toMatchObject({ brokers: 1, superUser: null });
    expect(asked).toBe(0);
  });

  it('adopts the shape the data dir’s stack was started with', async () => {
    mkdirSync(path.join(root, 'data'), { recursive: true });
    writeFileSync(shapeFile(), JSON.stringify({ brokers: 3, secure: true }));
    const stack = new StackService({ ...options, kraft: true });
    const status = await stack.status();
    expect(status).toMatchObject({ brokers: 3, superUser: 'streamdesk' });
    expect(status.services.map((s) => s.name).slice(0, 3)).toEqual(['kafka', 'kafka-2', 'kafka-3']);
    expect(asked).toBe(0);
  });

  it('adopts the metadata mode the data dir recorded unless one is asked for (an app or serve opened without --kraft)', async () => {
    mkdirSync(path.join(root, 'data'), { recursive: true });
    writeFileSync(shapeFile(), JSON.stringify({ brokers: 3, secure: false, kraft: true }));
    const { kraft: _unasked, ...unasked } = options;
    const adopted = new StackService(unasked);
    expect(await adopted.status()).toMatchObject({ kraft: true, brokers: 3 });
    expect(adopted.ports.zookeeper).toBeNull();
    expect((await adopted.status()).services.map((s) => s.name)).not.toContain('zookeeper');
    expect(await new StackService({ ...options, kraft: false }).status()).toMatchObject({ kraft: false });
    // a record from before the mode was recorded is a ZooKeeper-mode stack
    writeFileSync(shapeFile(), JSON.stringify({ brokers: 1, secure: false }));
    expect(await new StackService(unasked).status()).toMatchObject({ kraft: false });
  });
});
