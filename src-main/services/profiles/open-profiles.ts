// The one way to open the user's profiles, shared by the back end (desktop and serve) and the
// CLI's search, which must start fast: this module loads only the profiles code.
import { join } from 'node:path';
import type { Connection } from '@shared/connection';
import type { Logger } from '@main/core/logger';
import { JsonFileStore } from './json-file-store';
import { KeyFileCipher } from './key-file-cipher';
import type { KeyValueFile } from './key-value-file';
import { ProfileService } from './profile-service';
import type { SecretCipher } from './secret-cipher';

/** Where profiles and their secrets live. */
export interface ProfileStorage {
  file: KeyValueFile;
  cipher: SecretCipher;
}

/** The files outside Electron (the CLI, serve mode): profiles.json and the secret key file beside it. */
export function profileStorageIn(configDir: string): ProfileStorage {
  return { file: new JsonFileStore(join(configDir, 'profiles.json')), cipher: new KeyFileCipher(join(configDir, 'secret.key')) };
}

/** The built-in "Local stack" profile follows the stack: its connection (its ports can move) and, when secure, its super user. */
export interface LocalStackView {
  connection: () => Connection;
  superUser: () => string | null;
}

export function openProfiles(storage: ProfileStorage, local: LocalStackView, logger?: Logger): ProfileService {
  return new ProfileService({
    file: storage.file,
    cipher: storage.cipher,
    localConnection: local.connection,
    localSuperUser: local.superUser,
    ...(logger ? { logger } : {}),
  });
}
