// Connect's config validation (`PUT /connector-plugins/{plugin}/config/validate`) as the form needs it: each
// setting's definition with its value checked, secrets masked, and the errors as issues on `config.<setting>`.
import type { ConfigValidation } from '@shared/connect';
import type { ErrorIssue } from '@shared/errors';
import type { ConfigValidation as WorkerValidation } from '@main/clients/connect/connect-types';
import { isSecretSetting, maskValue } from './config-secrets';

const NO_GROUP = 'Common';

/** The settings a plugin types PASSWORD. */
export function passwordSettings(validation: WorkerValidation): Set<string> {
  return new Set(validation.configs.filter((c) => c.definition.type === 'PASSWORD').map((c) => c.definition.name));
}

export function toConfigValidation(plugin: string, validation: WorkerValidation): ConfigValidation {
  const passwords = passwordSettings(validation);
  const fields = validation.configs.map(({ definition: d, value: v }) => ({
    name: d.name,
    displayName: d.display_name || d.name,
    type: d.type,
    required: d.required,
    defaultValue: maskValue(d.name, d.default_value, passwords),
    importance: d.importance,
    documentation: d.documentation ?? '',
    group: d.group,
    order: d.order,
    width: d.width,
    dependents: d.dependents,
    value: maskValue(d.name, v.value, passwords),
    recommendedValues: v.recommended_values,
    errors: v.errors,
    visible: v.visible,
    secret: isSecretSetting(d.name, passwords),
  }));
  const groups = [...validation.groups];
  if (!groups.includes(NO_GROUP) && fields.some((f) => !f.group || !groups.includes(f.group))) groups.push(NO_GROUP);
  return {
    plugin,
    errorCount: validation.error_count,
    groups,
    fields: fields.map((f) => (f.group && groups.includes(f.group) ? f : { ...f, group: NO_GROUP })),
  };
}

/** One issue per error, where a form shows it: the connector's name at `name`, every other setting at `config.<setting>`. */
export function validationIssues(validation: WorkerValidation): ErrorIssue[] {
  return validation.configs.flatMap(({ definition, value }) =>
    value.errors.map((message) => ({ path: definition.name === 'name' ? ['name'] : ['config', definition.name], message })),
  );
}
