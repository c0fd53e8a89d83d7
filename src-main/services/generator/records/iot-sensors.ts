import { clamp, round, type Random } from './random';
import type { RecordMakerFactory } from './record';

const SITES = ['stavanger-harbour', 'forus-industrial', 'sola-airport', 'sandnes-warehouse', 'risavika-terminal'] as const;
const DEVICES_PER_SITE = 8;

interface Device {
  id: string;
  site: string;
  indoor: boolean;
  baseTemperature: number;
  baseHumidity: number;
  temperature: number;
  humidity: number;
  battery: number;
  firmware: string;
}

/** Spikes and stuck readings are rare but present, so anomaly detection downstream has something to find. */
const ANOMALY_PROBABILITY = 0.005;

function makeDevices(random: Random): Device[] {
  const devices: Device[] = [];
  SITES.forEach((site, siteIndex) => {
    for (let n = 0; n < DEVICES_PER_SITE; n++) {
      const indoor = random.chance(0.5);
      const baseTemperature = indoor ? 20 + random.gaussian() * 1.5 : 8 + random.gaussian() * 3;
      const baseHumidity = indoor ? 40 + random.gaussian() * 5 : 78 + random.gaussian() * 6;
      devices.push({
        id: `sensor-${String(siteIndex * DEVICES_PER_SITE + n + 1).padStart(3, '0')}`,
        site,
        indoor,
        baseTemperature,
        baseHumidity,
        temperature: baseTemperature,
        humidity: baseHumidity,
        battery: 60 + random.next() * 40,
        firmware: random.pick(['2.3.1', '2.4.0', '2.4.2']),
      });
    }
  });
  return devices;
}

/**
 * Each record is one device's reading. Values follow a mean-reverting walk around the device's
 * own baseline, batteries drain slowly, and now and then a reading is an anomaly (marked in a
 * header, not in the value, so the value looks exactly like a real faulty sensor's).
 */
export const iotSensors: RecordMakerFactory = (random) => {
  const devices = makeDevices(random);
  return (now) => {
    const device = random.pick(devices);
    device.temperature += 0.1 * (device.baseTemperature - device.temperature) + random.gaussian() * 0.15;
    device.humidity = clamp(device.humidity + 0.1 * (device.baseHumidity - device.humidity) + random.gaussian() * 0.6, 5, 100);
    device.battery = Math.max(0, device.battery - random.next() * 0.01);
    if (device.battery < 5 && random.chance(0.01)) device.battery = 100; // someone swapped the battery

    let temperature = device.temperature + random.gaussian() * 0.05;
    let humidity = device.humidity;
    let anomaly: string | null = null;
    if (random.chance(ANOMALY_PROBABILITY)) {
      anomaly = random.pick(['temperature-spike', 'temperature-drop', 'humidity-stuck'] as const);
      if (anomaly === 'temperature-spike') temperature += 15 + random.next() * 25;
      else if (anomaly === 'temperature-drop') temperature -= 15 + random.next() * 20;
      else humidity = 100;
    }
    const battery = round(device.battery, 1);
    return {
      key: device.id,
      value: {
        device_id: device.id,
        site: device.site,
        location: device.indoor ? 'indoor' : 'outdoor',
        temperature_c: round(temperature, 2),
        humidity_pct: round(humidity, 1),
        battery_pct: battery,
        battery_low: battery < 15,
        firmware: device.firmware,
        event_time: now,
      },
      ...(anomaly ? { headers: { anomaly } } : {}),
    };
  };
};
