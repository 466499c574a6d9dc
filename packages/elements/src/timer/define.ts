import '../workshop/define.js';
import { CoTimer } from './timer.js';

if (!customElements.get('co-timer')) customElements.define('co-timer', CoTimer);

export { CoTimer };
export type { TimerAction, TimerEventDetail } from './timer.js';
