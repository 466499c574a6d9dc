import { CoIdeaComments } from './idea-comments.js';

if (!customElements.get('co-idea-comments')) customElements.define('co-idea-comments', CoIdeaComments);

declare global {
  interface HTMLElementTagNameMap {
    'co-idea-comments': CoIdeaComments;
  }
}
