// A topic's decode override, remembered per profile and topic in one small JSON file under the data
// dir. Written whole to a temporary file and renamed over the old one, so a crash never leaves half a
// file; read through zod, so a file edited by hand into something else is ignored, not trusted.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DecodeSettings } from '@shared/messages';

const SettingsFile = z.object({ version: z.literal(1), profiles: z.record(z.string(), z.record(z.string(), DecodeSettings)) }).strict();
type SettingsFile = z.infer<typeof SettingsFile>;

export const AUTO_DECODE: DecodeSettings = { key: { mode: 'auto' }, value: { mode: 'auto' } };

export class DecodeSettingsStore {
  constructor(
    private readonly file: string,
    /** The active profile: each keeps its own settings (the same topic name on two clusters is two topics). */
    private readonly profileId: () => string,
  ) {}

  get(topic: string): DecodeSettings {
    return this.read().profiles[this.profileId()]?.[topic] ?? AUTO_DECODE;
  }

  set(topic: string, settings: DecodeSettings): void {
    const doc = this.read();
    const profile = { ...(doc.profiles[this.profileId()] ?? {}) };
    if (isAuto(settings)) delete profile[topic];
    else profile[topic] = settings;
    const next: SettingsFile = { version: 1, profiles: { ...doc.profiles, [this.profileId()]: profile } };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }

  private read(): SettingsFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return { version: 1, profiles: {} };
    }
    try {
      const parsed = SettingsFile.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : { version: 1, profiles: {} };
    } catch {
      return { version: 1, profiles: {} };
    }
  }
}

/** Nothing to remember: both sides auto, with 4-byte ids (an 8-byte id setting must be kept). */
function isAuto(settings: DecodeSettings): boolean {
  const plainAuto = (side: DecodeSettings['key']) => side.mode === 'auto' && !side.eightByteIds;
  return plainAuto(settings.key) && plainAuto(settings.value);
}
