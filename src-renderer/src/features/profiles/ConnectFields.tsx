import type { ConnectAuthKind, ProfileView } from '@shared/profiles';
import { Field } from '@renderer/ui/Modal';
import type { ContractForm } from '@renderer/forms/use-contract-form';
import { SecretInput } from './ProfileFields';
import type { ConnectDraft } from './use-connect-draft';

/** Kafka Connect REST URLs, one per Connect cluster, and with them one basic sign-in for all. */
export function ConnectFields({ draft, profile, form }: { draft: ConnectDraft; profile: ProfileView | null; form: ContractForm }) {
  // the list's message (connect.urls), or the first bad URL's (connect.urls.1) with its place in the list, as the field is one text box
  const line = [0, 1, 2, 3, 4, 5, 6, 7].find((i) => form.error(`connect.urls.${i}`));
  const urlError = form.error('connect.urls') ?? (line === undefined ? null : `URL ${line + 1}: ${form.error(`connect.urls.${line}`)}`);
  return (
    <>
      <Field label="Kafka Connect URLs (optional)" error={urlError} hint="one per Connect cluster, one per line: any worker of a cluster answers for all of it">
        <textarea
          name="connectUrls"
          rows={2}
          value={draft.urls}
          onChange={(event) => draft.setUrls(event.target.value)}
          placeholder="http://connect:8083"
          spellCheck={false}
        />
      </Field>
      {draft.urls.trim() !== '' && (
        <div className="form-row">
          <Field label="Kafka Connect authentication" error={form.error('connect.auth')}>
            <select name="connectAuth" value={draft.auth} onChange={(event) => draft.setAuth(event.target.value as ConnectAuthKind)}>
              <option value="none">none</option>
              <option value="basic">basic</option>
            </select>
          </Field>
          {draft.auth === 'basic' && (
            <>
              <Field label="Connect username" error={form.error('connect.username')}>
                <input name="connectUsername" value={draft.username} onChange={(event) => draft.setUsername(event.target.value)} autoComplete="off" />
              </Field>
              <SecretInput
                label="Connect password"
                stored={profile?.hasConnectSecret ?? false}
                value={draft.password}
                onChange={draft.setPassword}
                error={form.error('connect.password')}
              />
            </>
          )}
        </div>
      )}
    </>
  );
}
