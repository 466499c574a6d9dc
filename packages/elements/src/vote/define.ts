import '../workshop/define.js';
import './results-define.js';
import './controls-define.js';
import { CoVote } from './vote.js';

if (!customElements.get('co-vote')) customElements.define('co-vote', CoVote);

declare global {
  interface HTMLElementTagNameMap {
    'co-vote': CoVote;
  }
}

export { CoVote };
export { CoVoteResults } from './vote-results.js';
export { CoVoteControls } from './vote-controls.js';
