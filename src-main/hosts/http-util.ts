import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Envelope, ErrorCode } from '@shared/errors';
import { SECURITY_HEADERS } from './security-headers';

export const MAX_BODY_BYTES = 1024 * 1024;

const HTTP_STATUS: Record<ErrorCode, number> = {
  'invalid-argument': 400,
  'unknown-call': 404,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  unauthorized: 401,
  forbidden: 403,
  'rate-limited': 429,
  internal: 500,
};

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  // Answered before the request body was read (too large): close, or the unread rest poisons the next request on this connection.
  if (response.req && !response.req.complete) headers.Connection = 'close';
  response.writeHead(status, headers);
  response.end(JSON.stringify(body));
}

export function sendEnvelope(response: ServerResponse, envelope: Envelope<unknown>, okStatus = 200): void {
  sendJson(response, envelope.ok ? okStatus : HTTP_STATUS[envelope.error.code], envelope);
}

export function refuse(response: ServerResponse, status: 401 | 403, message: string): void {
  sendJson(response, status, { ok: false, error: { code: status === 401 ? 'unauthorized' : 'forbidden', message } });
}

type BodyRefusal = { ok: false; status: 400 | 413; message: string; envelope: Envelope<never> };

/** A body the server will not read as arguments: the issue's empty path is the whole body. */
function refusedBody(status: 400 | 413, problem: string): BodyRefusal {
  const message = `body: ${problem}`;
  return { ok: false, status, message, envelope: { ok: false, error: { code: 'invalid-argument', message, issues: [{ path: [], message: problem }] } } };
}

/** The body's bytes, refused with 413 past MAX_BODY_BYTES. */
export async function readBodyBytes(request: IncomingMessage): Promise<{ ok: true; bytes: Buffer } | BodyRefusal> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return refusedBody(413, `the request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

/** A body's bytes as JSON arguments (an empty body is `{}`), or 400 saying why not. */
export function parseJsonBody(bytes: Buffer): { ok: true; value: unknown } | BodyRefusal {
  if (bytes.length === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
  } catch (error) {
    return refusedBody(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

export async function readJsonBody(request: IncomingMessage): Promise<{ ok: true; value: unknown } | BodyRefusal> {
  const body = await readBodyBytes(request);
  return body.ok ? parseJsonBody(body.bytes) : body;
}
