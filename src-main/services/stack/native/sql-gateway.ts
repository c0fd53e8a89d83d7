// The Flink SQL Gateway as a native-stack process: same classpath and config folder as the
// JobManager (flink-dist runs it the same way from lib/ + opt/), its own REST port.
import { join } from 'node:path';
import { FLINK_JAVA17_OPTS } from './configs';
import type { Layout } from './layout';
import { getJson } from './probes';
import type { Launch } from './services';

const SERVICE = 'flink-sql-gateway' as const;

/** The jar whose presence in lib/flink proves the gateway was fetched (older lib folders lack it). */
export const SQL_GATEWAY_JAR = /^flink-sql-gateway-\d.*\.jar$/;

/**
 * Gateway settings passed as dynamic properties, so the JobManager's generated flink-conf.yaml
 * stays the single config file: the gateway submits to that session cluster (execution.target
 * remote + rest.address/port from the file).
 */
function sqlGatewayDynamicProperties(host: string, port: number): string[] {
  return [
    `-Dsql-gateway.endpoint.rest.address=${host}`,
    `-Dsql-gateway.endpoint.rest.bind-address=${host}`,
    `-Dsql-gateway.endpoint.rest.port=${port}`,
    '-Dexecution.target=remote',
  ];
}

/** Ready when GET /v1/info answers (it names the product and its Flink version). */
export function sqlGatewayProbe(l: Layout): () => Promise<string | null> {
  return async () => {
    const info = (await getJson(`http://${l.host}:${l.ports.sqlGateway}/v1/info`)) as { productName?: string; version?: string };
    return info.version ? `REST up, ${info.productName ?? 'SQL Gateway'} ${info.version}` : null;
  };
}

export function launchSqlGateway(l: Layout): Launch {
  const log4j = join(l.confDir, 'flink-log4j2.properties');
  return {
    args: [
      '-Xmx384m',
      '-Xms128m',
      '-XX:MaxMetaspaceSize=256m',
      ...FLINK_JAVA17_OPTS,
      ...l.markers(SERVICE),
      '-Djava.awt.headless=true',
      `-XX:ErrorFile=${join(l.logsDir, `${SERVICE}-hs_err_%p.log`)}`,
      // the planner loader unpacks the planner jar into java.io.tmpdir: keep it inside the stack
      `-Djava.io.tmpdir=${join(l.flinkDir, 'tmp')}`,
      `-Dlog.file=${l.logFile(SERVICE)}`,
      `-Dlog4j.configuration=file:${log4j}`,
      `-Dlog4j.configurationFile=file:${log4j}`,
      '-cp',
      l.classpath('flink'),
      'org.apache.flink.table.gateway.SqlGateway',
      ...sqlGatewayDynamicProperties(l.host, l.ports.sqlGateway),
    ],
    env: { FLINK_CONF_DIR: l.flinkConfDir, FLINK_PLUGINS_DIR: join(l.flinkDir, 'plugins') },
    probe: sqlGatewayProbe(l),
  };
}
