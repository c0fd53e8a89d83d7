// Secrets in connector configs never leave the back end: a UI sees MASKED_SECRET, and a masked value sent back means
// "keep what is stored". Connect itself returns PASSWORD settings in plain text, so the masking is ours.
import { MASKED_SECRET } from '@shared/connect';
import { invalidField } from '@shared/errors';

// Names that hold a secret whatever the plugin declares (a plugin may type them STRING): passwords, keys, tokens, JAAS lines.
const SECRET_NAME = /(password|passwd|secret|token|credential|api[._-]?key|private[._-]?key|\.key$|sasl\.jaas\.config|basic\.auth\.user\.info|user\.info)/i;
// A config provider reference (`${file:/secrets.properties:db.password}`) names where the secret is, not the secret.
const PROVIDER_REFERENCE = /^\$\{[^}]+\}$/;

export function isSecretSetting(name: string, passwordSettings: ReadonlySet<string>): boolean {
  return passwordSettings.has(name) || SECRET_NAME.test(name);
}

export function maskValue(name: string, value: string | null, passwordSettings: ReadonlySet<string>): string | null {
  if (value === null || value === '' || PROVIDER_REFERENCE.test(value) || !isSecretSetting(name, passwordSettings)) return value;
  return MASKED_SECRET;
}

export function maskConfig(config: Record<string, string>, passwordSettings: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([name, value]) => [name, maskValue(name, value, passwordSettings) ?? value]));
}

/** Masked values back to what is stored; a masked value with nothing stored behind it is an error on its field. */
export function unmaskConfig(config: Record<string, string>, stored: Record<string, string> | null): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([name, value]) => {
      if (value !== MASKED_SECRET) return [name, value];
      const kept = stored?.[name];
      if (kept === undefined) throw invalidField(['config', name], 'type the secret: nothing is stored for it yet');
      return [name, kept];
    }),
  );
}
