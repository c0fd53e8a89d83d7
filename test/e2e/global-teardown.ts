import { rmSync } from 'node:fs';
import { streamdesk } from './cli';
import { readE2eEnv } from './stack-env';

export default function globalTeardown(): void {
  const env = readE2eEnv();
  try {
    process.kill(env.servePid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const down = streamdesk(['stack', 'down', ...env.stackArgs]);
  if (down.status !== 0) console.error(`[e2e] stack down failed:\n${down.stdout}\n${down.stderr}`);
  if (process.env.STREAMDESK_KEEP_STACK_DATA !== '1') rmSync(env.dataDir, { recursive: true, force: true });
}
