import { CoHeldNotice } from './held-notice.js';

if (!customElements.get('co-held-notice')) customElements.define('co-held-notice', CoHeldNotice);

declare global {
  interface HTMLElementTagNameMap {
    'co-held-notice': CoHeldNotice;
  }
}

export { CoHeldNotice };
