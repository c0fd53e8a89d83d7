import { useState } from 'react';
import type { BrowseResult } from '@shared/messages';
import { messageCalls } from './messages-store';

export type Position = 'end' | 'beginning' | 'offset' | 'timestamp';

/** The browse form's fields: where to read from, how many, which partition ('all' or its number). */
export interface BrowseQuery {
  position: Position;
  setPosition(position: Position): void;
  amount: string;
  setAmount(amount: string): void;
  offset: string;
  setOffset(offset: string): void;
  time: string;
  setTime(time: string): void;
  partition: string;
  setPartition(partition: string): void;
}

/** The partition a query names, null for all of them. */
export const partitionOf = (partition: string) => (partition === 'all' ? null : Number(partition));

export function useBrowseQuery(): BrowseQuery {
  const [position, setPosition] = useState<Position>('end');
  const [amount, setAmount] = useState('50');
  const [offset, setOffset] = useState('0');
  const [time, setTime] = useState(() => new Date(Date.now() - 3_600_000).toISOString().slice(0, 16));
  const [partition, setPartition] = useState('all');
  return { position, setPosition, amount, setAmount, offset, setOffset, time, setTime, partition, setPartition };
}

/** Reads what the query asks for with messages:browse (stopping the live tail first): the result, its error, whether it runs. */
export function useBrowse(topic: string, partitions: number, query: BrowseQuery, stopTail: () => void) {
  const [result, setResult] = useState<BrowseResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { position, amount, offset, time, partition } = query;

  async function load() {
    const from =
      position === 'end'
        ? { kind: 'end' as const, count: Number(amount) }
        : position === 'beginning'
          ? { kind: 'beginning' as const }
          : position === 'offset'
            ? { kind: 'offset' as const, offset: Number(offset) }
            : { kind: 'timestamp' as const, ms: new Date(time).getTime() };
    stopTail();
    setBusy(true);
    try {
      setResult(
        await messageCalls.browse({
          topic,
          partition: partitionOf(partition),
          from,
          limit: Math.max(1, Math.min(10_000, Number(amount) * (partition === 'all' ? partitions : 1))),
        }),
      );
      setError(null);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return { result, setResult, error, busy, load };
}
