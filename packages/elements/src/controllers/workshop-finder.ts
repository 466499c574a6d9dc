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

/** What stands in for an element's content while its workshop waits for a name (`JoinGate`). */
export interface WorkshopGate {
  update(pending: WorkshopRuntime | undefined, visible: WorkshopRuntime | undefined): void;
  remove(): void;
}

/**
 * Finds the workshop an element belongs to: the nearest `<co-workshop>` (through @lit/context), or,
 * when there is none and the element has `room` (and usually `server`) attributes, a workshop of
 * its own. Requests an update when the connection status changes.
 *
 * While the workshop holds a shared join link and waits for the person's name, `runtime` is
 * undefined (the element subscribes to nothing: who the person is is not known yet) and `pending`
 * is the waiting runtime; the element's content is replaced by the name form — in the first
 * waiting element of the page when no `<co-join>` asks — or by a line saying where the form is.
 *
 * `watcher` looks after the host on each update once the workshop is there: the elements that show
 * a board, vote or journey map set a `MissingIdHint` (a developer's hint when the id is not in the
 * room: a misspelt `vote="priorites"` otherwise only says "not set up yet").
 *
 * `WorkshopFinder` is this without the name form (what `<co-join>`, which asks for the name
 * itself, uses: its bundle then carries no `JoinGate`); elements use `WorkshopController`.
 */
export class WorkshopFinder implements ReactiveController {
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
  /**
   * Called during the host's update (after `willUpdate`, before `render`) when the person the
   * element acts for changes: someone else joined on this page (a shared device), so the workshop
   * has another person and document (or the element now works in another workshop's document). The
   * element clears what the last person typed or chose and had not sent, says nothing, and leaves
   * focus where it is. Not called for the first person, nor while the workshop waits for a name.
   */
  onPersonChange: (() => void) | undefined;
  private person: { doc: object; id: string } | undefined;
  /** Looks after the host once the workshop is there (see the class comment); stopped when the host leaves the page. */
  watcher: { check(runtime: WorkshopRuntime | undefined): void; stop(): void } | undefined;

  constructor(
    private readonly host: ReactiveElement & StandaloneConnectionAttributes,
    private readonly gate: WorkshopGate | null = null,
  ) {
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

  /** The workshop in use, if any (undefined while it waits for the person's name: see `pending`). */
  get runtime(): WorkshopRuntime | undefined {
    const runtime = this.provided ?? this.own;
    return runtime?.needsName ? undefined : runtime;
  }

  /** The workshop, while it holds a shared join link and waits for the person's name (`runtime.join(name)`). */
  get pending(): WorkshopRuntime | undefined {
    const runtime = this.provided ?? this.own;
    return runtime?.needsName ? runtime : undefined;
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
    const runtime = this.runtime;
    if (!runtime) return;
    const last = this.person;
    if (last?.doc === runtime.doc && last.id === runtime.session.user.id) return;
    this.person = { doc: runtime.doc, id: runtime.session.user.id };
    if (last) this.onPersonChange?.();
  }

  hostUpdated(): void {
    this.gate?.update(this.pending, this.runtime);
    this.watcher?.check(this.runtime);
  }

  hostDisconnected(): void {
    this.gate?.remove();
    this.watcher?.stop();
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
    this.listen(this.provided ?? this.own);
  }

  private listen(runtime: WorkshopRuntime | undefined): void {
    if (runtime === this.listeningTo) return;
    this.listeningTo?.removeEventListener('change', this.onChange);
    this.listeningTo = runtime;
    runtime?.addEventListener('change', this.onChange);
    if (runtime) queueMicrotask(this.onChange);
  }
}
