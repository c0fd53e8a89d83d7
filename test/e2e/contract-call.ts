import { readE2eEnv } from './stack-env';

/** One contract call over serve's REST bridge (`POST /api/call/<name>`), as a script would make it. */
export async function call(name: string, args: unknown): Promise<unknown> {
  const url = new URL(readE2eEnv().serveUrl);
  const headers = { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' };
  const response = await fetch(`${url.origin}/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  return envelope.result;
}
