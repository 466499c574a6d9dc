import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  listPeers, presenceUser, readLocalPresence, setLocalFocus, setLocalPresence, type Peer, type PresenceFocus,
} from '@coproduce/core';
import type { WorkshopRuntime } from '../internal/runtime.js';

type Awareness = NonNullable<WorkshopRuntime['connection']>['awareness'];

const NO_PEERS: readonly Peer[] = Object.freeze([]);

/**
 * Presence (who else is here, and what they are looking at or editing) for a Lit element, through
 * the workshop's awareness (y-protocols). Without one (a local workshop with no presence) `peers`
 * stays empty and `setFocus` does nothing.
 *
 * The controller publishes this person's presence (name, colour, role) if nobody on the page has
 * yet, keeps `peers` (everyone else, valid states only) up to date, and lets the element say where
 * the person is with {@link PresenceController.setFocus}. When the element leaves the page it
 * withdraws its focus (not the whole presence, which other elements may share).
 */
export class PresenceController implements ReactiveController {
  /** Everyone else present, by name. */
  peers: readonly Peer[] = NO_PEERS;
  private awareness: Awareness | undefined;
  private runtime: WorkshopRuntime | undefined;
  private ownsFocus = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => WorkshopRuntime | undefined,
    private readonly onChange?: (peers: readonly Peer[]) => void,
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
    this.release();
  }

  /**
   * Says where this person is (an element and optionally an item in it, and whether they are
   * typing into it), or nowhere (`null`). Unchanged focus sends nothing.
   */
  setFocus(focus: PresenceFocus | null): void {
    const awareness = this.awareness;
    if (!awareness || !this.runtime) return;
    this.ensurePublished(awareness, this.runtime);
    try {
      setLocalFocus(awareness, focus);
      this.ownsFocus = focus !== null;
    } catch (error) {
      console.warn('[coproduce] presence:', error);
    }
  }

  /** Where this person is now, as the awareness holds it. */
  get localFocus(): PresenceFocus | null {
    return this.awareness ? (readLocalPresence(this.awareness)?.focus ?? null) : null;
  }

  private refresh(): void {
    const runtime = this.source();
    // The runtime's own presence where it has one (local workshops too), else the connection's.
    const awareness = (runtime as { awareness?: Awareness } | undefined)?.awareness ?? runtime?.connection?.awareness;
    if (runtime === this.runtime && awareness === this.awareness) return;
    this.release();
    this.runtime = runtime;
    this.awareness = awareness;
    if (!awareness || !runtime) {
      this.update();
      return;
    }
    this.ensurePublished(awareness, runtime);
    awareness.on('change', this.onAwareness);
    this.update();
  }

  private ensurePublished(awareness: Awareness, runtime: WorkshopRuntime): void {
    if (readLocalPresence(awareness) !== null) return;
    try {
      setLocalPresence(awareness, { user: presenceUser(runtime.session), focus: null });
    } catch (error) {
      console.warn('[coproduce] presence:', error);
    }
  }

  private readonly onAwareness = (): void => {
    this.update();
  };

  private update(): void {
    const next = this.awareness ? listPeers(this.awareness) : NO_PEERS;
    if (samePeers(this.peers, next)) return;
    this.peers = next;
    this.onChange?.(next);
    this.host.requestUpdate();
  }

  private release(): void {
    const awareness = this.awareness;
    if (awareness) {
      awareness.off('change', this.onAwareness);
      if (this.ownsFocus && readLocalPresence(awareness) !== null) {
        try {
          setLocalFocus(awareness, null);
        } catch {
          // the awareness may already be destroyed with its connection
        }
      }
    }
    this.ownsFocus = false;
    this.awareness = undefined;
    this.runtime = undefined;
    if (this.peers.length) {
      this.peers = NO_PEERS;
      this.onChange?.(NO_PEERS);
    }
  }
}

function samePeers(a: readonly Peer[], b: readonly Peer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.clientId !== y.clientId || JSON.stringify(x.state) !== JSON.stringify(y.state)) return false;
  }
  return true;
}
