import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageRecord, TailPosition } from '@shared/messages';
import { messageCalls } from './messages-store';

/** Rows kept on screen while tailing: the newest, so a busy topic cannot grow the page without bound. */
export const TAIL_MAX_ROWS = 1000;
const RETRY_MS = 2000;

export interface LiveTail {
  active: boolean;
  paused: boolean;
  /** The start positions are known: every record written from now on will show. */
  ready: boolean;
  /** Newest first. */
  rows: MessageRecord[];
  /** Records received since the tail started (also those no longer on screen). */
  received: number;
  error: string | null;
  start: () => void;
  pause: () => void;
  resume: () => void;
  stop: () => void;
}

/**
 * Follows a topic with `messages:tail` long polls. The positions live here, so pausing stops
 * asking and resuming carries on from exactly where it paused: nothing is skipped.
 */
export function useLiveTail(topic: string, partition: number | null): LiveTail {
  const [active, setActive] = useState(false);
  const [paused, setPaused] = useState(false);
  const [ready, setReady] = useState(false);
  const [rows, setRows] = useState<MessageRecord[]>([]);
  const [received, setReceived] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const positions = useRef<TailPosition[] | null>(null);
  // One token per running loop: pausing or unmounting flips it, and that loop ends.
  const loop = useRef<{ live: boolean } | null>(null);

  const run = useCallback(async () => {
    const token = { live: true };
    loop.current = token;
    while (token.live) {
      try {
        const answer = await messageCalls.tail({ topic, partition, after: positions.current, maxWaitMs: 1000, limit: 500 });
        // paused or stopped while this poll was out: drop its answer and keep the old positions, so
        // nothing shows while paused and resuming reads these records again (none skipped)
        if (!token.live) break;
        positions.current = answer.positions;
        setReady(true);
        setError(null);
        if (answer.records.length) {
          setRows((current) => [...[...answer.records].reverse(), ...current].slice(0, TAIL_MAX_ROWS));
          setReceived((count) => count + answer.records.length);
        }
      } catch (caught) {
        setError((caught as Error).message);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }, [topic, partition]);

  const halt = useCallback(() => {
    if (loop.current) loop.current.live = false;
    loop.current = null;
  }, []);
  useEffect(() => halt, [halt, topic, partition]);
  // Stable, so callers can stop the tail from their own memoised callbacks.
  const stop = useCallback(() => {
    halt();
    setActive(false);
    setPaused(false);
  }, [halt]);

  return {
    active,
    paused,
    ready,
    rows,
    received,
    error,
    start: () => {
      halt();
      positions.current = null;
      setReady(false);
      setRows([]);
      setReceived(0);
      setActive(true);
      setPaused(false);
      void run();
    },
    pause: () => {
      halt();
      setPaused(true);
    },
    resume: () => {
      setPaused(false);
      void run();
    },
    stop,
  };
}
