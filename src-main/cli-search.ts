import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { StreamdeskError } from '@shared/errors';
import { SearchArgs, type MessageRecord, type SearchFilter, type StartPosition } from '@shared/messages';
import { toJsonLines } from '@shared/message-export';
import type { KafkaTarget } from './clients/kafka/kafka-target';
import type { WorkerDecode } from './services/messages/decode-service';
import type { ClusterFlags } from './cli-cluster-search';
import { SearchService } from './services/messages/search-service';

/** How the topic's records are decoded: `registryUrl` from --schema-registry, else the active profile's. */
export type DecodeResolver = (topic: string, registryUrl: string | undefined) => WorkerDecode;

const SEARCH_USAGE = `streamdesk search TOPIC --filter EXPR [--from beginning|end|OFFSET|TIMESTAMP] [--limit N] [--json]

  --filter EXPR     a field-path expression, e.g. 'value.garage == "Kyrre" && value.free < 10';
                    or contains:TEXT / regex:PATTERN on the value, key:contains:TEXT, key:regex:PATTERN
  --from            beginning (default: a full scan); end (the last --last records of each partition);
                    a number below 10^11 is an offset in every partition; a larger number or an ISO
                    date is a time (milliseconds since the epoch)
  --last N          with --from end: how many records per partition (default 1000)
  --partition P     only this partition (repeatable)
  --limit N         stop after N matches (the summary says it stopped there)
  --schema-registry URL  decode through this Schema Registry (default: the active profile's; with
                    --kafka or STREAMDESK_KAFKA: STREAMDESK_SCHEMA_REGISTRY, else none); the topic's
                    decode override set in the app applies too
  --json            matches as JSON Lines (decoded values as JSON, with their schema ids)
  --on-cluster      run the same filter as a bounded Flink SQL query on the Flink cluster (--flink-url,
                    --sql-gateway-url; default: the local stack's); JSON/text records only
Matches go to stdout; the scanned count, the rate and how the search ended go to stderr.
Exit status: 0 with matches, 1 with none, 2 on a usage or connection error.`;

class UsageError extends Error {}

export function parseFrom(text: string | undefined, last: number): StartPosition {
  if (text === undefined || text === 'beginning') return { kind: 'beginning' };
  if (text === 'end') return { kind: 'end', count: last };
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    return number < 1e11 ? { kind: 'offset', offset: number } : { kind: 'timestamp', ms: number };
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`--from must be beginning, end, an offset, a timestamp in ms or an ISO date, got "${text}"`);
  return { kind: 'timestamp', ms };
}

export function parseFilter(text: string): SearchFilter {
  const match = /^(?:(key|value):)?(contains|regex):([\s\S]+)$/.exec(text);
  if (match) {
    const field = (match[1] ?? 'value') as 'key' | 'value';
    return { [field]: { mode: match[2] as 'contains' | 'regex', pattern: match[3] } };
  }
  return { expression: text };
}

/** A side as shown: its decoded JSON, else its text, with the reason when it was left raw. */
function shown(record: MessageRecord, side: 'key' | 'value'): string {
  const decoding = side === 'key' ? record.keyDecoding : record.valueDecoding;
  if (decoding?.status === 'decoded') return decoding.json;
  const text = record[side] ?? (side === 'key' ? '' : '(null)');
  return decoding?.status === 'raw' ? `${text} (raw: ${decoding.reason})` : text;
}

function line(record: MessageRecord): string {
  return `${record.partition}\t${record.offset}\t${new Date(record.timestamp).toISOString()}\t${shown(record, 'key')}\t${shown(record, 'value')}`;
}

function positiveInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a whole number of at least 1, got "${text}"`);
  return value;
}

function partitionNumber(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--partition must be a whole number of at least 0, got "${text}"`);
  return value;
}

/** What the command line asks for: the search, how to print it, the registry flag; or help. */
type SearchCommand =
  { help: true } | { help: false; args: z.output<typeof SearchArgs>; json: boolean; registryUrl: string | undefined; cluster: ClusterFlags | null };

function parseSearchArgv(argv: string[]): SearchCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      filter: { type: 'string' },
      from: { type: 'string' },
      last: { type: 'string' },
      limit: { type: 'string' },
      partition: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      'on-cluster': { type: 'boolean' },
      'sql-gateway-url': { type: 'string' },
      'schema-registry': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      // The connection flags every command takes; cli.ts turns them into `target`.
      kafka: { type: 'string' },
      zookeeper: { type: 'string' },
      'flink-url': { type: 'string' },
      'kafka-ui-url': { type: 'string' },
      // where the app keeps the topics' decode overrides, and the local stack's ports (default: those
      // recorded in the data dir); cli.ts reads them
      'data-dir': { type: 'string' },
      'kafka-port': { type: 'string' },
      'registry-port': { type: 'string' },
    },
  });
  if (values.help) return { help: true };
  if (positionals.length !== 1) throw new UsageError('give exactly one TOPIC');
  const parsed = SearchArgs.safeParse({
    topic: positionals[0],
    partitions: values.partition ? values.partition.map((partition) => partitionNumber(partition)) : null,
    from: parseFrom(values.from, positiveInt(values.last, 'last', 1000)),
    filter: values.filter === undefined ? {} : parseFilter(values.filter),
    maxMatches: positiveInt(values.limit, 'limit', 10_000_000),
    where: values['on-cluster'] ? 'cluster' : 'local',
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'argument'}: ${issue.message}`).join('; '));
  const registryUrl = values['schema-registry'];
  if (registryUrl !== undefined && !/^https?:\/\/\S+$/.test(registryUrl))
    throw new UsageError(`--schema-registry must be an http(s) URL, got "${registryUrl}"`);
  const cluster = values['on-cluster'] ? { flinkUrl: values['flink-url'], sqlGatewayUrl: values['sql-gateway-url'], dataDir: values['data-dir'] } : null;
  return { help: false, args: parsed.data, json: values.json === true, registryUrl, cluster };
}

/**
 * `streamdesk search`: the same worker-based search as the UI. Output is written as matches
 * arrive; Ctrl-C cancels and still prints how far the scan got.
 */
export async function runSearch(
  argv: string[],
  target: KafkaTarget,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  decodeFor?: DecodeResolver,
): Promise<number> {
  let command: SearchCommand;
  try {
    command = parseSearchArgv(argv);
  } catch (error) {
    err.write(`streamdesk search: ${(error as Error).message}\n\n${SEARCH_USAGE}\n`);
    return 2;
  }
  if (command.help) {
    out.write(SEARCH_USAGE + '\n');
    return 0;
  }
  const { args, json, registryUrl } = command;
  const decode = decodeFor?.(args.topic, registryUrl);
  // the on-cluster search's clients are loaded only when asked for
  const cluster = command.cluster ? (await import('./cli-cluster-search')).clusterSearchDeps(command.cluster, target, decode) : undefined;
  const service = new SearchService(() => target, { ...(decode ? { decode: () => decode } : {}), ...(cluster ? { cluster } : {}) });
  // Workers load their Kafka client while the main thread resolves the offsets.
  service.prewarm();
  try {
    const running = await service.start(args, {
      progress: () => {},
      matches: (event) => out.write(json ? toJsonLines(event.records) : event.records.map(line).join('\n') + '\n'),
    });
    const interrupt = () => service.cancel(running.searchId);
    process.once('SIGINT', interrupt);
    const final = await running.finished.finally(() => process.off('SIGINT', interrupt));
    const seconds = (final.elapsedMs / 1000).toFixed(2);
    const ending = final.error
      ? `failed: ${final.error}`
      : final.cancelled
        ? 'cancelled'
        : final.stoppedAtLimit
          ? `stopped at --limit ${args.maxMatches}`
          : 'complete';
    err.write(
      `scanned ${final.scanned} of ${final.total} records in ${final.partitions} partitions, ${final.matched} matched, ${seconds} s, ${final.ratePerSec} records/s (${ending})\n`,
    );
    if (final.error) return 2;
    return final.matched > 0 ? 0 : 1;
  } catch (error) {
    err.write(`streamdesk search: ${error instanceof StreamdeskError ? error.message : String(error)}\n`);
    return 2;
  } finally {
    await service.close();
  }
}
