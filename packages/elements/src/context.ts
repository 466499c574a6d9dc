import { createContext } from '@lit/context';
import type { WorkshopRuntime } from './internal/runtime.js';

/**
 * The workshop that `<co-workshop>` provides to every Coproduce element inside it. Each
 * `<co-workshop>` provides its own, so several workshops on one page stay separate.
 */
export const workshopContext = createContext<WorkshopRuntime | undefined>(Symbol('co-workshop'));
