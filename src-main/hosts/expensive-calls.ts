import type { CallName, EventName } from '@shared/contract';
import type { Envelope } from '@shared/errors';
import type { EventBus } from '../core/event-bus';

/**
 * Calls that start long background work (reading whole topics, rewriting ranges). Each answers
 * at once with an id and announces its end with a `done` progress event carrying that id.
 */
const EXPENSIVE: Partial<Record<CallName, { idField: string; doneEvent: EventName; eventIdField: string; label: string }>> = {
  'messages:search': { idField: 'searchId', doneEvent: 'messages:searchProgressed', eventIdField: 'searchId', label: 'searches' },
  'messages:replay': { idField: 'replayId', doneEvent: 'messages:replayProgressed', eventIdField: 'replayId', label: 'replays' },
};

export interface CallLimits {
  /** Running expensive calls of one kind per client. */
  perClient: number;
  /** Running expensive calls of one kind over all clients, so reconnecting does not lift the limit. */
  perServer: number;
}

export const DEFAULT_CALL_LIMITS: CallLimits = { perClient: 2, perServer: 6 };

interface Slot {
  client: string;
  kind: CallName;
  id: string | null;
}

/**
 * Serve mode's guard for expensive calls: a client (a WebSocket connection, or a REST caller's
 * address) may have at most `perClient` of each kind running; the next one is refused with
 * `rate-limited` until one ends. A slot is held from the call until its `done` event.
 */
export class ExpensiveCallLimiter {
  private readonly slots = new Set<Slot>();
  /** Ids whose `done` event came before the call's own answer (a search failing at once). */
  private readonly endedEarly = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(
    bus: EventBus,
    private readonly limits: CallLimits = DEFAULT_CALL_LIMITS,
  ) {
    this.unsubscribe = bus.onAny((event, payload) => {
      for (const spec of Object.values(EXPENSIVE)) {
        if (spec.doneEvent !== event) continue;
        const body = payload as Record<string, unknown>;
        if (body.done !== true || typeof body[spec.eventIdField] !== 'string') continue;
        this.release(body[spec.eventIdField] as string);
      }
    });
  }

  /** Runs `call` unless the client is over its limit for this kind of call. */
  async run(client: string, name: string, call: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
    const spec = EXPENSIVE[name as CallName];
    if (!spec) return call();
    const kind = name as CallName;
    const mine = [...this.slots].filter((slot) => slot.kind === kind && slot.client === client).length;
    if (mine >= this.limits.perClient) {
      return {
        ok: false,
        error: {
          code: 'rate-limited',
          message: `${name}: this client already has ${mine} ${spec.label} running (at most ${this.limits.perClient}); wait for one to finish or cancel it`,
        },
      };
    }
    const all = [...this.slots].filter((slot) => slot.kind === kind).length;
    if (all >= this.limits.perServer) {
      return {
        ok: false,
        error: {
          code: 'rate-limited',
          message: `${name}: the server already runs ${all} ${spec.label} (at most ${this.limits.perServer}); try again when one finishes`,
        },
      };
    }
    const slot: Slot = { client, kind, id: null };
    this.slots.add(slot);
    let envelope: Envelope<unknown>;
    try {
      envelope = await call();
    } catch (error) {
      this.slots.delete(slot);
      throw error;
    }
    const id = envelope.ok ? (envelope.result as Record<string, unknown>)[spec.idField] : undefined;
    if (typeof id !== 'string' || this.endedEarly.delete(id)) this.slots.delete(slot);
    else slot.id = id;
    return envelope;
  }

  /** How many expensive calls of `name` the client has running (for tests and diagnostics). */
  running(client: string, name: CallName): number {
    return [...this.slots].filter((slot) => slot.kind === name && slot.client === client).length;
  }

  close(): void {
    this.unsubscribe();
    this.slots.clear();
  }

  private release(id: string): void {
    for (const slot of this.slots) {
      if (slot.id === id) {
        this.slots.delete(slot);
        return;
      }
    }
    // Not answered yet (or not ours): remember briefly, bounded so unknown ids cannot grow it.
    if (this.endedEarly.size > 1000) this.endedEarly.clear();
    this.endedEarly.add(id);
  }
}
