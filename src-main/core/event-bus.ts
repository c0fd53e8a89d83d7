import type { EventName, EventPayload } from '@shared/contract';

type AnyListener = (event: EventName, payload: unknown) => void;

/** Typed fan-out of back-end events to every attached host (window, WebSocket clients). */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  /** Returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
