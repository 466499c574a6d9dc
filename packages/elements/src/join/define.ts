import '../workshop/define.js';
import { CoJoin } from './join.js';

if (!customElements.get('co-join')) customElements.define('co-join', CoJoin);

export { CoJoin };
export type { NameEventDetail } from './join.js';
