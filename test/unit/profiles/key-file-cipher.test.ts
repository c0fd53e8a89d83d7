import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyFileCipher } from '@main/services/profiles';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamdesk-cipher-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('KeyFileCipher (AES-256-GCM, key file 0600)', () => {
  it('round-trips, with a fresh IV per secret, and creates its key file 0600 on first use', () => {
    const keyPath = join(dir, 'nested', 'secret.key');
    const cipher = new KeyFileCipher(keyPath);
    expect(cipher.isAvailable()).toBe(true);
    expect(cipher.kind).toBe('key-file');
    const a = cipher.encrypt('p@ss wörd ✓');
    const b = cipher.encrypt('p@ss wörd ✓');
    expect(a).not.toBe(b);
    expect(a).not.toContain('p@ss');
    expect(cipher.decrypt(a)).toBe('p@ss wörd ✓');
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyPath)).toHaveLength(32);
    // a second instance (next start) reads the same key
    expect(new KeyFileCipher(keyPath).decrypt(b)).toBe('p@ss wörd ✓');
  });

  it('detects tampering and secrets from another key', () => {
    const cipher = new KeyFileCipher(join(dir, 'k1'));
    const stored = cipher.encrypt('top secret');
    const raw = Buffer.from(stored.slice(4), 'base64');
    raw[raw.length - 1] ^= 0x01; // flip one bit of the cipher text
    const tampered = `kf1:${raw.toString('base64')}`;
    expect(() => cipher.decrypt(tampered)).toThrow(/integrity check/);
    expect(() => new KeyFileCipher(join(dir, 'k2')).decrypt(stored)).toThrow(/integrity check/);
    expect(() => cipher.decrypt('ss1:abcd')).toThrow(/not encrypted with a StreamDesk key file/);
    expect(() => cipher.decrypt('kf1:AAAA')).toThrow(/truncated/);
  });

  it('refuses a key file that group or others can read, and says how to fix it', () => {
    const keyPath = join(dir, 'secret.key');
    writeFileSync(keyPath, Buffer.alloc(32, 7), { mode: 0o600 });
    chmodSync(keyPath, 0o644);
    const cipher = new KeyFileCipher(keyPath);
    expect(cipher.isAvailable()).toBe(false);
    expect(() => cipher.encrypt('x')).toThrow(/can be read or written by other users \(mode 644\).*chmod 600/);
    expect(cipher.description).toMatch(/refuses to use it/);
    chmodSync(keyPath, 0o600);
    expect(cipher.isAvailable()).toBe(true); // fixed without a restart
    expect(cipher.description).toMatch(/readable only by you/);
  });

  it('refuses a file that is not a 32-byte key', () => {
    const keyPath = join(dir, 'secret.key');
    writeFileSync(keyPath, 'short', { mode: 0o600 });
    expect(() => new KeyFileCipher(keyPath).encrypt('x')).toThrow(/expected 32 bytes, found 5/);
  });
});
