export { ComposeBackend } from './backend';
export { nodeRun, nodeSpawn } from './node-io';
export type * from './types';
