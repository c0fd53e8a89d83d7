// The create/edit form of a connector, built from the worker's own config definition
// (`connect:validate`): its groups in the plugin's order, an input kind per Connect type, and the
// config the form sends back (only what the user set, a stored secret kept as MASKED_SECRET).
import { MASKED_SECRET, type ConfigField, type ConfigValidation } from '@shared/connect';

export type InputKind = 'boolean' | 'number' | 'list' | 'password' | 'select' | 'text';

export interface FormField {
  name: string;
  label: string;
  kind: InputKind;
  /** The worker's recommended values: a select for a closed set (booleans), a datalist otherwise. */
  options: string[];
  /** The default, shown as the placeholder (the setting is left out of the config when empty). */
  placeholder: string;
  help: string;
  required: boolean;
  importance: string;
  /** What the worker said about the value last validated. */
  errors: string[];
}

export interface FormGroup {
  name: string;
  fields: FormField[];
}

/** Settings the form shows elsewhere: the name has its own input, the class is the chosen plugin. */
const OUTSIDE_FORM = new Set(['name', 'connector.class']);
const UNGROUPED = 'Common';

export function inputKind(field: Pick<ConfigField, 'type' | 'secret' | 'recommendedValues'>): InputKind {
  if (field.secret || field.type === 'PASSWORD') return 'password';
  switch (field.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT':
    case 'SHORT':
    case 'LONG':
    case 'DOUBLE':
      return 'number';
    case 'LIST':
      return 'list';
    default:
      return field.recommendedValues.length > 0 ? 'select' : 'text';
  }
}

function formField(field: ConfigField): FormField {
  return {
    name: field.name,
    label: field.displayName && field.displayName !== field.name ? field.displayName : field.name,
    kind: inputKind(field),
    options: field.type === 'BOOLEAN' && field.recommendedValues.length === 0 ? ['true', 'false'] : field.recommendedValues,
    placeholder: field.defaultValue ?? '',
    help: field.documentation,
    required: field.required,
    importance: field.importance,
    errors: field.errors,
  };
}

/**
 * The visible settings by group, in the plugin's order (groups as the worker lists them, then by each setting's order);
 * ungrouped ones under "Common" (where the plugin's own settings, order -1, come first).
 */
export function buildForm(validation: ConfigValidation): FormGroup[] {
  const byGroup = new Map<string, ConfigField[]>();
  for (const field of validation.fields) {
    if (!field.visible || OUTSIDE_FORM.has(field.name)) continue;
    const group = field.group ?? UNGROUPED;
    byGroup.set(group, [...(byGroup.get(group) ?? []), field]);
  }
  const names = [...new Set([...validation.groups, ...byGroup.keys()])];
  return names
    .filter((name) => byGroup.has(name))
    .map((name) => ({
      name,
      fields: byGroup
        .get(name)!
        .sort((a, b) => a.order - b.order)
        .map(formField),
    }));
}

/**
 * Settings the config holds that the plugin does not define (a transform's, a client override, a raw JSON's): shown
 * under "Other settings" as text, a masked one as a password, so nothing is sent that the form does not show.
 */
export function otherSettings(groups: readonly FormGroup[], values: Record<string, string>): FormGroup | null {
  const defined = new Set(groups.flatMap((group) => group.fields.map((field) => field.name)));
  const names = Object.keys(values).filter((name) => !defined.has(name) && !OUTSIDE_FORM.has(name));
  if (names.length === 0) return null;
  const fields = names.sort().map((name) => ({
    name,
    label: name,
    kind: values[name] === MASKED_SECRET ? ('password' as const) : ('text' as const),
    options: [],
    placeholder: '',
    help: 'Not a setting of this plugin: passed to Connect as it is (empty removes it).',
    required: false,
    importance: 'LOW',
    errors: [],
  }));
  return { name: 'Other settings', fields };
}

/** A setting's own errors from the worker, by name (the connector name's too, which the form shows beside its own input). */
export function errorsByField(validation: ConfigValidation | null): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of validation?.fields ?? []) if (field.errors.length > 0) errors[field.name] = field.errors.join('; ');
  return errors;
}

/**
 * The config to send: the plugin's class and each setting the user gave a value (trimmed; an empty
 * one falls back to the worker's default). A stored secret left untouched stays MASKED_SECRET,
 * which tells the back end to keep the stored value.
 */
export function configOf(plugin: string, values: Record<string, string>): Record<string, string> {
  const config: Record<string, string> = { 'connector.class': plugin };
  for (const [name, value] of Object.entries(values)) {
    if (OUTSIDE_FORM.has(name)) continue;
    const trimmed = value === MASKED_SECRET ? value : value.trim();
    if (trimmed !== '') config[name] = trimmed;
  }
  return config;
}

/** The form's values of a stored config (edit): everything but the name and class, secrets as they came (masked). */
export function valuesOf(config: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).filter(([name]) => !OUTSIDE_FORM.has(name)));
}

/** The raw JSON view of what the form would send. */
export function rawJsonOf(plugin: string, values: Record<string, string>): string {
  return JSON.stringify(configOf(plugin, values), null, 2);
}

export type RawParse = { ok: true; plugin: string; values: Record<string, string> } | { ok: false; error: string };

/**
 * The raw JSON back into the form: an object of settings; numbers and booleans are taken as their
 * text (Connect keeps strings), anything else is refused naming the setting; `connector.class` is required.
 */
export function parseRawJson(text: string): RawParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, error: 'must be a JSON object of settings ({"name": "value"})' };
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') values[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[name] = String(value);
    else return { ok: false, error: `${name}: must be a string, number or boolean (Connect takes text values)` };
  }
  const plugin = values['connector.class']?.trim();
  if (!plugin) return { ok: false, error: 'connector.class is required' };
  delete values['connector.class'];
  delete values.name;
  return { ok: true, plugin, values };
}
