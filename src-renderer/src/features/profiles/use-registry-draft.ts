import { useState } from 'react';
import type { ProfileView, SchemaRegistryAuthKind } from '@shared/profiles';

/** The profile form's Schema Registry fields as typed (the secret starts empty: undefined keeps the stored one). */
export function useRegistryDraft(profile: ProfileView | null) {
  const [url, setUrl] = useState(profile?.schemaRegistry.url ?? '');
  const [auth, setAuth] = useState<SchemaRegistryAuthKind>(profile?.schemaRegistry.auth ?? 'none');
  const [username, setUsername] = useState(profile?.schemaRegistry.username ?? '');
  const [secret, setSecret] = useState<string | undefined>(undefined);

  function input() {
    return {
      url: url.trim() === '' ? null : url.trim(),
      auth,
      username: username.trim() === '' ? undefined : username.trim(),
      ...(auth === 'bearer' ? { token: secret } : { password: secret }),
    };
  }

  return { url, setUrl, auth, setAuth, username, setUsername, secret, setSecret, input };
}
export type RegistryDraft = ReturnType<typeof useRegistryDraft>;
