import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'streamdesk_token';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The token a request carries: `?token=`, `Authorization: Bearer`, or the session cookie. */
export function presentedToken(request: IncomingMessage, url: URL): { token: string | null; viaQuery: boolean } {
  const query = url.searchParams.get('token');
  if (query) return { token: query, viaQuery: true };
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), viaQuery: false };
  return { token: cookieValue(request.headers.cookie, TOKEN_COOKIE), viaQuery: false };
}

export function isAuthorized(request: IncomingMessage, url: URL, expected: string): boolean {
  const { token } = presentedToken(request, url);
  return token !== null && sameSecret(token, expected);
}

export type HostMatcher = (hostHeader: string) => boolean;

/** Which Host headers name this server. Bound to every interface (--host 0.0.0.0), any name
 * with our port is ours; otherwise only the loopback names and the bound host. */
export function hostMatcherFor(bindHost: string, port: number): HostMatcher {
  if (bindHost === '0.0.0.0' || bindHost === '::') return (host) => host.endsWith(`:${port}`);
  const names = new Set([bindHost, '127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`.toLowerCase()));
  return (host) => names.has(host.toLowerCase());
}

/**
 * Against DNS rebinding and cross-site requests: the Host header must name this server, and an
 * Origin header, when a browser sends one, must be this server's own origin.
 */
export function isSameOrigin(request: IncomingMessage, isOurHost: HostMatcher): boolean {
  const host = request.headers.host;
  if (!host || !isOurHost(host)) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const parsed = new URL(origin);
    return parsed.protocol === 'http:' && parsed.host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
