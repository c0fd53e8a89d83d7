import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** Zod issues keyed by their top-level field (configs.<name> keep their full path). */
export function issuesByField(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const key = path[0] === 'configs' && path.length > 1 ? `configs.${path.slice(1).join('.')}` : (path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * A back-end message such as "topics:create: name: already exists; partitions: …" or
 * "replicationFactor: 3 is more than …" split into its fields; anything else is a form error.
 */
export function messageByField(message: string, fields: readonly string[]): FieldErrors {
  const body = message.replace(/^[a-z]+:[a-zA-Z]+: /, '');
  const errors: FieldErrors = {};
  for (const part of body.split('; ')) {
    const match = /^([a-zA-Z]+(?:\.[\w.]+)?): (.*)$/s.exec(part);
    if (match && fields.includes(match[1].split('.')[0])) errors[match[1]] ??= match[2];
    else errors.form = errors.form ? `${errors.form}; ${part}` : part;
  }
  return errors;
}

/** Zod issues keyed by their whole dotted path (for nested forms such as a profile). */
export function issuesByPath(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return errors;
}
