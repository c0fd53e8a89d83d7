import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServe, streamdesk } from './cli';
import { freePort, type E2eEnv } from './stack-env';

/**
 * Starts a real native stack on free ports with the CLI (`streamdesk stack up --native`; its Schema
 * Registry too, which needs a JDK 21+ on the machine, and its Kafka Connect worker), then
 * `streamdesk serve` against it. Teardown stops both.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'streamdesk-e2e-'));
  // Profiles of this run live in the temp dir, never in the user's ~/.config.
  process.env.STREAMDESK_CONFIG_DIR = path.join(dataDir, 'config');
  const stackArgs = [
    '--data-dir',
    dataDir,
    '--kafka-port',
    String(await freePort()),
    '--zookeeper-port',
    String(await freePort()),
    '--flink-port',
    String(await freePort()),
    '--exporter-port',
    String(await freePort()),
    '--sql-gateway-port',
    String(await freePort()),
    '--registry-port',
    String(await freePort()),
    '--connect-port',
    String(await freePort()),
  ];
  console.log(`[e2e] starting the native stack in ${dataDir}`);
  const up = streamdesk(['stack', 'up', '--native', ...stackArgs]);
  if (up.status !== 0) {
    // whatever did start must not outlive the failed run
    streamdesk(['stack', 'down', ...stackArgs]);
    throw new Error(`streamdesk stack up failed (${up.status}):\n${up.stdout}\n${up.stderr}`);
  }
  const serve = await startServe(['--port', String(await freePort()), ...stackArgs]);
  console.log(`[e2e] serve at ${serve.url.replace(/token=.*/, 'token=…')}`);
  const env: E2eEnv = { dataDir, stackArgs, serveUrl: serve.url, servePid: serve.child.pid! };
  process.env.STREAMDESK_E2E = JSON.stringify(env);
}
