import net from 'node:net';

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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
