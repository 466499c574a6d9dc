import { CoVoteControls } from './vote-controls.js';

if (!customElements.get('co-vote-controls')) customElements.define('co-vote-controls', CoVoteControls);

export { CoVoteControls };
