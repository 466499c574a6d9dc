/**
 * A tiny typed event emitter. `@coproduce/core` has no DOM (so no `EventTarget` types in its
 * TypeScript lib), yet elements want the familiar `addEventListener('status', (e) => e.detail)`
 * shape. This provides exactly that, plus `on()` returning an unsubscribe function.
 */
import { reportListenerError } from './read/listener.js';

/** The event object listeners receive. */
export interface CoproduceEvent<Type extends string, Detail> {
  readonly type: Type;
  readonly detail: Detail;
}

export type EventMap = Record<string, unknown>;

export class Emitter<Events extends EventMap> {
  readonly #listeners = new Map<keyof Events, Set<(event: CoproduceEvent<string, unknown>) => void>>();

  /** Adds a listener for `type`. Adding the same function twice has no effect (like `EventTarget`). */
  addEventListener<K extends keyof Events & string>(type: K, listener: (event: CoproduceEvent<K, Events[K]>) => void): void {
    let set = this.#listeners.get(type);
    if (set === undefined) this.#listeners.set(type, (set = new Set()));
    set.add(listener as (event: CoproduceEvent<string, unknown>) => void);
  }

  removeEventListener<K extends keyof Events & string>(type: K, listener: (event: CoproduceEvent<K, Events[K]>) => void): void {
    this.#listeners.get(type)?.delete(listener as (event: CoproduceEvent<string, unknown>) => void);
  }

  /** Calls `listener` with each event's detail; returns a function that removes it. */
  on<K extends keyof Events & string>(type: K, listener: (detail: Events[K]) => void): () => void {
    const wrapped = (event: CoproduceEvent<K, Events[K]>): void => listener(event.detail);
    this.addEventListener(type, wrapped);
    return () => this.removeEventListener(type, wrapped);
  }

  /** Delivers an event to the current listeners. A throwing listener does not stop the others. */
  protected emit<K extends keyof Events & string>(type: K, detail: Events[K]): void {
    const set = this.#listeners.get(type);
    if (set === undefined) return;
    const event = Object.freeze({ type, detail });
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** Removes every listener. */
  protected removeAllListeners(): void {
    this.#listeners.clear();
  }
}
