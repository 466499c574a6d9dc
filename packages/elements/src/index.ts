/**
 * @coproduce/elements: Lit web components for live co-design workshops. Importing this module
 * registers every element (`co-workshop`, `co-idea-board`, …). To register just one, import its
 * `define` module, e.g. `@coproduce/elements/idea-board/define.js`.
 */
export { CoWorkshop } from './workshop/define.js';
export { CoIdeaBoard, type IdeaEventDetail } from './idea-board/idea-board.js';
import './idea-board/define.js';
export { CoIdeaCard } from './idea-board/idea-card.js';
export { workshopContext } from './context.js';
export { WorkshopRuntime, resolveServerUrl, type RuntimeOptions, type LocalRuntimeOptions, type ConnectionStatus } from './internal/runtime.js';
export { WorkshopController } from './controllers/workshop-controller.js';
export { BoardController } from './controllers/board-controller.js';
export { ObserveController } from './controllers/observe-controller.js';
export { Announcer } from './internal/announcer.js';
export { LocalizeController, setStrings, translate, supportedLanguages, type MessageKey, type Catalogue } from './i18n/localize.js';
