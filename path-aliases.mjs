// The import aliases every build resolves (electron-vite, vitest, bench/dashboard) and ESLint follows; tsconfig.base.json's
// `paths` declares the same four for the type checker.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

export const PATH_ALIASES = {
  '@shared': path.join(root, 'src-shared'),
  '@main': path.join(root, 'src-main'),
  '@renderer': path.join(root, 'src-renderer/src'),
  '@test': path.join(root, 'test'),
};
