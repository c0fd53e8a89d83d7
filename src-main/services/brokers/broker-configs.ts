// A broker's configs as the Brokers page shows them, and the checks a change passes before the broker sees it. Pure.
import { invalidField } from '@shared/errors';
import type { BrokerConfigEntry, BrokerConfigSource } from '@shared/brokers';
import type { RawBrokerConfig } from '@main/clients/kafka/broker-admin';

/** DescribeConfigs' ConfigSource codes for a broker resource. */
const SOURCES: Record<number, BrokerConfigSource> = { 2: 'dynamic-broker', 3: 'dynamic-default', 4: 'static', 5: 'default' };

/**
 * Each config with where its value comes from. For a broker resource Kafka answers readOnly=false exactly for the configs
 * it can change per broker without a restart (DynamicBrokerConfig's list), so that is what "dynamic" means here.
 */
export function brokerConfigEntries(raw: RawBrokerConfig[]): BrokerConfigEntry[] {
  return raw
    .map((config) => ({
      name: config.name,
      value: config.isSensitive ? null : (config.value ?? null),
      source: SOURCES[config.configSource] ?? 'other',
      dynamic: !config.readOnly,
      sensitive: config.isSensitive,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Kafka accepts a dynamic change to a name it does not know (it stores it and nothing reads it), so a name must be one of
 * the broker's configs, and dynamic; a reset must name an override this broker has.
 */
export function checkAlterable(entries: BrokerConfigEntry[], brokerId: number, set: Record<string, string>, reset: string[]): void {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const name of Object.keys(set)) {
    const entry = byName.get(name);
    if (!entry) throw invalidField(['set', name], `broker ${brokerId} has no config named ${name}`);
    if (!entry.dynamic) throw invalidField(['set', name], `is read-only: change it in the broker's server.properties and restart it`);
  }
  for (const [index, name] of reset.entries()) {
    if (byName.get(name)?.source !== 'dynamic-broker') throw invalidField(['reset', index], `${name} has no override on broker ${brokerId} to remove`);
  }
}

/** The field the broker's refusal is about: the first config it names, else the change as a whole. */
export function refusedField(message: string, set: Record<string, string>, reset: string[]): (string | number)[] {
  const named = Object.keys(set).find((name) => message.includes(name));
  if (named) return ['set', named];
  const resetIndex = reset.findIndex((name) => message.includes(name));
  return resetIndex >= 0 ? ['reset', resetIndex] : ['set'];
}
