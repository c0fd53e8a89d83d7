// What the create/edit form holds: cluster, plugin, name, the settings typed, the raw JSON view,
// which settings were touched (the worker's errors show on those, and on all after a submit).
import { useMemo, useState } from 'react';
import { MASKED_SECRET, type ConnectorDetail } from '@shared/connect';
import { configOf, parseRawJson, rawJsonOf, valuesOf } from './config-form';

export function useConnectorDraft(clusters: readonly string[], existing: ConnectorDetail | null) {
  const [cluster, setCluster] = useState(existing?.cluster ?? clusters[0] ?? '');
  const [plugin, setPlugin] = useState(existing?.config['connector.class'] ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [values, setValues] = useState<Record<string, string>>(() => valuesOf(existing?.config ?? {}));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [raw, setRaw] = useState<{ text: string; error: string | null } | null>(null);
  const storedSecrets = useMemo(
    () => new Set(Object.entries(existing?.config ?? {}).flatMap(([key, value]) => (value === MASKED_SECRET ? [key] : []))),
    [existing],
  );
  const config = useMemo(() => configOf(plugin, values), [plugin, values]);
  const touch = (key: string) => setTouched((before) => new Set(before).add(key));
  return {
    cluster,
    plugin,
    name,
    values,
    touched,
    raw,
    storedSecrets,
    config,
    setCluster: (next: string) => (setCluster(next), setPlugin('')),
    setPlugin: (next: string) => (setPlugin(next), setTouched(new Set())),
    setName: (next: string) => (setName(next), touch('name')),
    setValue: (key: string, value: string) => (setValues((before) => ({ ...before, [key]: value })), touch(key)),
    /** Into the raw view (the JSON of what would be sent), or back to the form when the JSON reads. */
    toggleRaw: () => {
      if (!raw) return setRaw({ text: rawJsonOf(plugin, values), error: null });
      if (raw.error === null) setRaw(null);
    },
    /** The raw text edited: when it reads, the form's plugin and settings follow it (and are validated). */
    editRaw: (text: string) => {
      const parsed = parseRawJson(text);
      setRaw({ text, error: parsed.ok ? null : parsed.error });
      if (!parsed.ok) return;
      setPlugin(parsed.plugin);
      setValues(parsed.values);
      setTouched(new Set(Object.keys(parsed.values)));
    },
  };
}

export type ConnectorDraft = ReturnType<typeof useConnectorDraft>;
