import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTO_DECODE, DecodeSettingsStore } from '@main/services/messages/decode-settings-store';

describe('DecodeSettingsStore', () => {
  const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'decode-settings-')), 'decode-settings.json');

  it('keeps each profile its own settings per topic; auto is the default and removes the entry', () => {
    const at = file();
    let profile = 'a';
    const store = new DecodeSettingsStore(at, () => profile);
    expect(store.get('orders')).toEqual(AUTO_DECODE);
    store.set('orders', { key: { mode: 'string' }, value: { mode: 'subject', subject: 'orders-value', version: 3 } });
    expect(new DecodeSettingsStore(at, () => 'a').get('orders').value).toEqual({ mode: 'subject', subject: 'orders-value', version: 3 });
    profile = 'b';
    expect(store.get('orders')).toEqual(AUTO_DECODE);
    profile = 'a';
    store.set('orders', AUTO_DECODE);
    expect(JSON.parse(readFileSync(at, 'utf8'))).toEqual({ version: 1, profiles: { a: {} } });
  });

  it('ignores a file that is not what it wrote (hand-edited, truncated)', () => {
    const at = file();
    writeFileSync(at, JSON.stringify({ version: 1, profiles: { a: { orders: { key: { mode: 'evil' }, value: { mode: 'auto' } } } } }));
    expect(new DecodeSettingsStore(at, () => 'a').get('orders')).toEqual(AUTO_DECODE);
    writeFileSync(at, '{"version":1,');
    expect(new DecodeSettingsStore(at, () => 'a').get('orders')).toEqual(AUTO_DECODE);
  });
});
