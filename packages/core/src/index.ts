/**
 * `@coproduce/core`: the framework-free heart of Coproduce.
 *
 * - the document layout (`roots`, record and value types, vocabularies) — see docs/document-model.md;
 * - validation (`cleanText`, `TEXT`, `CoproduceError`);
 * - a `WorkshopSession` and the operations on it (`addIdea(session, …)` …), which validate and check
 *   rights before writing anything;
 * - frozen snapshots for views, and incremental observers;
 * - the counting rules of every vote method;
 * - migrations, and presence helpers.
 *
 * The connection helper lives in the separate entry point `@coproduce/core/connection`, so the
 * server and scripts never load y-websocket or IndexedDB code.
 */

export { CoproduceError, isCoproduceError, formatCount, type CoproduceErrorCode, type CoproduceErrorDetails } from './errors.js';
export { ID_PATTERN, KEY_SEPARATOR, NO_PERSONA, RESERVED_IDS, assertId, isId, joinKey, newId, splitKey } from './ids.js';
export {
  MAX_MARKS_IN_A_ROW, ROLE_NAME_MESSAGE, TEXT, checkText, cleanText, countCharacters, isRoleWord, rawTextLimit, shortenText, type TextRule,
} from './text.js';
export * from './layout.js';
export {
  IDLE_TIMER, compareCreated, compareOrder, getRecord, isEmotion, isOrderKey, isTime, parseBallot, parseBoard,
  parseChoices, parseFocus, parseJourney, parseLock, parsePaperVote, parsePerson, parsePhases, parsePoll, parseRole,
  parseScale, parseTimer, readCardRecord, readClusterRecord, readCommentRecord, readIdeaRecord, readLaneRecord, readMeta,
  readPersonaRecord, readSettings, readStageRecord, timerRemainingMs, usesListChoices,
} from './values.js';
export { keyAtEnd, orderKeys, planPlacement, sortByOrder, type Ordered, type Placement } from './order.js';
// The exact rules of what may be stored (shared by the sync server and the import)
export {
  ID_EXPECTED, LATEST_TIME_MS, META_CHECKS, RECORD_FIELDS, ballotShapeProblem, boardProblem, checkBoolean,
  checkColour, checkEmotion, checkId, checkIdOrNull, checkLaneKind, checkLanguage, checkOrder, checkRole, checkSchemaVersion,
  checkStatus, checkTextRule, checkTime, choicesProblem, emotionKeyProblem, focusProblem, isPlainJson, journeyProblem,
  lockProblem, paperVoteShapeProblem, personProblem, phasesProblem, pollProblem, pollTimesProblem, quote, reactionKeyProblem,
  recordProblem, shown, timerProblem, type Check, type RecordFields, type StoredRecordRoot,
} from './stored.js';
export {
  WorkshopSession, createSession, type SessionOptions, type SessionUser, type Viewer,
} from './session.js';

// Operations
export {
  SETUP_ORIGIN, createWorkshop, isWorkshopCreated, setSettings, updateWorkshop,
  type CreateWorkshopOptions, type WorkshopDetailsInput,
} from './ops/workshop.js';
export { createBoard, deleteBoard, moveBoard, renameBoard, type CreateBoardInput } from './ops/boards.js';
export {
  addIdea, approveAllIdeas, approveIdea, deleteIdea, editIdea, moveIdea, setIdeaStatus, validateColour,
  type AddIdeaInput, type EditIdeaInput,
} from './ops/ideas.js';
export {
  createCluster, deleteCluster, moveCluster, renameCluster, setClusterCollapsed, type CreateClusterInput,
  mayOrganiseGroups,
} from './ops/clusters.js';
export { addComment, deleteComment, editComment, type AddCommentInput } from './ops/comments.js';
export { reactionKey, toggleReaction } from './ops/reactions.js';
export { defaultColourFor, joinWorkshop, removePerson, setRole, updateProfile, type ProfileInput } from './ops/people.js';
export {
  addTime, concealElement, endTimer, lockElement, pauseTimer, resetTimer, resumeTimer, revealElement,
  setCurrentPhase, setFocus, setPhases, startTimer, unlockElement, validatePhases, type PhaseInput,
} from './ops/control.js';
export {
  DEFAULT_SCALE, addPaperVote, ballotKey, castBallot, closePoll, createPoll, deletePaperVote, deletePoll,
  normaliseChoices, openPoll, parseBallotKey, resetPoll, retractBallot, updatePaperVote, updatePoll,
  type ChoicesInput, type PaperVoteInput, type PollInput, type PollOptionInput,
} from './ops/polls.js';
export {
  addCard, addLane, addPersona, addStage, createJourney, deleteCard, deleteJourney, deleteLane, deletePersona,
  deleteStage, editCard, editPersona, emotionKey, linkCardToIdea, linkKey, moveCard, moveLane, moveStage,
  renameJourney, renameLane, renameStage, setEmotion, setJourneyPersona, setLaneKind, unlinkCardFromIdea,
  type AddCardInput, type AddLaneInput, type AddStageInput, type CreateJourneyInput, type EmotionInput,
  type LaneInput, type MoveCardInput, type PersonaInput,
  JOURNEY_TEMPLATE_IDS, createJourneyFromTemplate, journeyTemplate, listJourneyTemplates,
  type JourneyFromTemplateInput, type JourneyTemplate, type JourneyTemplateId,
} from './ops/journeys.js';

// Reading
export {
  BoardObserver, observeBoard, readBoard, readComments,
  type BoardChange, type BoardListener, type BoardReadOptions, type BoardSnapshot, type ClusterSnapshot,
  type CommentSnapshot, type IdeaSnapshot, type ObserveBoardOptions, type ReactionSummary,
} from './read/board.js';
export {
  collectBallots, collectPaperVotes, readPoll, readPollResults, resolvePollOptions, type MyBallot, type PollSnapshot,
  type NamedBallot, pollStage, pollStageOf, type PollStage,
} from './read/poll.js';
export {
  readJourney, type CardSnapshot, type CellSnapshot, type EmotionSnapshot, type JourneySnapshot, type LaneSnapshot,
  type PersonaSnapshot, type StageSnapshot,
  emotionsByStage, findCell, readLinkableIdeas, type LinkableBoard, type LinkedIdeaSnapshot,
} from './read/journey.js';
// One journey map as JSON, CSV or SVG (<co-journey-map>'s downloads)
export {
  JOURNEY_EXPORT_FORMAT, JOURNEY_EXPORT_VERSION, emotionCurvePath, escapeXml, exportJourney, exportJourneyCsv,
  exportJourneyJson, exportJourneySvg, journeyCsvField, journeyFileName, wrapText,
  type CurvePoint, type JourneyCsvHeadings, type JourneyCsvOptions, type JourneyExport, type JourneyExportCard,
  type JourneyExportWords, type JourneySvgLabels, type JourneySvgOptions,
} from './journey-export.js';
export {
  readControl, readElementTitle, readLock, readPeople, readWorkshop, type ControlSnapshot, type ElementKind, type PersonSnapshot,
  type WorkshopSnapshot,
} from './read/workshop.js';
export {
  observeControl, observeJourney, observePeople, observePoll, observeRoots, observeWorkshop,
  type ChangeInfo, type ObserveOptions,
} from './observe.js';

// Counting
export {
  ballotProblem, compareDeviceIds, countPoll, effectiveBallots, isEmptyChoices, pruneChoices,
  type BallotEntry, type OptionTally, type PaperVoteEntry, type PollResults, type RankingOptionTally,
  type RankingRecord, type RankingResults, type ResolvedOption, type ScaleBucket, type ScaleResults,
  type ScaleStatementResult, type TallyResults, type VoterCounts,
  ballotUsage, formatPounds, rankingsToCsv, type BallotUsage, type RankingsCsvHeadings,
} from './counting.js';

// Migrations
export {
  LAYOUT_1, MIGRATIONS, MIGRATION_ORIGIN, migrate, readSchemaVersion, type Migration, type MigrationResult,
} from './migrations.js';

// Presence
export {
  PRESENCE_MAX_JSON, checkPresence, clearLocalPresence, isPresenceState, listPeers, listPresentUsers, peersFocusedOn,
  presenceUser, readLocalPresence, setLocalAway, setLocalFocus, setLocalPresence, usersOfClients,
  type Peer, type PresenceFocus, type PresenceState, type PresenceUser,
} from './presence.js';

// Exports (JSON, CSV, Markdown report), import, and templates
export * from './export/index.js';
export * from './templates/index.js';

// Privacy: erasure and export of one participant's data (docs/privacy.md)
export {
  ERASED_PREFIX, ERASURE_ORIGIN, eraseParticipant, exportParticipant, isTombstoneId, newTombstoneId,
  type ErasureResult, type ParticipantData,
} from './privacy.js';

// Small utilities
export { Emitter, type CoproduceEvent, type EventMap } from './emitter.js';
export { writersOf } from './read/listener.js';
