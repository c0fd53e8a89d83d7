import { clamp, round, type Random } from './random';
import { ParkingScenarios } from './parking-scenarios';
import type { RecordMakerFactory } from './record';

type Pattern = 'shopping' | 'commuter' | 'events';

interface Garage {
  id: string;
  name: string;
  capacity: number;
  latitude: number;
  longitude: number;
  pattern: Pattern;
}

/**
 * Stavanger's public garages (the seed's `stavanger_parking_events` stream). Capacities and
 * positions are close to the published figures; exactness is not the point, plausibility is.
 */
export const STAVANGER_GARAGES: readonly Garage[] = [
  { id: 'kyrre', name: 'Kyrre', capacity: 289, latitude: 58.9683, longitude: 5.7329, pattern: 'shopping' },
  { id: 'jernbanen', name: 'Jernbanen', capacity: 190, latitude: 58.9667, longitude: 5.7337, pattern: 'commuter' },
  { id: 'siddis', name: 'Siddis', capacity: 480, latitude: 58.9637, longitude: 5.7331, pattern: 'shopping' },
  { id: 'posten', name: 'Posten', capacity: 226, latitude: 58.9689, longitude: 5.7365, pattern: 'shopping' },
  { id: 'torget', name: 'Torget', capacity: 120, latitude: 58.9701, longitude: 5.7316, pattern: 'shopping' },
  { id: 'valberget', name: 'Valberget', capacity: 340, latitude: 58.9716, longitude: 5.7296, pattern: 'commuter' },
  { id: 'stavanger-forum', name: 'Stavanger Forum', capacity: 1350, latitude: 58.9503, longitude: 5.7227, pattern: 'events' },
  { id: 'bekhuskaien', name: 'Bekhuskaien', capacity: 150, latitude: 58.9761, longitude: 5.7297, pattern: 'commuter' },
  { id: 'nytorget', name: 'Nytorget', capacity: 230, latitude: 58.9669, longitude: 5.7389, pattern: 'shopping' },
  { id: 'st-olav', name: 'St. Olav', capacity: 440, latitude: 58.9651, longitude: 5.7368, pattern: 'shopping' },
];

// Share of spaces taken by local hour, 0..23: weekday city-centre curves and a weekend one.
const WEEKDAY: Record<Pattern, readonly number[]> = {
  shopping: [0.08, 0.06, 0.05, 0.05, 0.05, 0.07, 0.15, 0.3, 0.5, 0.68, 0.78, 0.85, 0.9, 0.88, 0.85, 0.8, 0.75, 0.65, 0.55, 0.45, 0.35, 0.25, 0.15, 0.1],
  commuter: [0.05, 0.04, 0.04, 0.04, 0.05, 0.12, 0.35, 0.7, 0.9, 0.95, 0.95, 0.93, 0.92, 0.92, 0.9, 0.8, 0.55, 0.35, 0.2, 0.15, 0.12, 0.1, 0.07, 0.06],
  events: [0.04, 0.03, 0.03, 0.03, 0.03, 0.05, 0.1, 0.2, 0.3, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.4, 0.55, 0.7, 0.75, 0.7, 0.5, 0.2, 0.08],
};
const WEEKEND = [0.06, 0.05, 0.04, 0.04, 0.04, 0.04, 0.05, 0.08, 0.15, 0.3, 0.5, 0.68, 0.78, 0.8, 0.78, 0.7, 0.58, 0.45, 0.38, 0.33, 0.28, 0.2, 0.12, 0.08];

/** Stavanger's local time without a time-zone database: CET, plus one hour from April to October (close enough for a curve). */
function localClock(epochMs: number): { hour: number; weekend: boolean } {
  const utc = new Date(epochMs);
  const month = utc.getUTCMonth();
  const local = new Date(epochMs + (month >= 3 && month <= 9 ? 2 : 1) * 3_600_000);
  const day = local.getUTCDay();
  return { hour: local.getUTCHours(), weekend: day === 0 || day === 6 };
}

function targetOccupancy(pattern: Pattern, epochMs: number): number {
  const { hour, weekend } = localClock(epochMs);
  return weekend && pattern !== 'events' ? WEEKEND[hour] : WEEKDAY[pattern][hour];
}

/**
 * Each record reports one garage. Occupancy moves toward the time-of-day target with noise
 * (cars come and go in small numbers), so consecutive readings of a garage look like a real feed;
 * now and then a garage surges full, or a sensor glitches (parking-scenarios.ts).
 */
export const stavangerParking: RecordMakerFactory = (random: Random, startedAt: number) => {
  const occupied = STAVANGER_GARAGES.map((garage) => {
    const start = targetOccupancy(garage.pattern, startedAt) * garage.capacity + random.gaussian() * garage.capacity * 0.05;
    return Math.round(clamp(start, 0, garage.capacity));
  });
  const byCapacity = STAVANGER_GARAGES.map((garage, index) => [index, Math.sqrt(garage.capacity)] as const);
  const scenarios = new ParkingScenarios(
    startedAt,
    STAVANGER_GARAGES.map((g) => g.capacity),
  );

  return (now) => {
    scenarios.tick(now, occupied);
    const index = random.weighted(byCapacity);
    const garage = STAVANGER_GARAGES[index];
    const before = occupied[index];
    const target = targetOccupancy(garage.pattern, now) * garage.capacity;
    const step = 0.05 * (target - before) + random.gaussian() * Math.max(1, garage.capacity * 0.01);
    const surging = scenarios.surging(index, now);
    const drifted = surging ?? Math.round(clamp(before + step, 0, garage.capacity));
    occupied[index] = drifted;
    const glitch = surging === null && scenarios.glitch(now);
    // a glitch is this reading only: the garage's state keeps the true count
    const after = glitch ? -1 - random.int(0, 9) : drifted;
    const free = garage.capacity - after;
    const header = surging !== null ? { scenario: 'surge' } : glitch ? { scenario: 'sensor-glitch' } : null;
    return {
      ...(header ? { headers: header } : {}),
      // Keyed by the name, as Stavanger's open data names garages; with Kafka's default
      // partitioner the ten names also spread over all three partitions of the seed's topic.
      key: garage.name,
      value: {
        garage: garage.name,
        garage_id: garage.id,
        capacity: garage.capacity,
        occupied: after,
        free,
        occupancy_pct: round((after / garage.capacity) * 100, 1),
        trend: after > before ? 'filling' : after < before ? 'emptying' : 'steady',
        status: free === 0 ? 'full' : 'open',
        latitude: garage.latitude,
        longitude: garage.longitude,
        timestamp: new Date(now).toISOString(),
        event_time: now,
      },
    };
  };
};
