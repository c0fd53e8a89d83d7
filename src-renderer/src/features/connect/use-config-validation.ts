// The worker's verdict on the config being edited: validated again a moment after each edit
// (`connect:validate`), an older answer never replacing a newer one, the last one kept meanwhile.
import { useEffect, useRef, useState } from 'react';
import type { ConfigValidation } from '@shared/connect';
import { connectCalls } from './connect-store';

const DEBOUNCE_MS = 400;

interface Input {
  cluster: string;
  plugin: string;
  config: Record<string, string>;
  /** The connector's name (its stored secrets stand in for masked values when editing). */
  name: string;
  editing: boolean;
}

export function useConfigValidation({ cluster, plugin, config, name, editing }: Input) {
  const [validation, setValidation] = useState<ConfigValidation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [validating, setValidating] = useState(false);
  const sequence = useRef(0);
  // Another plugin's settings are not this one's: forget them at once.
  useEffect(() => setValidation(null), [cluster, plugin]);
  const key = JSON.stringify([cluster, plugin, config, name, editing]);
  useEffect(() => {
    if (!cluster || !plugin) return;
    const mine = ++sequence.current;
    const timer = setTimeout(() => {
      setValidating(true);
      const trimmed = name.trim();
      const args = { cluster, plugin, config: trimmed ? { ...config, name: trimmed } : config, ...(editing && trimmed ? { name: trimmed } : {}) };
      connectCalls.validate(args).then(
        (answer) => mine === sequence.current && (setValidation(answer), setError(null), setValidating(false)),
        (caught: Error) => mine === sequence.current && (setError(caught.message), setValidating(false)),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // `key` stands for the inputs: a new config object with the same settings is no edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { validation: plugin ? validation : null, error, validating };
}
