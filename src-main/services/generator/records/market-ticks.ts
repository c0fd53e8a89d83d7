import { round } from './random';
import type { RecordMakerFactory } from './record';

/** Oslo Børs names with opening prices in NOK near their recent levels. */
export const MARKET_SYMBOLS: readonly { symbol: string; name: string; open: number }[] = [
  { symbol: 'EQNR', name: 'Equinor', open: 255 },
  { symbol: 'DNB', name: 'DNB Bank', open: 245 },
  { symbol: 'NHY', name: 'Norsk Hydro', open: 68 },
  { symbol: 'TEL', name: 'Telenor', open: 150 },
  { symbol: 'MOWI', name: 'Mowi', open: 195 },
  { symbol: 'AKRBP', name: 'Aker BP', open: 245 },
  { symbol: 'YAR', name: 'Yara International', open: 360 },
  { symbol: 'ORK', name: 'Orkla', open: 110 },
  { symbol: 'SALM', name: 'SalMar', open: 540 },
  { symbol: 'KOG', name: 'Kongsberg Gruppen', open: 310 },
];

/** Oslo Børs quotes these price ranges in these increments (simplified tick-size table). */
function tickSize(price: number): number {
  if (price < 10) return 0.01;
  if (price < 100) return 0.02;
  if (price < 500) return 0.05;
  return 0.1;
}

const toTick = (price: number, tick: number) => round(Math.round(price / tick) * tick, 2);

/**
 * Each record is one trade on one symbol. Prices follow a geometric random walk (no drift,
 * ~0.05 % per tick), the spread is one to three ticks around the price, and sizes are
 * log-normal in round lots, so charts of the stream look like a quiet trading day.
 */
export const marketTicks: RecordMakerFactory = (random) => {
  const prices = MARKET_SYMBOLS.map((s) => s.open);
  let sequence = 0;
  return (now) => {
    const index = random.int(0, MARKET_SYMBOLS.length - 1);
    const { symbol } = MARKET_SYMBOLS[index];
    const mid = Math.max(0.5, prices[index] * Math.exp(random.gaussian() * 0.0005));
    prices[index] = mid;
    const tick = tickSize(mid);
    const halfSpread = random.int(1, 3) * tick;
    const bid = toTick(Math.max(tick, mid - halfSpread / 2), tick);
    const ask = toTick(Math.max(bid + tick, mid + halfSpread / 2), tick);
    const price = random.chance(0.5) ? bid : ask; // a trade hits the bid or lifts the offer
    sequence += 1;
    return {
      key: symbol,
      value: {
        symbol,
        exchange: 'XOSL',
        currency: 'NOK',
        price,
        bid,
        ask,
        bid_size: random.int(1, 40) * 100,
        ask_size: random.int(1, 40) * 100,
        volume: Math.max(1, Math.round(Math.exp(4.5 + random.gaussian() * 1.1))),
        side: price === bid ? 'sell' : 'buy',
        trade_id: sequence,
        event_time: now,
      },
    };
  };
};
