import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WorkshopRuntime } from '../internal/runtime.js';

/**
 * Holds the latest value of a core observer (`observePeople`, `observeControl`, `observePoll`, …)
 * for a Lit element: subscribes while the host is connected and whenever its inputs change, and
 * unsubscribes when they change or the host leaves the page.
 *
 * `inputs()` returns the values the subscription depends on (compared by identity); `subscribe`
 * starts observing and returns the unsubscribe function, or `undefined` when there is nothing to
 * observe yet.
 *
 * A workshop among the inputs counts with its document, session and presence: when they are
 * replaced (another person joins on the page), the element subscribes again, to the new ones.
 *
 * While a workshop among the inputs is `refused` (the server turned the page away), nothing is
 * observed and `value` is undefined: the element shows why in place of its content, rather than
 * an empty workshop with controls that cannot save.
 */
export class ObserveController<T> implements ReactiveController {
  value: T | undefined;
  private stop: (() => void) | undefined;
  private last: readonly unknown[] | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly inputs: () => readonly unknown[],
    private readonly subscribe: (set: (value: T) => void) => (() => void) | undefined,
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
    this.stop?.();
    this.stop = undefined;
    this.last = undefined;
  }

  private refresh(): void {
    const inputs = this.inputs();
    const runtimes = inputs.filter((input): input is WorkshopRuntime => input instanceof WorkshopRuntime);
    const refused = runtimes.some((runtime) => runtime.status === 'refused');
    // A workshop's document, session and presence are replaced when another person joins on the
    // page (and the session when someone joins through a link): observe the new ones.
    const next = [...inputs, refused, ...runtimes.flatMap((runtime) => [runtime.doc, runtime.session, runtime.awareness])];
    const last = this.last;
    if (last && last.length === next.length && last.every((v, i) => v === next[i])) return;
    this.last = next;
    this.stop?.();
    this.value = undefined;
    this.stop = refused ? undefined : this.subscribe((value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }
}
