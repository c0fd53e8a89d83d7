// The renderer's one form hook: submit → (check with the contract's schema) → call → success, or
// each issue beside its field. Issues come from StreamdeskError.issues (the back end's checks) or
// from the same schema run here first; either way keyed by their path joined with '.'.
import { useCallback, useRef, useState } from 'react';
import type { ZodType } from 'zod';
import type { ErrorIssue } from '@shared/errors';

/** Messages by dotted path (`name`, `config.partitions`, `auth.username`); `form` holds what belongs to no field. */
export type FieldErrors = Record<string, string>;

/**
 * Issues keyed by their dotted path (the first message per path). When `fields` is given, an
 * issue whose top-level field the form does not show goes to `form`, with its path, so nothing is lost.
 */
export function errorsFromIssues(issues: readonly ErrorIssue[], fields?: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (key === '' || (fields && !fields.includes(String(issue.path[0])))) {
      const text = key === '' ? issue.message : `${key}: ${issue.message}`;
      errors.form = errors.form ? `${errors.form}; ${text}` : text;
    } else errors[key] ??= issue.message;
  }
  return errors;
}

/** The errors an exception from a call makes: its issues by field, else its message as the form's error. */
function errorsFromError(error: unknown, fields?: readonly string[]): FieldErrors {
  const issues = (error as { issues?: readonly ErrorIssue[] } | null)?.issues;
  if (issues && issues.length > 0) return errorsFromIssues(issues, fields);
  return { form: error instanceof Error ? error.message : String(error) };
}

/** A field's message: its own, or the first of a path under it (`programArgs.2`, `configs.retention.ms`). */
function fieldError(errors: FieldErrors, field: string): string | undefined {
  return errors[field] ?? Object.entries(errors).find(([key]) => key.startsWith(`${field}.`))?.[1];
}

export interface ContractFormOptions {
  /** The top-level fields the form shows; issues on others go to the form's error. */
  fields?: readonly string[];
}

export interface ContractForm {
  /** The submit running (its kind, for forms with two buttons), or null. */
  busy: string | null;
  errors: FieldErrors;
  /** A field's message (see fieldError). */
  error(field: string): string | undefined;
  /** Puts errors without a call (a check only the form can make, such as the file picked). */
  fail(errors: FieldErrors): void;
  /**
   * Checks `args` with `schema` (when given), then runs `call`: resolves to its result, or to
   * undefined when the check or the call failed (the errors say why). `kind` names what runs.
   */
  submit<A, R>(args: A, call: (args: A) => Promise<R>, options?: { schema?: ZodType; kind?: string }): Promise<R | undefined>;
}

export function useContractForm(options: ContractFormOptions = {}): ContractForm {
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const fields = useRef(options.fields);
  fields.current = options.fields;
  const submit = useCallback(async <A, R>(args: A, call: (args: A) => Promise<R>, submitOptions: { schema?: ZodType; kind?: string } = {}) => {
    if (submitOptions.schema) {
      const parsed = submitOptions.schema.safeParse(args);
      if (!parsed.success) {
        setErrors(
          errorsFromIssues(
            parsed.error.issues.map((issue) => ({ path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))), message: issue.message })),
            fields.current,
          ),
        );
        return undefined;
      }
    }
    setBusy(submitOptions.kind ?? 'submit');
    setErrors({});
    try {
      return await call(args);
    } catch (error) {
      setErrors(errorsFromError(error, fields.current));
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, errors, error: (field) => fieldError(errors, field), fail: setErrors, submit };
}
