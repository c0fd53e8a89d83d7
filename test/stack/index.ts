export { ensureJars, freePortRun, freePorts, NATIVE_DIR, REPO_ROOT, startTestStack } from './harness';
export type { StartTestStackOptions, TestStack, TestStackPorts } from './harness';
export { makeTestCertificates } from './tls-certs';
export type { TestCertificates } from './tls-certs';
export { startPostgres } from './postgres';
export type { TestPostgres } from './postgres';
