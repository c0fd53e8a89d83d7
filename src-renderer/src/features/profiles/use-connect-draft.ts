import { useState } from 'react';
import type { ConnectAuthKind, ProfileView } from '@shared/profiles';

/** The profile form's Kafka Connect fields as typed: URLs one per line (the password starts empty: undefined keeps the stored one). */
export function useConnectDraft(profile: ProfileView | null) {
  const [urls, setUrls] = useState(profile?.connect.urls.join('\n') ?? '');
  const [auth, setAuth] = useState<ConnectAuthKind>(profile?.connect.auth ?? 'none');
  const [username, setUsername] = useState(profile?.connect.username ?? '');
  const [password, setPassword] = useState<string | undefined>(undefined);

  function input() {
    return {
      urls: urls
        .split(/[\n,]/)
        .map((url) => url.trim())
        .filter(Boolean),
      auth,
      username: username.trim() === '' ? undefined : username.trim(),
      password,
    };
  }

  return { urls, setUrls, auth, setAuth, username, setUsername, password, setPassword, input };
}
export type ConnectDraft = ReturnType<typeof useConnectDraft>;
