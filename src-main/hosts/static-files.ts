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

export interface RendererFile {
  body: Buffer;
  type: string;
  /** A file under assets/: its name carries a hash of its content, so a browser may keep it for good. */
  immutable: boolean;
}

/**
 * The assets read so far, by path. Their names change with their content (the build hashes them), so one read is good
 * for as long as serve runs; index.html and the other files are read at every request (a rebuild changes them in place).
 */
const assets = new Map<string, RendererFile>();

/** Reads a file of the built renderer; unknown paths get index.html (the app routes itself). */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<RendererFile | null> {
  const root = path.resolve(rendererDir);
  const wanted = path.resolve(root, '.' + decodeURIComponent(urlPath));
  if (wanted !== root && !wanted.startsWith(root + path.sep)) return null;
  const file = path.extname(wanted) ? wanted : path.join(root, 'index.html');
  const known = assets.get(file);
  if (known) return known;
  try {
    const immutable = file.startsWith(path.join(root, 'assets') + path.sep);
    const read = { body: await readFile(file), type: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', immutable };
    if (immutable) assets.set(file, read);
    return read;
  } catch {
    return null;
  }
}
