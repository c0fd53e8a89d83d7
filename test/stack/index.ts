export { ensureJars, freePorts, NATIVE_DIR, REPO_ROOT, startTestStack } from './harness';
export type { StartTestStackOptions, TestStack, TestStackPorts } from './harness';
