import { CoVoteResults } from './vote-results.js';

if (!customElements.get('co-vote-results')) customElements.define('co-vote-results', CoVoteResults);

export { CoVoteResults };
