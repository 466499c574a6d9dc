import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BoardObserver, type BoardChange, type BoardSnapshot } from '@coproduce/core';
import type { WorkshopRuntime } from '../internal/runtime.js';

/**
 * Keeps an immutable snapshot of one idea board for a Lit element. Snapshots are built
 * incrementally by core's `BoardObserver`: unchanged ideas keep their object identity, so a card
 * bound with `.idea=${idea}` re-renders only when its own idea changed.
 */
export class BoardController implements ReactiveController {
  /**
   * The latest snapshot, or undefined before the element has a workshop, and while the server turns
   * the page away (`refused`: the element then says why, in place of an empty board).
   */
  value: BoardSnapshot | undefined;
  private observer: BoardObserver | undefined;
  private unsubscribe: (() => void) | undefined;
  /** What the snapshot is of: the workshop, its document and session (replaced when another person joins on the page), the board, and whether the page is refused. */
  private key: readonly unknown[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { runtime: WorkshopRuntime | undefined; boardId: string },
    private readonly onChange?: (snapshot: BoardSnapshot, change: BoardChange) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
  }

  hostUpdate(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.stop();
    this.key = [];
  }

  private refresh(): void {
    const { runtime, boardId } = this.source();
    const refused = runtime?.status === 'refused';
    const key = [runtime, runtime?.doc, runtime?.session, boardId, refused];
    if (key.length === this.key.length && key.every((value, i) => value === this.key[i])) return;
    this.stop();
    this.key = key;
    if (!runtime || !boardId || refused) {
      this.value = undefined;
      return;
    }
    const observer = new BoardObserver(runtime.doc, boardId, { session: runtime.session });
    this.observer = observer;
    this.unsubscribe = observer.subscribe((snapshot, change) => {
      this.value = snapshot;
      this.onChange?.(snapshot, change);
      this.host.requestUpdate();
    });
  }

  private stop(): void {
    this.unsubscribe?.();
    this.observer?.destroy();
    this.unsubscribe = undefined;
    this.observer = undefined;
  }
}
