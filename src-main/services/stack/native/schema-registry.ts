// Apicurio Registry 3 as a native-stack process: its Quarkus fast-jar (`java -jar quarkus-run.jar`)
// on a JDK 21+, H2 on disk under the data dir so schemas survive a restart, and nothing else it
// needs (no Kafka with H2), so it starts beside the Kafka and Flink chains.
import { join } from 'node:path';
import { findJava, type JavaFound } from './java-finder';
import type { Layout } from './layout';
import { freePort, getJson } from './probes';
import type { Launch } from './services';

const SERVICE = 'schema-registry' as const;

/** Apicurio Registry 3 is built for Java 21. */
const REGISTRY_JAVA_MAJOR = 21;

/** The jar the distribution starts from, and the one whose name carries its version. */
export const REGISTRY_RUN_JAR = 'quarkus-run.jar';
export const REGISTRY_APP_JAR = /^apicurio-registry-app-(\d.*)\.jar$/;

/** The Confluent-compatible API StreamDesk speaks (Apicurio also answers its own at /apis/registry/v3). */
export const CCOMPAT_PATH = '/apis/ccompat/v7';

/** The JDK the registry runs on: STREAMDESK_JAVA21_HOME, else JAVA_HOME or a JDK under the roots (Debian's /usr/lib/jvm). */
export function registryJava(roots: string[], env: NodeJS.ProcessEnv = process.env): JavaFound {
  return findJava({
    minMajor: REGISTRY_JAVA_MAJOR,
    roots,
    ...(env.STREAMDESK_JAVA21_HOME ? { explicitHome: env.STREAMDESK_JAVA21_HOME } : {}),
    ...(env.JAVA_HOME ? { javaHome: env.JAVA_HOME } : {}),
  });
}

interface RegistrySettings {
  host: string;
  port: number;
  /** Quarkus's management interface (health, metrics): its own port, or it would take 9000 on every address. */
  managementPort: number;
  /** The H2 database file, without its .mv.db ending. */
  database: string;
  logFile: string;
  tmpDir: string;
}

/** Quarkus reads its settings from system properties: these override the app's own application.properties. */
function registrySystemProperties(s: RegistrySettings): string[] {
  const props: Array<[string, string | number]> = [
    ['quarkus.http.host', s.host],
    ['quarkus.http.port', s.port],
    ['quarkus.management.host', s.host],
    ['quarkus.management.port', s.managementPort],
    ['apicurio.storage.kind', 'sql'],
    ['apicurio.storage.sql.kind', 'h2'],
    ['apicurio.datasource.url', `jdbc:h2:file:${s.database}`],
    // its defaults (20 to 100 connections) are sized for a server, not a laptop's one user
    ['apicurio.datasource.jdbc.initial-size', 2],
    ['apicurio.datasource.jdbc.min-size', 2],
    ['apicurio.datasource.jdbc.max-size', 10],
    ['apicurio.storage.snapshot.location', s.tmpDir],
    ['quarkus.log.console.enabled', 'false'],
    ['quarkus.log.file.enabled', 'true'],
    ['quarkus.log.file.path', s.logFile],
    ['quarkus.log.file.json.enabled', 'false'],
    ['quarkus.log.file.format', '%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{2.}] (%t) %s%e%n'],
  ];
  return props.map(([key, value]) => `-D${key}=${value}`);
}

/** Ready when the ccompat API lists its subjects; the version comes from the registry's own system info. */
export function registryProbe(l: Layout): () => Promise<string | null> {
  return async () => {
    const base = `http://${l.host}:${l.ports.schemaRegistry}`;
    const subjects = await getJson(`${base}${CCOMPAT_PATH}/subjects`);
    if (!Array.isArray(subjects)) return null;
    const info = (await getJson(`${base}/apis/registry/v3/system/info`)) as { name?: string; version?: string };
    return `REST up, Apicurio Registry ${info.version ?? '?'}, ${subjects.length} subject(s)`;
  };
}

export async function launchSchemaRegistry(l: Layout, javaBin: string): Promise<Launch> {
  return {
    java: javaBin,
    args: [
      '-Xmx256m',
      '-Xms64m',
      '-XX:+UseSerialGC',
      ...l.markers(SERVICE),
      '-Djava.awt.headless=true',
      `-XX:ErrorFile=${join(l.logsDir, `${SERVICE}-hs_err_%p.log`)}`,
      `-Djava.io.tmpdir=${join(l.registryDir, 'tmp')}`,
      ...registrySystemProperties({
        host: l.host,
        port: l.ports.schemaRegistry,
        managementPort: await freePort(l.host),
        database: join(l.registryDir, 'registry'),
        logFile: l.logFile(SERVICE),
        tmpDir: join(l.registryDir, 'tmp'),
      }),
      '-jar',
      join(l.componentDir('registry'), REGISTRY_RUN_JAR),
    ],
    probe: registryProbe(l),
  };
}
