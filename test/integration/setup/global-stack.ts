import type { TestProject } from 'vitest/node';
import { startTestStack, type TestStack } from '@test/stack';

export interface SharedStack {
  dataDir: string;
  bootstrap: string;
  zookeeper: string;
  flinkUrl: string;
  sqlGatewayUrl: string;
  /** The broker's Prometheus JMX exporter (the same agent and rules as the app's local stack). */
  exporterUrl: string;
  ports: { kafka: number; zookeeper: number; flinkRest: number; sqlGateway: number };
}

declare module 'vitest' {
  export interface ProvidedContext {
    sharedStack: SharedStack;
  }
}

/** One real native stack (ZooKeeper, Kafka 3.9, Flink) for every integration test, on free ports. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  let stack: TestStack;
  try {
    stack = await startTestStack({
      jmxExporter: true,
      onProgress: (event) => console.log(`[stack] ${event.service} ${event.phase}${event.message ? `: ${event.message}` : ''}`),
    });
  } catch (error) {
    console.error(`[stack] the shared native stack did not start: ${(error as Error).message}`);
    throw error;
  }
  console.log(`[stack] up in ${((Date.now() - started) / 1000).toFixed(1)} s (${stack.dataDir})`);
  project.provide('sharedStack', {
    dataDir: stack.dataDir,
    bootstrap: stack.bootstrap,
    zookeeper: `${stack.host}:${stack.ports.zookeeper}`,
    flinkUrl: stack.flinkUrl,
    sqlGatewayUrl: stack.sqlGatewayUrl,
    exporterUrl: stack.exporterUrl ?? missingExporter(),
    ports: { kafka: stack.ports.kafka, zookeeper: stack.ports.zookeeper!, flinkRest: stack.ports.flinkRest, sqlGateway: stack.ports.sqlGateway },
  });
  return () => stack.stop();
}

function missingExporter(): never {
  throw new Error('the shared stack has no JMX exporter: its agent jar is missing (run: bash compose/jmx-exporter/fetch-agent.sh)');
}
