import { CoMenu } from './menu.js';

if (!customElements.get('co-menu')) customElements.define('co-menu', CoMenu);

export { CoMenu };
