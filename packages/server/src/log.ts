/**
 * Minimal structured logging: one line per event, `time LEVEL message key=value …`, on stderr.
 * Quiet by default when used as a library (level `warn`); the CLI defaults to `info`.
 */

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export const LOG_LEVELS: readonly LogLevel[] = ['silent', 'error', 'warn', 'info', 'debug'];

export type LogFields = Record<string, unknown>;

export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
}

const rank: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

function formatValue(value: unknown): string {
  if (value instanceof Error) value = value.message;
  if (typeof value === 'string') return /^[\w.:/@+-]*$/.test(value) && value !== '' ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  try {
    return JSON.stringify(value);
  } catch {
    return '"[unserialisable]"';
  }
}

/** A logger writing `level`-and-above lines to `write` (default: stderr). */
export function createLogger(level: LogLevel = 'warn', write: (line: string) => void = (line) => {
  process.stderr.write(line + '\n');
}): Logger {
  const threshold = rank[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields): void => {
    if (rank[lvl] > threshold) return;
    let line = `${new Date().toISOString()} ${lvl.toUpperCase()} ${message}`;
    if (fields) {
      for (const [key, value] of Object.entries(fields)) line += ` ${key}=${formatValue(value)}`;
    }
    write(line);
  };
  return {
    error: (m, f) => emit('error', m, f),
    warn: (m, f) => emit('warn', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent');

/** Anything shaped like a JSON Web Token (`eyJ…` header, payload and signature in base64url). */
const TOKEN_LIKE = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/**
 * `text` (a request path, a room name taken from one, a URL) with anything that looks like a token
 * replaced by `[token]`, for logs: a token signs a person in and carries their name. A client that
 * percent-encodes the `?` (`/room%3Ftoken=eyJ…`) puts its token in the path itself, and so in the
 * room name. Every log line that names a room, a path or a URL passes it through this.
 */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_LIKE, '[token]');
}
