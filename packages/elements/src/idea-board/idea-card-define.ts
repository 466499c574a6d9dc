import { CoIdeaCard } from './idea-card.js';

if (!customElements.get('co-idea-card')) customElements.define('co-idea-card', CoIdeaCard);

declare global {
  interface HTMLElementTagNameMap {
    'co-idea-card': CoIdeaCard;
  }
}
