// POST /api/pipelines/jars: a job jar from the browser in serve mode. The body is the jar's bytes
// (fetch(url, { body: file })); the pipeline's settings travel in the query. It ends in the same
// contract call the desktop app makes over IPC, so validation and errors are identical. The web
// host has already checked the token and the origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Api } from '@shared/contract';
import { MAX_JAR_BYTES } from '@shared/pipelines';
import { dispatch } from '../core/dispatch';
import { sendEnvelope, sendJson } from './http-util';

const JAR_TYPES = new Set([
  'application/java-archive',
  'application/x-java-archive',
  'application/octet-stream',
  'application/zip',
  'application/x-zip-compressed',
  '',
]);
const TEXT_PARAMS = [
  'name',
  'fileName',
  'description',
  'entryClass',
  'sourceTopic',
  'sinkTopic',
  'resultEventTimeField',
  'resultOldestEventTimeField',
] as const;

/** A refusal; `field` (a query parameter or `bytes`, the body) makes it an issue a form can place. */
function bad(response: ServerResponse, status: number, message: string, field?: string): void {
  const issues = field ? [{ path: [field], message: message.slice(field.length + 2) }] : undefined;
  sendJson(response, status, { ok: false, error: { code: 'invalid-argument', message, ...(issues ? { issues } : {}) } });
}

/** The query as contract arguments; a malformed programArgs is named. */
export function jarUploadArgs(url: URL): { ok: true; args: Record<string, unknown> } | { ok: false; message: string } {
  const args: Record<string, unknown> = {};
  for (const key of TEXT_PARAMS) {
    const value = url.searchParams.get(key);
    if (value !== null && value !== '') args[key] = value;
  }
  const programArgs = url.searchParams.get('programArgs');
  if (programArgs) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(programArgs);
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string'))
      return { ok: false, message: 'programArgs: must be a JSON array of strings, e.g. ["--input","x"]' };
    args.programArgs = parsed;
  }
  return { ok: true, args };
}

export async function handleJarUpload(api: Api, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!JAR_TYPES.has(type)) return bad(response, 415, `Content-Type ${type} is not a jar: send the file's bytes as the body (application/java-archive)`);
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > MAX_JAR_BYTES) return tooLarge(request, response);
  const meta = jarUploadArgs(url);
  if (!meta.ok) return bad(response, 400, meta.message, 'programArgs');
  const body = await readLimited(request, MAX_JAR_BYTES);
  if (!body) return tooLarge(request, response);
  sendEnvelope(response, await dispatch(api, 'pipelines:uploadJarBytes', { ...meta.args, bytes: body }), 201);
}

/** The body, or null as soon as it passes `limit` (the rest is left unread). */
function readLimited(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.pause();
        return resolve(null);
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
}

function tooLarge(request: IncomingMessage, response: ServerResponse): void {
  // the answer goes out first; then the connection is dropped rather than reading the rest
  response.setHeader('Connection', 'close');
  response.once('finish', () => request.destroy());
  bad(response, 413, `bytes: the jar is larger than ${MAX_JAR_BYTES / 1024 / 1024} MiB (Flink's upload limit)`, 'bytes');
}
