export { ProfileService } from './profile-service';
export type { ActiveProfile, ProfileServiceOptions } from './profile-service';
export type { SecretCipher } from './secret-cipher';
export { KeyFileCipher } from './key-file-cipher';
export type { KeyValueFile, ReadResult } from './key-value-file';
export { setAsideFile } from './key-value-file';
export { JsonFileStore } from './json-file-store';
export type { ConnectionProbes } from './connection-test';
export { kafkaFailureReason, probeKafkaTarget } from './kafka-target-probe';
