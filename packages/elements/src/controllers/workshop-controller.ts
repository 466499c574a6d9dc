import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { Role } from '@coproduce/core';
import { workshopContext } from '../context.js';
import { WorkshopRuntime } from '../internal/runtime.js';

/** The attributes every element accepts to work on its own, outside a `<co-workshop>`. */
export interface StandaloneConnectionAttributes {
  server: string | null;
  room: string | null;
  token: string | null;
  userRole: Role | null;
  userName: string | null;
}

/**
 * Finds the workshop an element belongs to: the nearest `<co-workshop>` (through @lit/context), or,
 * when there is none and the element has `room` (and usually `server`) attributes, a workshop of
 * its own. Requests an update when the connection status changes.
 */
export class WorkshopController implements ReactiveController {
  private consumer: ContextConsumer<typeof workshopContext, ReactiveElement>;
  private provided: WorkshopRuntime | undefined;
  private own: WorkshopRuntime | undefined;
  private ownKey = '';
  private listeningTo: WorkshopRuntime | undefined;
  private readonly onChange = () => {
    this.host.requestUpdate();
    this.onReady?.();
  };
  /** Called after each status change (e.g. to create a board once the document is loaded). */
  onReady: (() => void) | undefined;

  constructor(private readonly host: ReactiveElement & StandaloneConnectionAttributes) {
    this.consumer = new ContextConsumer(host, {
      context: workshopContext,
      subscribe: true,
      callback: (value) => {
        this.provided = value;
        this.sync();
      },
    });
    host.addController(this);
  }

  /** True when the element runs its own workshop (no `<co-workshop>` around it). */
  get standalone(): boolean {
    return this.own !== undefined && this.provided === undefined;
  }

  /** The workshop in use, if any. */
  get runtime(): WorkshopRuntime | undefined {
    return this.provided ?? this.own;
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.listen(undefined);
    this.own?.destroy();
    this.own = undefined;
    this.ownKey = '';
  }

  private sync(): void {
    const host = this.host;
    if (!this.provided && host.isConnected && host.room) {
      const key = JSON.stringify([host.server, host.room, host.token, host.userRole, host.userName]);
      if (key !== this.ownKey) {
        this.own?.destroy();
        this.ownKey = key;
        this.own = new WorkshopRuntime({
          server: host.server,
          room: host.room,
          token: host.token,
          role: host.userRole,
          name: host.userName,
        });
      }
    } else if (this.provided && this.own) {
      this.own.destroy();
      this.own = undefined;
      this.ownKey = '';
    }
    this.listen(this.runtime);
  }

  private listen(runtime: WorkshopRuntime | undefined): void {
    if (runtime === this.listeningTo) return;
    this.listeningTo?.removeEventListener('change', this.onChange);
    this.listeningTo = runtime;
    runtime?.addEventListener('change', this.onChange);
    if (runtime) queueMicrotask(this.onChange);
  }
}
