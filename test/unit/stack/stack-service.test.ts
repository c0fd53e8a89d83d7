// StackService without Kafka: the native stack with no jars (nothing can start) and a fake Docker Compose.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StackProgress } from '@shared/stack';
import type { ComposeDetection, ComposeProgress, ComposeServiceState, ComposeStack } from '@main/services/stack/compose';
import { freePort } from '@main/services/stack/native';
import { StackService, type StackServiceOptions } from '@main/services/stack/stack-service';

class FakeCompose implements ComposeStack {
  detection: ComposeDetection = { ok: true, flavor: 'plugin', version: '2.24.6', command: ['docker', 'compose'], supportsWait: true, supportsJsonPs: true };
  states: ComposeServiceState[] = [];
  calls: string[] = [];
  upEvents: ComposeProgress[] = [];

  detect() {
    this.calls.push('detect');
    return Promise.resolve(this.detection);
  }
  up(onProgress?: (event: ComposeProgress) => void) {
    this.calls.push('up');
    for (const event of this.upEvents) onProgress?.(event);
    this.states = this.states.map((state) => ({ ...state, state: 'running' as const }));
    return Promise.resolve(this.states);
  }
  down() {
    this.calls.push('down');
    this.states = this.states.map((state) => ({ ...state, state: 'exited' as const }));
    return Promise.resolve();
  }
  status() {
    return Promise.resolve(this.states);
  }
  logs() {
    return () => undefined;
  }
}

function composeState(service: string, state: ComposeServiceState['state'], port: number, health: ComposeServiceState['health'] = null): ComposeServiceState {
  return {
    service,
    container: `streamdesk-${service}-1`,
    state,
    health,
    exitCode: null,
    publishedPorts: [{ hostIp: '0.0.0.0', published: port, target: port, protocol: 'tcp' }],
  };
}

describe('StackService', () => {
  let root: string;
  let progress: StackProgress[];
  let options: StackServiceOptions;

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'stack-service-'));
    mkdirSync(path.join(root, 'lib'));
    progress = [];
    options = {
      dataDir: path.join(root, 'data'),
      libDir: path.join(root, 'lib'),
      confDir: path.join(root, 'conf'),
      kraft: false,
      ports: { kafka: await freePort(), zookeeper: await freePort(), flinkRest: await freePort(), sqlGateway: await freePort() },
      onProgress: (event) => progress.push(event),
      now: () => 1000,
    };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports the stopped native stack: its services and ports, the missing jars, the data size, and why Compose is off', async () => {
    mkdirSync(path.join(root, 'data', 'kafka'), { recursive: true });
    writeFileSync(path.join(root, 'data', 'kafka', 'segment.log'), 'x'.repeat(1234));
    const stack = new StackService(options);
    const status = await stack.status();
    expect(status).toMatchObject({ backend: 'native', kraft: false, dataDir: options.dataDir, dataSizeBytes: 1234, busy: 'idle', lastError: null });
    expect(status.compose).toEqual({ available: false, detail: 'Docker Compose support is not configured in this build' });
    expect(status.services.map((service) => [service.name, service.running, service.port, service.portHolder])).toEqual([
      ['zookeeper', false, options.ports?.zookeeper, null],
      ['kafka', false, options.ports?.kafka, null],
      ['flink-jobmanager', false, options.ports?.flinkRest, null],
      ['flink-taskmanager', false, options.ports?.flinkRest, null],
      ['flink-sql-gateway', false, options.ports?.sqlGateway, null],
    ]);
    expect(status.missingJars.join('\n')).toMatch(/zookeeper[\s\S]*kafka-zk[\s\S]*flink/);
    expect(stack.ports).toMatchObject({ kafka: options.ports?.kafka, zookeeper: options.ports?.zookeeper });
    expect(await stack.runningPids()).toEqual([]);
  });

  it('names the process on a taken port and starts nothing', async () => {
    const squatter = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(options.ports?.kafka, '127.0.0.1', resolve));
    try {
      const stack = new StackService(options);
      const kafka = (await stack.status()).services.find((service) => service.name === 'kafka');
      expect(kafka?.portHolder).toMatch(new RegExp(`^pid ${process.pid} \\(`));
      await expect(stack.up()).rejects.toThrow(`Nothing was started: port ${options.ports?.kafka} (kafka) is taken by pid ${process.pid}`);
      const status = await stack.status();
      expect(status.busy).toBe('idle');
      expect(status.lastError).toMatch(/^Nothing was started/);
      expect(progress).toEqual([]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('reads a native service log and refuses services the stack does not run', async () => {
    const stack = new StackService(options);
    const kafka = (await stack.status()).services.find((service) => service.name === 'kafka');
    mkdirSync(path.dirname(kafka!.logFile), { recursive: true });
    writeFileSync(kafka!.logFile, 'one\ntwo\nthree\n');
    expect(stack.logs('kafka', 2)).toEqual({ service: 'kafka', file: kafka!.logFile, lines: ['two', 'three'] });
    expect(() => stack.logs('kafka-ui', 2)).toThrow(/"kafka-ui" is not part of the local stack/);
    await expect(stack.restartService('kafka-ui')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses Docker Compose in a build without it, saying so', async () => {
    await expect(new StackService(options).setBackend('compose')).rejects.toMatchObject({
      code: 'unavailable',
      message: 'backend: Docker Compose cannot run here: Docker Compose support is not configured in this build',
    });
  });

  it('resets a stopped stack by deleting its data folders', async () => {
    mkdirSync(path.join(root, 'data', 'kafka'), { recursive: true });
    writeFileSync(path.join(root, 'data', 'kafka', 'segment.log'), 'x');
    writeFileSync(path.join(root, 'data', 'pipelines.json'), '{}');
    const status = await new StackService(options).reset();
    expect(status.dataSizeBytes).toBe(2);
  });

  describe('the Schema Registry', () => {
    beforeEach(() => {
      // only the fake JVM folder below decides
      vi.stubEnv('STREAMDESK_JAVA21_HOME', '');
      vi.stubEnv('JAVA_HOME', '');
    });
    afterEach(() => vi.unstubAllEnvs());

    function fakeJdk(name: string, version: string): string {
      const home = path.join(root, 'jvm', name);
      mkdirSync(path.join(home, 'bin'), { recursive: true });
      writeFileSync(path.join(home, 'bin', 'java'), '');
      writeFileSync(path.join(home, 'release'), `JAVA_VERSION="${version}"\n`);
      return path.join(root, 'jvm');
    }

    it('without Java 21+ is listed as skipped with the reason, needs no jars, and its port is no conflict', async () => {
      const squatter = net.createServer((socket) => socket.destroy());
      const port = await freePort();
      await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
      try {
        const stack = new StackService({
          ...options,
          schemaRegistry: true,
          jvmRoots: [fakeJdk('java-17', '17.0.15')],
          ports: { ...options.ports, schemaRegistry: port },
        });
        const status = await stack.status();
        const registry = status.services.find((service) => service.name === 'schema-registry');
        expect(registry).toMatchObject({ running: false, port, portHolder: null });
        expect(registry?.skipped).toMatch(/^Apicurio Registry needs Java 21\+: no Java 21\+ found \(only 17\.0\.15 found/);
        expect(status.missingJars.join('\n')).not.toContain('registry');
        expect(stack.schemaRegistry()).toEqual({ url: null, reason: `The local stack runs no Schema Registry: ${registry?.skipped}` });
        await expect(stack.restartService('schema-registry')).rejects.toThrow(/needs Java 21\+/);
      } finally {
        await new Promise((resolve) => squatter.close(resolve));
      }
    });

    it('with a JDK 21+ is part of the stack at its port, its jars fetched like the others', async () => {
      const port = await freePort();
      const stack = new StackService({
        ...options,
        schemaRegistry: true,
        jvmRoots: [fakeJdk('temurin-25', '25.0.3')],
        ports: { ...options.ports, schemaRegistry: port },
      });
      const status = await stack.status();
      expect(status.services.find((service) => service.name === 'schema-registry')).toMatchObject({ running: false, port, skipped: null });
      expect(status.missingJars.join('\n')).toMatch(/registry: .* is empty; fetch with: bash .*fetch-jars\.sh registry/);
      expect(stack.schemaRegistry()).toEqual({ url: `http://127.0.0.1:${port}/apis/ccompat/v7`, reason: null });
      expect(stack.ports.schemaRegistry).toBe(port);
    });

    it('is not part of a stack that did not ask for it', async () => {
      const stack = new StackService(options);
      expect((await stack.status()).services.map((service) => service.name)).not.toContain('schema-registry');
      expect(stack.schemaRegistry()).toEqual({ url: null, reason: null });
    });
  });

  describe('the Kafka Connect worker', () => {
    it('is part of a stack that asks for it, after Kafka, at its port (the one this data dir was started on, unless given), its jars fetched like the others', async () => {
      const port = await freePort();
      const stack = new StackService({ ...options, connect: true, ports: { ...options.ports, connect: port } });
      const status = await stack.status();
      expect(status.services.map((service) => service.name).slice(0, 3)).toEqual(['zookeeper', 'kafka', 'kafka-connect']);
      expect(status.services.find((service) => service.name === 'kafka-connect')).toMatchObject({ running: false, port, skipped: null });
      expect(status.missingJars.join('\n')).toMatch(/connect-zk: .* is empty; fetch with: bash .*fetch-jars\.sh connect-zk/);
      expect(stack.connectUrl()).toBe(`http://127.0.0.1:${port}`);
      expect(status.connectPlugins).toEqual([]);

      // a later start without --connect-port keeps the port the stack was last started on
      mkdirSync(options.dataDir, { recursive: true });
      writeFileSync(path.join(options.dataDir, 'stack-ports.json'), JSON.stringify({ connect: port + 1 }));
      expect(new StackService({ ...options, connect: true }).connectUrl()).toBe(`http://127.0.0.1:${port + 1}`);
      expect(new StackService({ ...options, connect: true, ports: { ...options.ports, connect: port } }).connectUrl()).toBe(`http://127.0.0.1:${port}`);
    });

    it('KRaft mode runs the KRaft line: its own component', async () => {
      const stack = new StackService({ ...options, kraft: true, connect: true });
      expect((await stack.status()).missingJars.join('\n')).toMatch(/connect-kraft: .* is empty/);
    });

    it('is not part of a stack that did not ask for it: no URL, and a plugin cannot be added', async () => {
      const stack = new StackService(options);
      expect((await stack.status()).services.map((service) => service.name)).not.toContain('kafka-connect');
      expect(stack.connectUrl()).toBeNull();
      await expect(stack.addConnectPlugin('debezium-postgres')).rejects.toThrow('plugin: the local stack runs no Kafka Connect worker');
      expect((await stack.status()).busy).toBe('idle');
    });
  });

  describe('under Docker Compose', () => {
    let compose: FakeCompose;
    let modes: boolean[];

    beforeEach(() => {
      compose = new FakeCompose();
      compose.states = [
        composeState('zookeeper', 'exited', 2181),
        composeState('kafka', 'exited', 9092, 'unhealthy'),
        composeState('kafka-ui', 'exited', 8080),
      ];
      modes = [];
      options.compose = (kraft) => (modes.push(kraft), compose);
    });

    it('leaves Docker Compose unasked for a while after deferComposeCheck, says so, and asks after or when switching', async () => {
      let clock = 1000;
      const stack = new StackService({ ...options, now: () => clock });
      stack.deferComposeCheck(10_000);
      expect((await stack.status()).compose).toEqual({
        available: false,
        detail: 'Not checked yet whether Docker Compose works here (StreamDesk has just started).',
      });
      expect(compose.calls).not.toContain('detect');
      clock += 10_000;
      expect((await stack.status()).compose).toMatchObject({ available: true, detail: 'docker compose 2.24.6' });
      expect(compose.calls.filter((call) => call === 'detect')).toHaveLength(1);

      const early = new StackService({ ...options, now: () => clock });
      early.deferComposeCheck(10_000);
      expect((await early.setBackend('compose')).compose).toMatchObject({ available: true, detail: 'docker compose 2.24.6' });
    });

    it('switches backends, lists the containers, starts with progress, stops and refuses to reset or switch while running', async () => {
      const stack = new StackService(options);
      expect((await stack.status()).compose).toMatchObject({ available: true, detail: 'docker compose 2.24.6' });
      const switched = await stack.setBackend('compose');
      expect(switched).toMatchObject({ backend: 'compose', missingJars: [] });
      expect(switched.services).toEqual([
        { name: 'zookeeper', pid: null, running: false, port: 2181, logFile: 'docker compose logs zookeeper', portHolder: null, health: null, skipped: null },
        { name: 'kafka', pid: null, running: false, port: 9092, logFile: 'docker compose logs kafka', portHolder: null, health: 'unhealthy', skipped: null },
        { name: 'kafka-ui', pid: null, running: false, port: 8080, logFile: 'docker compose logs kafka-ui', portHolder: null, health: null, skipped: null },
      ]);
      expect(await stack.runningPids()).toBeNull();

      compose.upEvents = [
        { service: 'kafka', phase: 'pulling' },
        { service: null, phase: 'downloading' },
        { service: 'kafka', phase: 'healthy' },
        { service: 'kafka-ui', phase: 'error', message: 'boom' },
        { service: 'zookeeper', phase: 'ready' },
      ];
      const up = await stack.up();
      expect(up.services.every((service) => service.running)).toBe(true);
      expect(progress.map((event) => [event.service, event.phase, event.message])).toEqual([
        ['kafka', 'starting', undefined],
        ['kafka', 'ready', undefined],
        ['kafka-ui', 'failed', 'boom'],
        ['zookeeper', 'ready', undefined],
      ]);

      await expect(stack.reset()).rejects.toThrow('Stop the local stack before resetting its data');
      await expect(stack.setBackend('native')).rejects.toThrow('stop the running compose stack before switching to native');

      progress = [];
      const down = await stack.down();
      expect(down.services.some((service) => service.running)).toBe(false);
      expect(progress.map((event) => `${event.service} ${event.phase}`)).toEqual([
        'zookeeper stopping',
        'kafka stopping',
        'kafka-ui stopping',
        'zookeeper stopped',
        'kafka stopped',
        'kafka-ui stopped',
      ]);
      expect(compose.calls.filter((call) => call !== 'detect')).toEqual(['up', 'down']);
      expect((await stack.setBackend('native')).backend).toBe('native');
      expect(modes.every((kraft) => kraft === false)).toBe(true);
    });

    it('refuses Compose when Docker does not answer, saying why', async () => {
      compose.detection = { ok: false, problem: { kind: 'daemon-down', message: 'The Docker daemon is not running.', nextStep: 'Start Docker.' } };
      const stack = new StackService(options);
      await expect(stack.setBackend('compose')).rejects.toMatchObject({
        code: 'unavailable',
        message: 'backend: Docker Compose cannot run here: The Docker daemon is not running. Start Docker.',
      });
      expect((await stack.status()).backend).toBe('native');
    });

    it('wraps a failed Compose start as unavailable and keeps its message as the last error', async () => {
      const stack = new StackService(options);
      await stack.setBackend('compose');
      compose.up = () => Promise.reject(new Error('image pull failed'));
      await expect(stack.up()).rejects.toMatchObject({ code: 'unavailable', message: 'image pull failed' });
      expect((await stack.status()).lastError).toBe('image pull failed');
    });
  });
});
