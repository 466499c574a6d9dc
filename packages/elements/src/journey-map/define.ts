import '../workshop/define.js';
import { CoJourneyMap } from './journey-map.js';

if (!customElements.get('co-journey-map')) customElements.define('co-journey-map', CoJourneyMap);

export { CoJourneyMap };
