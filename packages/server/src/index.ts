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
export type { Authenticate, AuthDenied, AuthResult, CheckUpdate, UpdateContext, UpdateDecision, User } from './types.js';
export { ANONYMOUS_USER } from './types.js';
export { ShadowDocValidator, shadowDocValidator, type RoomValidator, type ValidatorFactory } from './validator.js';
export { CloseCode, parseMessage, ProtocolError, type IncomingMessage } from './protocol.js';
export { createLogger, silentLogger, type Logger, type LogLevel, type LogFields } from './log.js';
export * from './storage/index.js';
export { VERSION } from './version.js';
