import { describe, expect, it } from 'vitest';
import { GeneratorKind } from '@shared/generator';
import { recordMaker, type GeneratedRecord } from '@main/services/generator/records';
import { STAVANGER_GARAGES } from '@main/services/generator/records/stavanger-parking';
import { MARKET_SYMBOLS } from '@main/services/generator/records/market-ticks';

const START = Date.UTC(2025, 2, 12, 8, 0, 0); // a Wednesday morning in Stavanger

/** n records, 10 ms apart, as a 100/s generator would stamp them. */
function take(kind: GeneratorKind, seed: number, n: number): GeneratedRecord[] {
  const make = recordMaker(kind, seed, START);
  return Array.from({ length: n }, (_, i) => make(START + i * 10));
}

describe('record makers', () => {
  it.each(GeneratorKind.options)('%s: the same seed gives the same records, another seed different ones', (kind) => {
    expect(take(kind, 42, 300)).toEqual(take(kind, 42, 300));
    expect(take(kind, 43, 300)).not.toEqual(take(kind, 42, 300));
  });

  it.each(GeneratorKind.options)('%s: every record has a key and event_time equal to the clock reading', (kind) => {
    take(kind, 7, 500).forEach((record, i) => {
      expect(record.key).toMatch(/\S/);
      expect(record.value.event_time).toBe(START + i * 10);
      expect(() => JSON.stringify(record.value)).not.toThrow();
    });
  });

  it('stavanger-parking: real garages, occupied within capacity, free = capacity − occupied, plausible drift', () => {
    const records = take('stavanger-parking', 1, 5000);
    const names = new Set(STAVANGER_GARAGES.map((g) => g.name));
    const last = new Map<string, number>();
    for (const { key, value, headers } of records) {
      const v = value as Record<string, number | string>;
      const garage = STAVANGER_GARAGES.find((g) => g.name === key)!;
      // a sensor glitch is a reading below zero, marked, that does not move the garage's count
      if (headers?.scenario === 'sensor-glitch') {
        expect(v.occupied).toBeLessThan(0);
        expect(v.free).toBe(garage.capacity - (v.occupied as number));
        continue;
      }
      expect(names.has(v.garage as string)).toBe(true);
      expect(v.capacity).toBe(garage.capacity);
      expect(v.occupied).toBeGreaterThanOrEqual(0);
      expect(v.occupied).toBeLessThanOrEqual(garage.capacity);
      expect(v.free).toBe(garage.capacity - (v.occupied as number));
      expect(v.occupancy_pct).toBeCloseTo(((v.occupied as number) / garage.capacity) * 100, 1);
      expect(new Date(v.timestamp as string).getTime()).toBe(v.event_time);
      // Cars come and go a few at a time: no garage jumps by more than 8 % of its spaces between reports.
      const before = last.get(key);
      if (before !== undefined) expect(Math.abs((v.occupied as number) - before)).toBeLessThanOrEqual(Math.ceil(garage.capacity * 0.08));
      last.set(key, v.occupied as number);
    }
    expect(new Set(records.map((r) => r.key)).size).toBe(STAVANGER_GARAGES.length);
  });

  it('stavanger-parking: a garage surges from under half to full in under 5 minutes, and a sensor glitches, both soon after the start', () => {
    const make = recordMaker('stavanger-parking', 3, START);
    // 10 records a second for 4 minutes
    const records = Array.from({ length: 2400 }, (_, i) => make(START + i * 100));
    const surge = records.filter((r) => r.headers?.scenario === 'surge');
    expect(new Set(surge.map((r) => r.key)).size).toBe(1);
    const pct = surge.map((r) => r.value.occupancy_pct as number);
    expect(pct[0]).toBeLessThan(50);
    const full = surge.find((r) => (r.value.occupancy_pct as number) >= 95)!;
    expect(full.value.event_time - surge[0].value.event_time).toBeLessThan(5 * 60_000);
    expect(records.filter((r) => r.headers?.scenario === 'sensor-glitch').length).toBeGreaterThanOrEqual(1);
  });

  it('stavanger-parking: garages are fuller at weekday noon than at 3 a.m.', () => {
    const meanOccupancy = (at: number) => {
      const make = recordMaker('stavanger-parking', 5, at);
      const values = Array.from({ length: 2000 }, (_, i) => make(at + i).value.occupancy_pct as number);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(meanOccupancy(Date.UTC(2025, 2, 12, 11, 0))).toBeGreaterThan(meanOccupancy(Date.UTC(2025, 2, 12, 2, 0)) + 30);
  });

  it('iot-sensors: plausible temperatures, humidity and battery, with rare anomalies marked in a header', () => {
    const records = take('iot-sensors', 3, 20000);
    let anomalies = 0;
    for (const { key, value, headers } of records) {
      expect(value.device_id).toBe(key);
      expect(value.humidity_pct).toBeGreaterThanOrEqual(0);
      expect(value.humidity_pct).toBeLessThanOrEqual(100);
      expect(value.battery_pct).toBeGreaterThanOrEqual(0);
      expect(value.battery_pct).toBeLessThanOrEqual(100);
      if (headers?.anomaly) anomalies++;
      else expect(Math.abs((value.temperature_c as number) - 14)).toBeLessThan(20);
    }
    expect(anomalies).toBeGreaterThan(20);
    expect(anomalies).toBeLessThan(400);
  });

  it('user-activity: a funnel — many page views, fewer clicks to cart, fewest purchases, each with an amount', () => {
    const records = take('user-activity', 11, 20000);
    const count = (type: string) => records.filter((r) => r.value.event_type === type).length;
    expect(count('page_view')).toBeGreaterThan(count('add_to_cart'));
    expect(count('add_to_cart')).toBeGreaterThan(count('purchase'));
    expect(count('purchase')).toBeGreaterThan(0);
    for (const { key, value } of records) {
      expect(value.user_id).toBe(key);
      expect(value.session_id).toMatch(/^sess-[0-9a-f]{12}$/);
      expect(value.url).toMatch(/^\//);
      if (value.event_type === 'purchase') expect(value.amount_nok).toBeGreaterThan(0);
      else expect(value.amount_nok).toBeNull();
    }
  });

  it('market-ticks: positive prices, bid < ask, the trade at bid or ask, prices wander but not wildly', () => {
    const records = take('market-ticks', 13, 20000);
    for (const { key, value } of records) {
      const v = value as Record<string, number | string>;
      expect(v.symbol).toBe(key);
      expect(v.price).toBeGreaterThan(0);
      expect(v.bid).toBeLessThan(v.ask as number);
      expect([v.bid, v.ask]).toContain(v.price);
      expect(v.volume).toBeGreaterThanOrEqual(1);
    }
    for (const { symbol, open } of MARKET_SYMBOLS) {
      const last = records.filter((r) => r.key === symbol).at(-1)!.value.price as number;
      expect(last / open).toBeGreaterThan(0.8);
      expect(last / open).toBeLessThan(1.25);
    }
  });

  it('log-lines: mostly INFO, some WARN and ERROR, each with a 32-hex trace id', () => {
    const records = take('log-lines', 17, 10000);
    const share = (level: string) => records.filter((r) => r.value.level === level).length / records.length;
    expect(share('INFO')).toBeGreaterThan(0.75);
    expect(share('WARN')).toBeGreaterThan(0.03);
    expect(share('ERROR')).toBeGreaterThan(0.01);
    expect(share('ERROR')).toBeLessThan(share('WARN'));
    for (const { key, value } of records) {
      expect(value.service).toBe(key);
      expect(value.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(value.message).toMatch(/\S/);
    }
  });
});
