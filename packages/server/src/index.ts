export {
  createServer,
  roomNameFromUrl,
  DEFAULTS,
  type CoproduceServer,
  type ListenInfo,
  type RoomSummary,
  type ServerOptions,
  type ServerStats,
} from './server.js';
export type { Authenticate, AuthDenied, AuthResult, CheckUpdate, UpdateContext, UpdateDecision, UpdateSettlement, User } from './types.js';
export type { AwarenessContext, CheckAwareness } from './types.js';
export {
  ANY_ROOM, DEFAULT_LINK_LIFETIME, DEFAULT_TOKEN_LIFETIME, MIN_SECRET_BYTES, SECRET_FILE, TokenError, createJoinHandler, loadSecret, mintJoinToken, mintToken,
  parseDuration, secretFromString, tokenAuthenticator, verifyToken,
  type InviteResponse, type JoinHandlerOptions, type JoinResponse, type JoinTokenInput, type LoadSecretOptions, type LoadedSecret, type PersonalTokenInput,
  type Secret, type TokenAuthOptions, type VerifiedToken,
} from './auth.js';
export { AwarenessGate, workshopPolicy, type WorkshopPolicy, type WorkshopPolicyOptions } from './policy/index.js';
export { ANONYMOUS_USER } from './types.js';
// Limits, the update gate and privacy (docs/server.md "Limits", docs/privacy.md)
export { LIMIT_DEFAULTS, MAX_AWARENESS_STATES_PER_MESSAGE, TokenBucket, type LimitOptions } from './limits.js';
export { inspectUpdate, type InspectCaps, type UpdateStats } from './validation/inspect.js';
export { ValidationPool, defaultPoolSize, type PoolOptions } from './validation/pool.js';
export {
  LOCK_FILE_NAME, PRIVACY_DEFAULTS, eraseUser, eraseUserInStorage, exportUser, exportUserFromStorage, purgeInactive, serverUsing,
  type PrivacyOptions, type PurgeOptions, type RoomHost,
} from './privacy.js';
export { STORAGE_FAILING_REASON } from './room.js';
export { backupData, restoreData } from './data-cli.js';
export { ShadowDocValidator, shadowDocValidator, type RoomValidator, type ValidatorFactory } from './validator.js';
export { CloseCode, parseMessage, ProtocolError, type IncomingMessage } from './protocol.js';
export { createLogger, silentLogger, type Logger, type LogLevel, type LogFields } from './log.js';
export * from './storage/index.js';
export { VERSION } from './version.js';
