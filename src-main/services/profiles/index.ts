export { ProfileService } from './profile-service';
export type { SecretCipher } from './secret-cipher';
export { KeyFileCipher } from './key-file-cipher';
export type { KeyValueFile } from './key-value-file';
export { JsonFileStore } from './json-file-store';
export type { ConnectionProbes } from './connection-test';
export { kafkaFailureReason } from './kafka-target-probe';
export { openProfiles, profileStorageIn, type ProfileStorage } from './open-profiles';
