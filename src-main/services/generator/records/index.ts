import type { GeneratorKind } from '@shared/generator';
import { iotSensors } from './iot-sensors';
import { logLines } from './log-lines';
import { marketTicks } from './market-ticks';
import { seededRandom } from './random';
import type { RecordMaker, RecordMakerFactory } from './record';
import { stavangerParking } from './stavanger-parking';
import { userActivity } from './user-activity';

export type { GeneratedRecord, RecordMaker } from './record';

const FACTORIES: Record<GeneratorKind, RecordMakerFactory> = {
  'stavanger-parking': stavangerParking,
  'iot-sensors': iotSensors,
  'user-activity': userActivity,
  'market-ticks': marketTicks,
  'log-lines': logLines,
};

/** The record maker for a kind: same kind, seed and clock readings give the same records. */
export function recordMaker(kind: GeneratorKind, seed: number, startedAt: number): RecordMaker {
  return FACTORIES[kind](seededRandom(seed), startedAt);
}
