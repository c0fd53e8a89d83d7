import type { ProfileView, SchemaRegistryAuthKind } from '@shared/profiles';
import { Field } from '@renderer/ui/Modal';
import type { ContractForm } from '@renderer/forms/use-contract-form';
import { SecretInput } from './ProfileFields';
import type { RegistryDraft } from './use-registry-draft';

/** The Schema Registry URL (Confluent, Karapace or Apicurio's ccompat API) and, with one, its sign-in. */
export function SchemaRegistryFields({ draft, profile, form }: { draft: RegistryDraft; profile: ProfileView | null; form: ContractForm }) {
  const { auth } = draft;
  return (
    <>
      <Field
        label="Schema Registry URL (optional)"
        error={form.error('schemaRegistry.url')}
        hint="Confluent or Karapace: http://registry:8081 · Apicurio: http://registry:8080/apis/ccompat/v7"
      >
        <input
          name="schemaRegistryUrl"
          value={draft.url}
          onChange={(event) => draft.setUrl(event.target.value)}
          placeholder="http://registry:8081"
          spellCheck={false}
        />
      </Field>
      {draft.url.trim() !== '' && (
        <div className="form-row">
          <Field label="Schema Registry authentication" error={form.error('schemaRegistry.auth')}>
            <select name="schemaRegistryAuth" value={auth} onChange={(event) => draft.setAuth(event.target.value as SchemaRegistryAuthKind)}>
              <option value="none">none</option>
              <option value="basic">basic</option>
              <option value="bearer">bearer token</option>
            </select>
          </Field>
          {auth === 'basic' && (
            <Field label="Registry username" error={form.error('schemaRegistry.username')}>
              <input name="schemaRegistryUsername" value={draft.username} onChange={(event) => draft.setUsername(event.target.value)} autoComplete="off" />
            </Field>
          )}
          {auth !== 'none' && (
            <SecretInput
              label={auth === 'bearer' ? 'Registry token' : 'Registry password'}
              stored={profile?.hasSchemaRegistrySecret ?? false}
              value={draft.secret}
              onChange={draft.setSecret}
              error={form.error('schemaRegistry.password') ?? form.error('schemaRegistry.token')}
            />
          )}
        </div>
      )}
    </>
  );
}
