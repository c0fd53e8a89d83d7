// Lines of `pull` / `up` output → per-service progress events.
// Compose 2.x without a TTY uses its plain writer: fmt.Fprintln(out, "", ID, Text, StatusText),
// i.e. " kafka Pulling ", " 8c7716127147 Downloading [=>  ] 1.2MB/30MB", " Container streamdesk-kafka-1 Healthy ".
// With a TTY the same words come after a spinner/check mark, which is stripped.
// Compose 1.x prints "Pulling kafka ... done", "Creating streamdesk_kafka_1 ... done", "ERROR: for kafka  reason".
import type { ComposeProgress, ComposeProgressPhase } from './types';

const SERVICE_TEXTS: Array<[RegExp, ComposeProgressPhase]> = [
  [/^Pulling$/i, 'pulling'],
  [/^Pulled$/i, 'pulled'],
  [/^Skipped\b/i, 'skipped'],
  [/^(Error|Warning)\b/i, 'error'],
];
const CONTAINER_TEXTS: Array<[RegExp, ComposeProgressPhase]> = [
  [/^(Creating|Created|Recreate|Recreated)$/i, 'creating'],
  [/^Starting$/i, 'starting'],
  [/^(Started|Running)$/i, 'started'],
  [/^Waiting$/i, 'waiting'],
  [/^Healthy$/i, 'healthy'],
  [/^(Error|Unhealthy)\b/i, 'error'],
];
const LAYER_ID = /^[0-9a-f]{12}$/;
const LAYER_DONE = /^(Pull complete|Already exists)/i;

export class ProgressParser {
  private readonly layers = new Set<string>();
  private readonly layersDone = new Set<string>();

  constructor(
    private readonly services: readonly string[],
    private readonly project = 'streamdesk',
  ) {}

  /** Which service a container name belongs to: streamdesk-kafka-1 (2.x), streamdesk_kafka_1 (1.x). */
  serviceOfContainer(name: string): string | null {
    for (const sep of ['-', '_']) {
      const prefix = `${this.project}${sep}`;
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length).replace(new RegExp(`\\${sep}\\d+$`), '');
      if (this.services.includes(rest)) return rest;
    }
    return this.services.includes(name) ? name : null;
  }

  feed(rawLine: string): ComposeProgress | null {
    // Strip spinners / check marks / the dry-run prefix and surrounding blanks.
    const line = rawLine.replace(/^[^A-Za-z0-9]+/, '').trim();
    if (line === '') return null;
    return this.v1(line) ?? this.v2(line);
  }

  private v1(line: string): ComposeProgress | null {
    let m = /^Pulling (\S+)\s+\.\.\.\s*(\w*)/.exec(line);
    if (m && this.services.includes(m[1])) {
      const phase: ComposeProgressPhase = m[2] === 'done' ? 'pulled' : m[2] === 'error' ? 'error' : 'pulling';
      return { service: m[1], phase };
    }
    m = /^Pulling (\S+) \((.+)\)\.\.\.$/.exec(line);
    if (m && this.services.includes(m[1])) return { service: m[1], phase: 'pulling', message: m[2] };
    m = /^(Creating|Starting|Recreating) (\S+)\s+\.\.\.\s*(\w*)/.exec(line);
    if (m) {
      const service = this.serviceOfContainer(m[2]);
      if (!service) return null;
      if (m[3] === 'error') return { service, phase: 'error' };
      const verb = m[1] === 'Starting' ? 'starting' : 'creating';
      return { service, phase: m[3] === 'done' ? (verb === 'starting' ? 'started' : 'creating') : verb };
    }
    m = /^ERROR: for (\S+)\s+(.*)$/.exec(line);
    if (m) return { service: this.serviceOfContainer(m[1]), phase: 'error', message: m[2] };
    return null;
  }

  private v2(line: string): ComposeProgress | null {
    let m = /^Container (\S+)\s+(.*)$/.exec(line);
    if (m) {
      const service = this.serviceOfContainer(m[1]);
      const text = m[2].trim();
      const hit = CONTAINER_TEXTS.find(([re]) => re.test(text));
      return service && hit ? { service, phase: hit[1], message: hit[1] === 'error' ? text : undefined } : null;
    }
    m = /^(\S+)\s+(.*)$/.exec(line);
    if (!m) return null;
    const [, id, rest] = m;
    const text = rest.trim();
    if (this.services.includes(id)) {
      const hit = SERVICE_TEXTS.find(([re]) => re.test(text));
      if (!hit) return null;
      const message = hit[1] === 'skipped' || hit[1] === 'error' ? text : undefined;
      return { service: id, phase: hit[1], message };
    }
    if (LAYER_ID.test(id)) {
      this.layers.add(id);
      if (LAYER_DONE.test(text)) this.layersDone.add(id);
      return { service: null, phase: 'downloading', message: `${id} ${text}`, layersDone: this.layersDone.size, layersTotal: this.layers.size };
    }
    return null;
  }
}

/** Splits a stream of chunks into lines (\n, \r\n and bare \r all end a line). */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = this.rest + chunk.toString();
    const parts = text.split(/\r\n|\n|\r/);
    this.rest = parts.pop() ?? '';
    for (const p of parts) this.onLine(p);
  }

  end(): void {
    if (this.rest !== '') this.onLine(this.rest);
    this.rest = '';
  }
}
