/** What the global setup hands to the tests (through the environment of the workers). */
export interface E2eEnv {
  dataDir: string;
  stackArgs: string[];
  serveUrl: string;
  servePid: number;
}

export function readE2eEnv(): E2eEnv {
  const raw = process.env.STREAMDESK_E2E;
  if (!raw) throw new Error('STREAMDESK_E2E is not set: run e2e through `npx playwright test` (its global setup starts the stack)');
  return JSON.parse(raw) as E2eEnv;
}

// below the ephemeral range, where nothing else takes the port before the stack binds it
export { freePort } from '../../src-main/services/stack/native/probes';
