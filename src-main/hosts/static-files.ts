import { readFile } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Reads a file of the built renderer; unknown paths get index.html (the app routes itself). */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const root = path.resolve(rendererDir);
  const wanted = path.resolve(root, '.' + decodeURIComponent(urlPath));
  if (wanted !== root && !wanted.startsWith(root + path.sep)) return null;
  const candidates = path.extname(wanted) ? [wanted] : [path.join(root, 'index.html')];
  for (const file of candidates) {
    try {
      return { body: await readFile(file), type: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' };
    } catch {
      /* fall through */
    }
  }
  return null;
}
