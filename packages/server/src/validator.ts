import * as Y from 'yjs';

/**
 * Decides whether an incoming (structurally valid) update can be integrated into a room's
 * document *before* the document is touched. `Y.applyUpdate` may throw half-way through an
 * update that decodes fine (e.g. an item whose origin points at a clock its own client has not
 * reached), leaving the half it already integrated in the document; the room therefore never
 * applies an update to its real document that has not passed `check()`.
 *
 * Contract: after `check(update)` resolves, the caller applies exactly that update to the real
 * document (or calls `discard()`), before the next `check()`. `check()` may return a promise,
 * so a worker-pool implementation can slot in; the room processes messages strictly in order.
 */
export interface RoomValidator {
  /** Throws (or rejects) if `update` cannot be applied to the room's current document. */
  check(update: Uint8Array): void | Promise<void>;
  /** The last checked update was not applied after all: forget it. */
  discard(): void;
  destroy(): void;
}

/** Creates the validator of one loaded room; `doc` is the room's document (already loaded). */
export type ValidatorFactory = (room: string, doc: Y.Doc) => RoomValidator;

/**
 * The default validator: a shadow copy of the room's document, built lazily from
 * `Y.encodeStateAsUpdate(doc)` at the first check and then kept in step by applying every checked
 * update to it first. Because the shadow holds the same content as the document (same state
 * vector, same pending structs), an update applies cleanly to the document iff it applies to the
 * shadow. A failed apply throws the shadow away (it may be half-integrated) and the next check
 * rebuilds it, so the cost is one extra apply per update plus one full copy per bad update; the
 * memory cost is a second document per room that has been written to since it loaded.
 */
export class ShadowDocValidator implements RoomValidator {
  private shadow: Y.Doc | null = null;

  constructor(private readonly doc: Y.Doc) {}

  check(update: Uint8Array): void {
    if (this.shadow === null) {
      const shadow = new Y.Doc({ gc: this.doc.gc });
      Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.doc));
      this.shadow = shadow;
    }
    try {
      Y.applyUpdate(this.shadow, update);
    } catch (err) {
      this.discard();
      throw err;
    }
  }

  discard(): void {
    this.shadow?.destroy();
    this.shadow = null;
  }

  destroy(): void {
    this.discard();
  }
}

export const shadowDocValidator: ValidatorFactory = (_room, doc) => new ShadowDocValidator(doc);
