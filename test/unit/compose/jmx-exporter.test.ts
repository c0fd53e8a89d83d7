// Runs the REAL Prometheus JMX exporter agent (compose/jmx-exporter/jmx_prometheus_javaagent.jar,
// fetched by compose/jmx-exporter/fetch-agent.sh) with kafka-broker.yml on a JVM holding MBeans
// named as Kafka names them, and checks the metric names the console reads.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '@main/services/stack/native/probes';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fakes';

const DIR = join(__dirname, '..', '..', '..', 'compose', 'jmx-exporter');
const JAR = join(DIR, 'jmx_prometheus_javaagent.jar');
const javaOk = spawnSync('java', ['-version']).status === 0;
const missing = !existsSync(JAR) ? `no agent jar (run: bash compose/jmx-exporter/fetch-agent.sh)` : !javaOk ? 'no java on the PATH' : null;
if (missing) console.warn(`[jmx-exporter] SKIPPED: ${missing}`);

describe.skipIf(missing !== null)('JMX exporter rules', () => {
  it('export Kafka throughput, request and partition metrics under the documented names', async () => {
    const port = await freePort();
    const child = spawn('java', [`-javaagent:${JAR}=127.0.0.1:${port}:${join(DIR, 'kafka-broker.yml')}`, join(FIXTURES, 'jmx', 'FakeKafkaMBeans.java'), '60000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (c) => String(c).includes('ready') && resolve());
        child.on('close', (code) => reject(new Error(`java exited ${code}: ${stderr}`)));
      });
      const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const line = (re: RegExp) => body.split('\n').find((l) => re.test(l));
      expect(line(/^kafka_server_brokertopicmetrics_bytesin_total\{topic="stavanger_parking_events",?\} 1234\.0$/)).toBeDefined();
      expect(line(/^kafka_server_brokertopicmetrics_bytesout_total\{topic="stavanger_parking_events",?\} 5678\.0$/)).toBeDefined();
      expect(line(/^kafka_server_brokertopicmetrics_messagesin_total\{topic="stavanger_parking_events",?\} 42\.0$/)).toBeDefined();
      expect(line(/^kafka_server_brokertopicmetrics_bytesin_total 9999\.0$/)).toBeDefined();
      expect(line(/^kafka_network_requestmetrics_requests_total\{request="Produce",version="9",?\} 77\.0$/)).toBeDefined();
      expect(line(/^kafka_network_requestmetrics_errors_total\{error="MESSAGE_TOO_LARGE",request="Produce",?\} 5\.0$/)).toBeDefined();
      expect(line(/^kafka_network_requestmetrics_errors_total\{error="NONE",request="Produce",?\} 70\.0$/)).toBeDefined();
      expect(line(/^kafka_server_replicamanager_underreplicatedpartitions 0\.0$/)).toBeDefined();
      expect(line(/^kafka_controller_kafkacontroller_activecontrollercount 1\.0$/)).toBeDefined();
      expect(body).not.toMatch(/logflush/i);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
