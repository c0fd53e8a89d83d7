// Parsing container lists into ComposeServiceState.
// Compose 2.x `ps --format json` prints a JSON array (before 2.21) or one object per line (2.21+).
// Compose 1.x is read through `docker ps --format '{{json .}}'` (one object per line).
import type { ComposeServiceState, ContainerHealth, ContainerState, PublishedPort } from './types';

const STATES: readonly ContainerState[] = ['created', 'running', 'restarting', 'paused', 'exited', 'removing', 'dead'];

/** A field as text: Docker prints these as strings; a number is kept as written, a missing one is blank. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

function toState(value: unknown): ContainerState {
  const s = text(value).toLowerCase();
  return (STATES as readonly string[]).includes(s) ? (s as ContainerState) : 'unknown';
}

function toHealth(value: unknown): ContainerHealth {
  const s = text(value).toLowerCase();
  return s === 'healthy' || s === 'unhealthy' || s === 'starting' ? s : null;
}

/** Objects from either JSON shape; blank output is no containers. */
function parseJsonRecords(stdout: string): Record<string, unknown>[] {
  const text = stdout.trim();
  if (text === '' || text === 'null') return [];
  if (text.startsWith('[')) return JSON.parse(text) as Record<string, unknown>[];
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

interface Publisher {
  URL?: string;
  TargetPort?: number;
  PublishedPort?: number;
  Protocol?: string;
}

function publishers(value: unknown): PublishedPort[] {
  if (!Array.isArray(value)) return [];
  return (value as Publisher[])
    .filter((p) => typeof p.PublishedPort === 'number' && p.PublishedPort > 0)
    .map((p) => ({ hostIp: p.URL ? p.URL : null, published: p.PublishedPort as number, target: p.TargetPort ?? 0, protocol: p.Protocol ?? 'tcp' }));
}

/** Health from a Status text: "Up 2 minutes (healthy)", "Up 5 seconds (health: starting)". */
export function healthFromStatus(status: string): ContainerHealth {
  const m = /\((healthy|unhealthy|health: starting)\)/i.exec(status);
  if (!m) return null;
  return m[1].toLowerCase() === 'health: starting' ? 'starting' : toHealth(m[1]);
}

/** `docker compose ps --format json` (Compose 2.x), either shape. */
export function parseComposePs(stdout: string): ComposeServiceState[] {
  return parseJsonRecords(stdout).map((r) => {
    const state = toState(r.State);
    const health = r.Health !== undefined && r.Health !== '' ? toHealth(r.Health) : healthFromStatus(text(r.Status));
    return {
      service: text(r.Service),
      container: text(r.Name),
      state,
      health,
      exitCode: state === 'exited' || state === 'dead' ? Number(r.ExitCode ?? 0) : null,
      publishedPorts: publishers(r.Publishers),
    };
  });
}

/** "0.0.0.0:9092->9092/tcp, :::9092->9092/tcp, 7071/tcp" → the published ones. */
export function parsePortsText(text: string): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const part of text.split(',').map((s) => s.trim())) {
    const m = /^(.*):(\d+)->(\d+)\/(\w+)$/.exec(part);
    if (!m) continue;
    out.push({ hostIp: m[1] === '' ? null : m[1], published: Number(m[2]), target: Number(m[3]), protocol: m[4] });
  }
  return out;
}

function label(labels: string, key: string): string | null {
  for (const pair of labels.split(',')) {
    const i = pair.indexOf('=');
    if (i > 0 && pair.slice(0, i) === key) return pair.slice(i + 1);
  }
  return null;
}

function stateFromStatus(status: string): ContainerState {
  if (/^Up /i.test(status)) return /\(Paused\)/i.test(status) ? 'paused' : 'running';
  if (/^Exited/i.test(status)) return 'exited';
  if (/^Restarting/i.test(status)) return 'restarting';
  if (/^Created/i.test(status)) return 'created';
  if (/^Removal In Progress/i.test(status)) return 'removing';
  if (/^Dead/i.test(status)) return 'dead';
  return 'unknown';
}

/** `docker ps --format '{{json .}}'` lines (the Compose 1.x path). */
export function parseDockerPs(stdout: string): ComposeServiceState[] {
  return parseJsonRecords(stdout).map((r) => {
    const status = text(r.Status);
    const state = r.State ? toState(r.State) : stateFromStatus(status);
    const exit = /^Exited \((-?\d+)\)/i.exec(status);
    return {
      service: label(text(r.Labels), 'com.docker.compose.service') ?? text(r.Names),
      container: text(r.Names),
      state,
      health: healthFromStatus(status),
      exitCode: exit ? Number(exit[1]) : null,
      publishedPorts: parsePortsText(text(r.Ports)),
    };
  });
}
