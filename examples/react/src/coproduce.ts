// Typed React components for the Coproduce elements, made with @lit/react: React props map to the
// elements' properties, and `co-*` events to typed `on…` callbacks. Plus two hooks that read the
// workshop live with the framework-free core (`observeBoard`, `observePoll`, … of @coproduce/core).
import * as React from 'react';
import { useEffect, useState } from 'react';
import { createComponent, type EventName } from '@lit/react';
import { observeBoard, type BoardSnapshot, type WorkshopSession } from '@coproduce/core';
import { CoIdeaBoard, CoJoin, CoWorkshop, type RuntimeStatus, type WorkshopRuntime } from '@coproduce/elements';

/**
 * A `co-*` event's name for `createComponent`, with the detail type the element declares in
 * `HTMLElementEventMap`: a misspelt name does not compile, and the callback's `e.detail` is the
 * element's own type (no hand-written detail types to drift from the library).
 */
function event<K extends keyof HTMLElementEventMap & `co-${string}`>(name: K): EventName<HTMLElementEventMap[K]> {
  return name as EventName<HTMLElementEventMap[K]>;
}

export const Workshop = createComponent({
  tagName: 'co-workshop',
  elementClass: CoWorkshop,
  react: React,
  events: { onStatusChange: event('co-status-change') },
});

export const Join = createComponent({
  tagName: 'co-join',
  elementClass: CoJoin,
  react: React,
  events: { onNameChange: event('co-name-change') },
});

export const IdeaBoard = createComponent({
  tagName: 'co-idea-board',
  elementClass: CoIdeaBoard,
  react: React,
  events: {
    onIdeaAdd: event('co-idea-add'),
    onIdeaEdit: event('co-idea-edit'),
    onIdeaDelete: event('co-idea-delete'),
  },
});

/** What a React component needs to read a workshop: see {@link useWorkshop}. */
export interface WorkshopState {
  /** The `<co-workshop>`'s runtime; undefined until it has one (it needs its `room`). */
  readonly runtime: WorkshopRuntime | undefined;
  /** The local person's session; a new one when someone else joins on this page (with a new `runtime.doc`). */
  readonly session: WorkshopSession | undefined;
  /** As `CoWorkshop.status` says it (`needs-name` while the name form waits, `synced`…). */
  readonly status: RuntimeStatus | 'disconnected';
}

/**
 * Follows a `<co-workshop>` (through a React ref): its runtime, the person's session and the
 * status. It reads the element itself after its first update (a listener added after the element
 * fired its first `co-status-change` would miss it), then follows `co-status-change` and the
 * runtime's `change` event (another person joined on this page).
 */
export function useWorkshop(ref: React.RefObject<CoWorkshop | null>): WorkshopState {
  const [state, setState] = useState<WorkshopState>({ runtime: undefined, session: undefined, status: 'disconnected' });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let runtime: WorkshopRuntime | undefined;
    let live = true;
    const read = (): void => {
      if (!live) return;
      if (element.runtime !== runtime) {
        runtime?.removeEventListener('change', read);
        runtime = element.runtime;
        runtime?.addEventListener('change', read);
      }
      const next: WorkshopState = { runtime, session: runtime?.session, status: element.status };
      setState((last) =>
        last.runtime === next.runtime && last.session === next.session && last.status === next.status ? last : next,
      );
    };
    element.addEventListener('co-status-change', read);
    read();
    void element.updateComplete.then(read);
    return () => {
      live = false;
      element.removeEventListener('co-status-change', read);
      runtime?.removeEventListener('change', read);
    };
  }, [ref]);
  return state;
}

/**
 * One idea board's live snapshot (`observeBoard` of @coproduce/core): what this person may see,
 * everyone's ideas included. `undefined` until the workshop has a runtime.
 */
export function useBoard(workshop: WorkshopState, boardId: string): BoardSnapshot | undefined {
  const { runtime, session } = workshop;
  const [board, setBoard] = useState<BoardSnapshot | undefined>(undefined);
  useEffect(() => {
    if (!runtime || !session) return;
    // `session` changes with `runtime.doc` when another person joins, so this resubscribes then.
    return observeBoard(runtime.doc, boardId, (snapshot) => setBoard(snapshot), { session });
  }, [runtime, session, boardId]);
  return board;
}
