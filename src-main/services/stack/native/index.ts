export { NativeStack } from './stack';
export type { NativeComponent, NativeProgress, NativeProgressEvent, NativeProgressPhase, NativeServiceName, NativeServiceState, NativeStackOptions } from './types';
export { DEFAULT_PORTS } from './layout';
export { findProcessesWith } from './proc';
export { flinkOverview, freePort, kafkaMetadataBrokers, portAnswers, portFree, zkFourLetter } from './probes';
