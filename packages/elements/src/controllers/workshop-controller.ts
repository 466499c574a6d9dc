import type { ReactiveElement } from 'lit';
import { JoinGate } from '../join/gate.js';
import { WorkshopFinder, type StandaloneConnectionAttributes } from './workshop-finder.js';

export type { StandaloneConnectionAttributes, WorkshopGate } from './workshop-finder.js';
export { WorkshopFinder } from './workshop-finder.js';

export interface WorkshopControllerOptions {
  /**
   * While the workshop waits for a name (a shared join link), show the name form or a line saying
   * where it is in place of the element's content (default true). `<co-join>` asks for the name
   * itself and uses `WorkshopFinder`, which has no name form.
   */
  gate?: boolean;
}

/**
 * Finds the workshop an element belongs to (see {@link WorkshopFinder}: the nearest
 * `<co-workshop>`, or a workshop of its own from its `server`/`room`/`token` attributes) and, while
 * that workshop waits for the person's name, puts the name form — or a line saying where it is — in
 * place of the element's content.
 */
export class WorkshopController extends WorkshopFinder {
  constructor(host: ReactiveElement & StandaloneConnectionAttributes, options: WorkshopControllerOptions = {}) {
    super(host, options.gate === false ? null : new JoinGate(host));
  }
}
