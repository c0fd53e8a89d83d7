export { ComposeBackend, DATA_SUBDIRS, KRAFT_SERVICES, ZK_SERVICES, type ComposeBackendOptions } from './backend';
export { PROJECT_NAME } from './command';
export { detectCompose } from './detect';
export { ComposeError, classifyOutput } from './errors';
export { nodeRun, nodeSpawn } from './node-io';
export { parseComposePs, parseDockerPs } from './ps';
export { ProgressParser } from './progress';
export type * from './types';
