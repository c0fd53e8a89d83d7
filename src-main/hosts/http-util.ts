import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Envelope, ErrorCode } from '../../src-shared/errors';
import { SECURITY_HEADERS } from './security-headers';

export const MAX_BODY_BYTES = 1024 * 1024;

export const HTTP_STATUS: Record<ErrorCode, number> = {
  'invalid-argument': 400,
  'unknown-call': 404,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
};

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function sendEnvelope(response: ServerResponse, envelope: Envelope<unknown>, okStatus = 200): void {
  sendJson(response, envelope.ok ? okStatus : HTTP_STATUS[envelope.error.code], envelope);
}

export function refuse(response: ServerResponse, status: 401 | 403, message: string): void {
  sendJson(response, status, { ok: false, error: { code: status === 401 ? 'unauthorized' : 'forbidden', message } });
}

export async function readJsonBody(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: `Request body is larger than ${MAX_BODY_BYTES} bytes` };
    chunks.push(chunk);
  }
  if (size === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch (error) {
    return { ok: false, message: `Request body is not valid JSON: ${(error as Error).message}` };
  }
}

