// The brokers of a native stack: their service names and where each one listens.
import type { NativeServiceName } from './types';

const BROKER_SERVICES = ['kafka', 'kafka-2', 'kafka-3'] as const satisfies NativeServiceName[];
type BrokerService = (typeof BROKER_SERVICES)[number];

/** The broker services of a cluster of `count` brokers, first broker first. */
export function brokerServices(count: number): BrokerService[] {
  return BROKER_SERVICES.slice(0, count);
}

/** 0-based position of a broker service, or null for any other service. */
export function brokerIndex(s: NativeServiceName): number | null {
  const at = (BROKER_SERVICES as readonly NativeServiceName[]).indexOf(s);
  return at < 0 ? null : at;
}

/**
 * KRaft controllers' ports: from the controller port on, unless the brokers' run of ports (kafka, kafka+1, …) would
 * cover them, as the defaults 9092 and 9093 do for three brokers: then right after the brokers' ports.
 */
export function controllerPorts(kafka: number, controller: number, count: number): number[] {
  const overlaps = controller + count - 1 >= kafka && controller <= kafka + count - 1;
  const first = overlaps ? kafka + count : controller;
  return Array.from({ length: count }, (_, i) => first + i);
}
