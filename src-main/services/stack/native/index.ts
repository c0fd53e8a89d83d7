export { NativeStack } from './stack';
export type { NativeProgress, NativeProgressEvent, NativeServiceName, NativeStackOptions } from './types';
export { findProcessesWith } from './proc';
export { flinkOverview, freePort, kafkaMetadataBrokers, portAnswers, portFree, zkFourLetter } from './probes';
