/**
 * @coproduce/elements: Lit web components for live co-design workshops. Importing this module
 * registers every element (`co-workshop`, `co-idea-board`, …). To register just one, import its
 * `define` module, e.g. `@coproduce/elements/idea-board/define.js`.
 */
export { CoWorkshop } from './workshop/define.js';
export type { CoproduceEventMap, StatusChangeDetail } from './workshop/workshop.js';
export {
  CoIdeaBoard, type IdeaEventDetail, type IdeaMoveEventDetail, type ClusterEventDetail, type CommentEventDetail,
  type ReactionEventDetail, type BoardEventDetail,
} from './idea-board/idea-board.js';
import './idea-board/define.js';
export { CoIdeaCard } from './idea-board/idea-card.js';
export { CoVote, CoVoteResults, CoVoteControls } from './vote/define.js';
export type { VoteEventDetail, VoteCastDetail, VoteControlDetail, VotePaperDetail } from './vote/shared.js';
export { CoMenu, type MenuItem, type MenuOpenOptions } from './internal/menu.js';
export {
  CoFacilitatorPanel, type ExportFormat, type PhaseChangeDetail, type FocusChangeDetail, type LockChangeDetail,
  type RevealChangeDetail, type PollOpenChangeDetail, type SettingsChangeDetail, type RoleChangeDetail, type ExportDetail,
  type WorkshopSetupDetail, type WorkshopDetailsChangeDetail,
} from './facilitator-panel/define.js';
export { CoTimer, type TimerAction, type TimerEventDetail } from './timer/define.js';
export { CoPresence, CoPhase, type FollowEventDetail } from './presence/define.js';
export { CoHeldNotice } from './presence/held-notice-define.js';
export { CoJoin, type NameEventDetail } from './join/define.js';
export { CoJourneyMap } from './journey-map/define.js';
export type {
  JourneyCardEventDetail, JourneyExportEventDetail, JourneyExportFormat, JourneyFeelingEventDetail, JourneyLaneEventDetail,
  JourneyLinkEventDetail, JourneyPersonaEventDetail, JourneyStageEventDetail, JourneyTemplateEventDetail,
} from './journey-map/journey-map.js';
export { PresenceController } from './controllers/presence-controller.js';
export { workshopContext } from './context.js';
export {
  WorkshopRuntime, JoinError, resolveServerUrl, type RuntimeOptions, type LocalRuntimeOptions, type ConnectionStatus, type RuntimeStatus,
  type JoinErrorCode,
} from './internal/runtime.js';
export { WorkshopController, WorkshopFinder } from './controllers/workshop-controller.js';
export { BoardController } from './controllers/board-controller.js';
export { ObserveController } from './controllers/observe-controller.js';
export { Announcer } from './internal/announcer.js';
export { LocalizeController, setStrings, translate, supportedLanguages, type MessageKey, type Catalogue } from './i18n/localize.js';
export { registerStrings } from './i18n/registry.js';
export type { CoproduceMessages, Message, PluralMessage } from './i18n/registry.js';
