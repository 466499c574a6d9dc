import { CoWorkshop } from './workshop.js';

if (!customElements.get('co-workshop')) customElements.define('co-workshop', CoWorkshop);

export { CoWorkshop };
