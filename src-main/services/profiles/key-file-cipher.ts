import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';
import type { SecretCipher } from './secret-cipher';

const KEY_BYTES = 32;
const IV_BYTES = 12; // the GCM standard nonce size
const TAG_BYTES = 16;
const PREFIX = 'kf1:'; // tells a key-file secret apart from a safeStorage one

export type KeyFileFs = Pick<typeof nodeFs, 'existsSync' | 'statSync' | 'readFileSync' | 'writeFileSync' | 'mkdirSync'>;

/**
 * AES-256-GCM with a random key kept in a file only its owner can read: what `serve` and the CLI
 * use where there is no OS keyring. It protects the profile file if that file alone leaks (a
 * backup, a pasted config); it does not protect against someone who can read the user's files.
 */
export class KeyFileCipher implements SecretCipher {
  readonly kind = 'key-file' as const;
  private key: Buffer | null = null;
  private problem: string | null = null;

  constructor(
    readonly keyPath: string,
    private readonly fs: KeyFileFs = nodeFs,
  ) {}

  get description(): string {
    if (this.problem) return `Secrets cannot be stored: ${this.problem}`;
    return (
      `Secrets are encrypted with a key kept in ${this.keyPath} (readable only by you). ` +
      'Anyone who can read your files can decrypt them; the profile file alone reveals nothing.'
    );
  }

  isAvailable(): boolean {
    try {
      this.loadKey();
      return true;
    } catch {
      return false;
    }
  }

  encrypt(plain: string): string {
    const key = this.loadKey();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string): string {
    if (!stored.startsWith(PREFIX)) throw new Error('This secret was not encrypted with a StreamDesk key file');
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('This stored secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`A stored secret failed its integrity check: it was altered, or encrypted with a key other than ${this.keyPath}`);
    }
  }

  /** Reads the key, creating it (mode 0600, never overwriting) on first use. */
  private loadKey(): Buffer {
    if (this.key) return this.key;
    try {
      if (!this.fs.existsSync(this.keyPath)) this.createKey();
      const stat = this.fs.statSync(this.keyPath);
      if ((stat.mode & 0o077) !== 0) {
        const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
        throw new Error(
          `the key file ${this.keyPath} can be read or written by other users (mode ${mode}); StreamDesk refuses to use it. Fix it with: chmod 600 ${this.keyPath}`,
        );
      }
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
        throw new Error(`the key file ${this.keyPath} belongs to another user (uid ${stat.uid}); StreamDesk refuses to use it`);
      }
      const key = this.fs.readFileSync(this.keyPath);
      if (key.length !== KEY_BYTES) throw new Error(`${this.keyPath} is not a StreamDesk key file (expected ${KEY_BYTES} bytes, found ${key.length})`);
      this.key = key;
      this.problem = null;
      return key;
    } catch (error) {
      this.problem = (error as Error).message;
      throw new Error(`Secrets cannot be stored: ${this.problem}`);
    }
  }

  private createKey(): void {
    this.fs.mkdirSync(dirname(this.keyPath), { recursive: true, mode: 0o700 });
    // 'wx': if another process created the key meanwhile, keep theirs (it may already be in use)
    try {
      this.fs.writeFileSync(this.keyPath, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
