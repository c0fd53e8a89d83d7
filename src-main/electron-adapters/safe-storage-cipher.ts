// The only file that imports electron for profiles: safeStorage behind the SecretCipher interface.
import { safeStorage } from 'electron';
import type { SecretStorageKind } from '@shared/profiles';
import type { SecretCipher } from '../services/profiles/secret-cipher';

const PREFIX = 'ss1:'; // tells a safeStorage secret apart from a key-file one

/**
 * Without a real keyring (Linux 'basic_text'), Electron "encrypts" with a fixed, public key:
 * that is obfuscation, not protection. We then refuse to store secrets (saving a profile that
 * has one fails with this description) rather than pretend; profiles without secrets still save.
 * A key-file fallback was rejected: it would silently downgrade what "saved securely" means.
 */
export class SafeStorageCipher implements SecretCipher {
  get kind(): SecretStorageKind {
    return this.isAvailable() ? 'os-keyring' : 'unavailable';
  }

  get description(): string {
    if (this.isAvailable()) {
      return process.platform === 'darwin'
        ? 'Secrets are encrypted with a key kept in your macOS Keychain.'
        : process.platform === 'win32'
          ? 'Secrets are encrypted with Windows DPAPI, tied to your Windows account.'
          : `Secrets are encrypted with a key kept in your desktop keyring (${safeStorage.getSelectedStorageBackend()}).`;
    }
    return (
      'No OS keyring is available (on Linux: no GNOME Keyring/KWallet running, or --password-store=basic), ' +
      'so passwords and tokens cannot be saved safely and StreamDesk does not save them. Profiles without ' +
      'secrets work as usual. Start a keyring (or launch with --password-store=gnome-libsecret), or use ' +
      '`streamdesk serve`, which keeps secrets encrypted with a key file only you can read.'
    );
  }

  isAvailable(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    // 'unknown' is what Linux answers before the app is ready: not a keyring either
    if (process.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      return backend !== 'basic_text' && backend !== 'unknown';
    }
    return true;
  }

  encrypt(plain: string): string {
    if (!this.isAvailable()) throw new Error(this.description);
    return PREFIX + safeStorage.encryptString(plain).toString('base64');
  }

  decrypt(stored: string): string {
    if (!stored.startsWith(PREFIX)) throw new Error('This secret was not encrypted with the OS keyring');
    return safeStorage.decryptString(Buffer.from(stored.slice(PREFIX.length), 'base64'));
  }
}
