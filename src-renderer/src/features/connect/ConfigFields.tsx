import { MASKED_SECRET } from '@shared/connect';
import { Field } from '@renderer/ui/Modal';
import type { FormField, FormGroup } from './config-form';

interface InputProps {
  field: FormField;
  value: string;
  /** The stored value was a secret: empty input keeps it. */
  storedSecret: boolean;
  onChange: (value: string) => void;
}

function SettingInput({ field, value, storedSecret, onChange }: InputProps) {
  const common = { name: field.name, 'data-setting': field.name, placeholder: field.placeholder };
  switch (field.kind) {
    case 'boolean':
    case 'select':
      if (field.kind === 'boolean' || field.options.length <= 1)
        return (
          <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
            <option value="">{field.placeholder ? `default (${field.placeholder})` : '—'}</option>
            {field.options.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        );
      return (
        <>
          <input {...common} list={`options-${field.name}`} value={value} onChange={(event) => onChange(event.target.value)} />
          <datalist id={`options-${field.name}`}>
            {field.options.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
        </>
      );
    case 'number':
      return <input {...common} type="number" step="any" value={value} onChange={(event) => onChange(event.target.value)} />;
    case 'password':
      return (
        <input
          {...common}
          type="password"
          autoComplete="new-password"
          value={value === MASKED_SECRET ? '' : value}
          placeholder={storedSecret ? 'stored secret kept — type to replace' : field.placeholder}
          onChange={(event) => onChange(event.target.value === '' && storedSecret ? MASKED_SECRET : event.target.value)}
        />
      );
    default:
      return <input {...common} value={value} onChange={(event) => onChange(event.target.value)} />;
  }
}

function Hint({ field }: { field: FormField }) {
  return (
    <span className="setting-help" title={field.help}>
      {field.importance === 'HIGH' && <span className="flag warn">high importance</span>} {field.kind === 'list' && <em>comma-separated. </em>}
      {field.help}
    </span>
  );
}

interface Props {
  groups: FormGroup[];
  values: Record<string, string>;
  /** Settings whose stored value is a masked secret. */
  storedSecrets: ReadonlySet<string>;
  /** The message beside each setting (the worker's, or the submit's). */
  errorOf: (name: string) => string | undefined;
  onChange: (name: string, value: string) => void;
}

/** The plugin's settings by group; the first (Common) is open, another opens by itself when it holds a required setting, a value or an error. */
export function ConfigFields({ groups, values, storedSecrets, errorOf, onChange }: Props) {
  return (
    <>
      {groups.map((group, index) => {
        const open = index === 0 || group.fields.some((field) => field.required || errorOf(field.name) || values[field.name]);
        return (
          <details key={group.name} className="connect-group" open={open} data-group={group.name}>
            <summary>
              {group.name} <span className="muted small">{group.fields.length} settings</span>
            </summary>
            <div className="connect-fields">
              {group.fields.map((field) => (
                <Field key={field.name} label={`${field.label}${field.required ? ' *' : ''}`} error={errorOf(field.name)} hint={<Hint field={field} />}>
                  <SettingInput
                    field={field}
                    value={values[field.name] ?? ''}
                    storedSecret={storedSecrets.has(field.name)}
                    onChange={(value) => onChange(field.name, value)}
                  />
                </Field>
              ))}
            </div>
          </details>
        );
      })}
    </>
  );
}
