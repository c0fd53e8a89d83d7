import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The package root: the nearest folder above this bundle (out/main/…) that holds package.json. */
function findAppRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..', '..');
  }
}
const APP_ROOT = findAppRoot(__dirname);

export const COMPOSE_DIR = path.join(APP_ROOT, 'compose');
export const NATIVE_LIB_DIR = path.join(APP_ROOT, 'compose', 'native', 'lib');
export const NATIVE_CONF_DIR = path.join(APP_ROOT, 'compose', 'native', 'conf');
export const JMX_EXPORTER = {
  agentJar: path.join(APP_ROOT, 'compose', 'jmx-exporter', 'jmx_prometheus_javaagent.jar'),
  config: path.join(APP_ROOT, 'compose', 'jmx-exporter', 'kafka-broker.yml'),
};
export const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');

export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** The seed keeps its data in ./data; STREAMDESK_DATA_DIR or --data-dir move it. */
export function defaultDataDir(): string {
  return path.resolve(process.env.STREAMDESK_DATA_DIR ?? path.join(process.cwd(), 'data'));
}

/** Profiles and the key that seals their secrets (serve/CLI): STREAMDESK_CONFIG_DIR or ~/.config/streamdesk. */
export function defaultConfigDir(): string {
  if (process.env.STREAMDESK_CONFIG_DIR) return path.resolve(process.env.STREAMDESK_CONFIG_DIR);
  const base = process.env.XDG_CONFIG_HOME ?? path.join(process.env.HOME ?? process.cwd(), '.config');
  return path.join(base, 'streamdesk');
}
