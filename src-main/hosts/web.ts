import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Api } from '@shared/contract';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/logger';
import { DEFAULT_CALL_LIMITS, ExpensiveCallLimiter, type CallLimits } from './expensive-calls';
import { MAX_BODY_BYTES, refuse, sendJson } from './http-util';
import { restRoutes } from './rest-routes';
import { SECURITY_HEADERS } from './security-headers';
import { attachSocketBridge } from './web-socket-bridge';
import { readRendererFile } from './static-files';
import { hostMatcherFor, isAuthorized, isSameOrigin, presentedToken, TOKEN_COOKIE, type HostMatcher } from './web-auth';

export interface WebHostOptions {
  api: Api;
  bus: EventBus;
  token: string;
  host: string;
  port: number;
  rendererDir: string;
  logger: Logger;
  /** Per-client limits on expensive calls (search, replay); defaults to DEFAULT_CALL_LIMITS. */
  callLimits?: CallLimits;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** `streamdesk serve`: the built renderer, the REST API and the WebSocket bridge, behind a token. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  let isOurHost: HostMatcher = () => false;
  const limiter = new ExpensiveCallLimiter(options.bus, options.callLimits ?? DEFAULT_CALL_LIMITS);
  const routes = restRoutes(options.api, limiter);
  let connections = 0;

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error) => {
      // A path segment such as "%E0%A4%A" cannot be decoded: the client's mistake, not ours.
      if (error instanceof URIError && !response.headersSent) {
        return sendJson(response, 400, {
          ok: false,
          error: { code: 'invalid-argument', message: `path: ${request.url?.slice(0, 200)} holds a malformed %-escape` },
        });
      }
      options.logger.error('request failed', error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!isSameOrigin(request, isOurHost)) return refuse(response, 403, 'Host or Origin is not this server');
    if (!isAuthorized(request, url, options.token)) return refuse(response, 401, 'A valid token is required (open the URL that `streamdesk serve` printed)');

    if (url.pathname.startsWith('/api/')) {
      const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(url.pathname));
      if (!route) return sendJson(response, 404, { ok: false, error: { code: 'not-found', message: `No route ${request.method} ${url.pathname}` } });
      const match = route.pattern.exec(url.pathname)!;
      return route.handle({ request, response, url, params: match.groups ?? {} });
    }
    return serveRendererFile(request, response, url, options);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws' || !isSameOrigin(request, isOurHost) || !isAuthorized(request, url, options.token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachSocketBridge(ws, `ws#${++connections}`, { ...options, limiter }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  isOurHost = hostMatcherFor(options.host, port);
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    port,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        limiter.close();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A file of the built renderer; opening the printed URL (token in the query) also sets the token cookie. */
async function serveRendererFile(request: IncomingMessage, response: ServerResponse, url: URL, options: WebHostOptions): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendJson(response, 405, { ok: false, error: { code: 'invalid-argument', message: 'Method not allowed' } });
  const file = await readRendererFile(options.rendererDir, url.pathname);
  if (!file) return sendJson(response, 404, { ok: false, error: { code: 'not-found', message: `No file ${url.pathname}` } });
  // a hashed asset is kept by the browser (a page opened again loads none of them); index.html is asked for every time
  const caching = file.immutable ? 'private, max-age=31536000, immutable' : 'no-cache';
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': caching };
  if (presentedToken(request, url).viaQuery) {
    headers['Set-Cookie'] = `${TOKEN_COOKIE}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/`;
  }
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : file.body);
}
