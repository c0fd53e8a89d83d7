// The selects and inputs the ACL forms share (create, filter, check), each one a field of the contract.
import { AclOperation, AclResourceType } from '@shared/acls';

export const RESOURCE_TYPES = AclResourceType.options;
export const OPERATIONS = AclOperation.options;

interface SelectProps {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  /** A first option meaning "any" (filters), or none (forms). */
  anyLabel?: string;
  testId: string;
}

export function Select({ label, value, options, onChange, anyLabel, testId }: SelectProps) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}

/** Drops the fields left empty: a filter's empty field matches any value. */
export function filled<T extends Record<string, string>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value.trim() !== '')) as Partial<T>;
}
