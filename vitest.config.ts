import { defineConfig } from 'vitest/config';
import { PATH_ALIASES } from './path-aliases.mjs';

export default defineConfig({
  // every project below extends this root config, so they all resolve the aliases
  resolve: { alias: PATH_ALIASES },
  test: {
    projects: [
      // Some unit tests run real parsers (docker-compose, the exporter agent's JVM): generous on a loaded 2-core machine.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      // The renderer's own logic (form hook, data stores, chart maths) beside its files, in a DOM without a browser.
      { extends: true, test: { name: 'renderer', include: ['src-renderer/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/setup/global-stack.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      // kill -9 on real stacks (`npm run test:faults`, a step of its own in scripts/test.sh): only when asked for, never in a plain `vitest run`.
      ...(process.env.STREAMDESK_FAULTS === '1'
        ? [
            {
              extends: true as const,
              test: {
                name: 'faults',
                include: ['test/faults/**/*.test.ts'],
                environment: 'node',
                globalSetup: ['test/faults/setup/report.ts'],
                testTimeout: 240_000,
                hookTimeout: 300_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
