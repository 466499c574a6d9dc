import '../workshop/define.js';
import { CoPresence } from './presence.js';
import { CoPhase } from './phase.js';

if (!customElements.get('co-presence')) customElements.define('co-presence', CoPresence);
if (!customElements.get('co-phase')) customElements.define('co-phase', CoPhase);

export { CoPresence, CoPhase };
export type { FollowEventDetail } from './phase.js';
