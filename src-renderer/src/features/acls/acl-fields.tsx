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

type FilterField = 'principal' | 'resourceType' | 'resourceName' | 'patternType' | 'operation' | 'permission';

interface FilterFieldsProps {
  fields: Partial<Record<FilterField, string>>;
  set: (field: FilterField) => (value: string) => void;
  /** Labels ("Filter principal") and test ids ("filter-principal") start with it. */
  purpose: 'filter' | 'delete';
  /** The listing filters on literal and prefixed; a delete filter may also MATCH every pattern that applies to a name. */
  patterns: readonly string[];
}

/** A binding filter's fields, each left empty for "any": the listing's filters and the delete filter are this one row. */
export function AclFilterFields({ fields, set, purpose, patterns }: FilterFieldsProps) {
  const label = (name: string) => `${purpose === 'filter' ? 'Filter' : 'Delete'} ${name}`;
  const text = (field: FilterField, name: string, placeholder: string) => (
    <input
      aria-label={label(name)}
      placeholder={placeholder}
      value={fields[field]}
      onChange={(e) => set(field)(e.target.value)}
      data-testid={`${purpose}-${name.replace(' ', '-')}`}
    />
  );
  const select = (field: FilterField, name: string, options: readonly string[], anyLabel: string) => (
    <Select
      label={label(name)}
      value={fields[field] ?? ''}
      options={options}
      anyLabel={anyLabel}
      onChange={set(field)}
      testId={`${purpose}-${name.replace(' ', '-')}`}
    />
  );
  return (
    <>
      {text('principal', 'principal', purpose === 'filter' ? 'principal (User:alice)' : 'principal')}
      {select('resourceType', 'resource type', RESOURCE_TYPES, 'any resource type')}
      {fields.resourceName !== undefined && text('resourceName', 'resource name', 'resource name')}
      {select('patternType', 'pattern', patterns, 'any pattern')}
      {select('operation', 'operation', OPERATIONS, 'any operation')}
      {select('permission', 'permission', ['allow', 'deny'], 'allow or deny')}
    </>
  );
}
