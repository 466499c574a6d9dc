import '../workshop/define.js';
import { CoIdeaBoard } from './idea-board.js';

if (!customElements.get('co-idea-board')) customElements.define('co-idea-board', CoIdeaBoard);

export { CoIdeaBoard };
