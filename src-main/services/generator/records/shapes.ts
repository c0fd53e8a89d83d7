import type { GeneratorKind } from '@shared/generator';

type FieldType = 'string' | 'int' | 'long' | 'double' | 'boolean';

export interface RecordShape {
  /** The record's type name in a derived schema (Avro record, Protobuf message). */
  name: string;
  /** Every field each maker writes, in its order; `nullable` where a record may carry null. */
  fields: readonly { name: string; type: FieldType; nullable?: boolean }[];
}

const f = (name: string, type: FieldType, nullable = false) => ({ name, type, ...(nullable ? { nullable } : {}) });

/**
 * What each kind's records hold, field by field: the shape a registered schema is derived from when
 * a generator writes Avro or Protobuf. A unit test checks thousands of each kind's records against it.
 */
export const RECORD_SHAPES: Record<GeneratorKind, RecordShape> = {
  'stavanger-parking': {
    name: 'StavangerParking',
    fields: [
      f('garage', 'string'),
      f('garage_id', 'string'),
      f('capacity', 'int'),
      f('occupied', 'int'),
      f('free', 'int'),
      f('occupancy_pct', 'double'),
      f('trend', 'string'),
      f('status', 'string'),
      f('latitude', 'double'),
      f('longitude', 'double'),
      f('timestamp', 'string'),
      f('event_time', 'long'),
    ],
  },
  'iot-sensors': {
    name: 'IotSensorReading',
    fields: [
      f('device_id', 'string'),
      f('site', 'string'),
      f('location', 'string'),
      f('temperature_c', 'double'),
      f('humidity_pct', 'double'),
      f('battery_pct', 'double'),
      f('battery_low', 'boolean'),
      f('firmware', 'string'),
      f('event_time', 'long'),
    ],
  },
  'user-activity': {
    name: 'UserActivity',
    fields: [
      f('event_id', 'string'),
      f('event_type', 'string'),
      f('user_id', 'string'),
      f('session_id', 'string'),
      f('url', 'string'),
      f('product_id', 'string', true),
      f('amount_nok', 'double', true),
      f('device', 'string'),
      f('referrer', 'string'),
      f('event_time', 'long'),
    ],
  },
  'market-ticks': {
    name: 'MarketTick',
    fields: [
      f('symbol', 'string'),
      f('exchange', 'string'),
      f('currency', 'string'),
      f('price', 'double'),
      f('bid', 'double'),
      f('ask', 'double'),
      f('bid_size', 'long'),
      f('ask_size', 'long'),
      f('volume', 'long'),
      f('side', 'string'),
      f('trade_id', 'long'),
      f('event_time', 'long'),
    ],
  },
  'log-lines': {
    name: 'LogLine',
    fields: [
      f('service', 'string'),
      f('host', 'string'),
      f('level', 'string'),
      f('message', 'string'),
      f('trace_id', 'string'),
      f('span_id', 'string'),
      f('timestamp', 'string'),
      f('event_time', 'long'),
    ],
  },
};
