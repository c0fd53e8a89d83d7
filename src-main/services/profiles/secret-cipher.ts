import type { SecretStorageKind } from '@shared/profiles';

/**
 * Turns a secret into something safe to write to the profile store and back. Injected so the
 * service runs the same under Electron (safeStorage), `serve` (a key file) and vitest.
 */
export interface SecretCipher {
  readonly kind: SecretStorageKind;
  /** What this means for the user, in one or two sentences (shown next to the profiles). */
  readonly description: string;
  isAvailable(): boolean;
  /** Returns printable text (stored as is). Throws when the cipher is not available. */
  encrypt(plain: string): string;
  /** Throws when the text was tampered with, or was written by another key or cipher. */
  decrypt(stored: string): string;
}
