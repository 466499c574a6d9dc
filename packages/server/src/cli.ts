import { Command, InvalidArgumentError, Option } from 'commander';
import { addLimitOptions, limitServerOptions, type LimitCliOptions } from './limits.js';
import { addPrivacyCommands, addRetentionOption } from './privacy.js';
import { addDataCommands, openDataForServe, type OpenedData } from './data-cli.js';
import { addSetupCommand } from './setup-cli.js';
import { addAuthOptions, addTokenCommand, prepareAuth, printLinks, type AuthCliOptions, type PreparedAuth } from './auth-cli.js';
import { checkStaticDir } from './http.js';
import { isLogLevel, createLogger, LOG_LEVELS, type LogLevel } from './log.js';
import { createServer, DEFAULTS, type CoproduceServer } from './server.js';
import { MemoryStorage } from './storage/memory.js';
import { VERSION } from './version.js';

/** How long a graceful shutdown may take before the process exits with status 1. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

function parseInteger(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`Expected a whole number, got "${value}".`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`Expected a whole number ≥ ${min}, got "${value}".`);
    return n;
  };
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** Bytes: `1048576`, `512KiB`, `10MiB`, `1m` (binary units). */
export function parseSize(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) throw new InvalidArgumentError(`Expected a size like 1048576, 512KiB or 10MiB, got "${value}".`);
  const n = Math.floor(Number(match[1]) * unit);
  if (n < 1) throw new InvalidArgumentError(`Expected a size of at least 1 byte, got "${value}".`);
  return n;
}

function parsePort(value: string): number {
  const n = parseInteger(0)(value);
  if (n > 65535) throw new InvalidArgumentError(`Expected a port between 0 and 65535, got "${value}".`);
  return n;
}

function parseLogLevel(value: string): LogLevel {
  if (!isLogLevel(value)) throw new InvalidArgumentError(`Expected one of ${LOG_LEVELS.join(', ')}.`);
  return value;
}

interface ServeOptions extends LimitCliOptions, AuthCliOptions {
  retentionDays: number;
  host: string;
  port: number;
  data: string;
  storage: 'sqlite' | 'memory';
  static?: string;
  commitWindow: number;
  synchronous: 'normal' | 'full';
  compactUpdates: number;
  compactBytes: number;
  unloadGrace: number;
  maxMessageSize: number;
  maxConnections: number;
  maxRoomConnections: number;
  maxRooms: number;
  pingInterval: number;
  logLevel: LogLevel;
}

async function serve(options: ServeOptions): Promise<void> {
  const logger = createLogger(options.logLevel);
  let server: CoproduceServer;
  let auth: PreparedAuth;
  // The data folder's lock and database, before anything else is written there (the secret file):
  // a second server on the same folder is refused here, before it listens (storage/lock.ts).
  let data: OpenedData | null = null;
  try {
    // A mistyped --static would otherwise start a server that answers 404 to everything.
    if (options.static) checkStaticDir(options.static);
    if (options.storage !== 'memory') {
      data = openDataForServe(options.data, { commitWindowMs: options.commitWindow, synchronous: options.synchronous, logger });
    }
    auth = prepareAuth(options, logger);
  } catch (err) {
    console.error(`coproduce-server: cannot start: ${err instanceof Error ? err.message : String(err)}`);
    await data?.close().catch(() => undefined);
    process.exit(1);
  }
  try {
    server = createServer({
      host: options.host,
      port: options.port,
      dataDir: options.data,
      storage: data?.storage ?? new MemoryStorage(),
      ...(options.static ? { staticDir: options.static } : {}),
      commitWindowMs: options.commitWindow,
      synchronous: options.synchronous,
      compactAfterUpdates: options.compactUpdates,
      compactAfterBytes: options.compactBytes,
      unloadGraceMs: options.unloadGrace,
      maxMessageSize: options.maxMessageSize,
      maxConnections: options.maxConnections,
      maxConnectionsPerRoom: options.maxRoomConnections,
      maxRooms: options.maxRooms,
      pingIntervalMs: options.pingInterval,
      ...limitServerOptions(options),
      retentionDays: options.retentionDays,
      ...auth.serverOptions,
      logger,
    });
  } catch (err) {
    console.error(`coproduce-server: cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  auth.attach(server);
  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) {
      logger.warn('second signal, exiting at once', { signal });
      process.exit(1);
    }
    shuttingDown = true;
    logger.info('shutting down', { signal });
    const timer = setTimeout(() => {
      logger.error('shutdown timed out', { ms: SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    server.close().then(
      // The server flushed the storage; closing it checkpoints the log, then the lock goes.
      () => (data?.close() ?? Promise.resolve()).then(() => process.exit(0)),
      (err: unknown) => {
        logger.error('shutdown failed', { error: err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  try {
    const info = await server.listen();
    const http = info.url.replace(/^ws:/, 'http:');
    console.log(
      `coproduce-server ${VERSION} listening on ${info.url}` +
        ` (storage: ${options.storage === 'memory' ? 'memory' : options.data}` +
        (options.static ? `, static files: ${http}/` : '') +
        `, health: ${http}/healthz)`,
    );
    await printLinks(options, info, auth).catch((err: unknown) => {
      console.error(`coproduce-server: cannot print links: ${err instanceof Error ? err.message : String(err)}`);
    });
  } catch (err) {
    console.error(`coproduce-server: cannot listen on ${options.host}:${options.port}: ${err instanceof Error ? err.message : String(err)}`);
    await server.close().catch(() => undefined);
    await data?.close().catch(() => undefined);
    process.exit(1);
  }
}

/** The CLI. `serve` is the default command; later commands (e.g. `token`) are added next to it. */
export function buildProgram(): Command {
  const program = new Command('coproduce-server')
    .description('Coproduce sync server: the y-websocket protocol with embedded SQLite storage.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nWithout a command, "serve" runs: see "coproduce-server serve --help" for its options.');

  program
    .command('serve', { isDefault: true })
    .description('run the sync server (the default command)')
    .showHelpAfterError('(run with --help for usage)')
    .addOption(new Option('--host <host>', 'interface to listen on (0.0.0.0 for all)').env('HOST').default(DEFAULTS.host))
    .addOption(new Option('-p, --port <port>', 'port to listen on (0 = any free port)').env('PORT').default(DEFAULTS.port).argParser(parsePort))
    .addOption(new Option('-d, --data <dir>', 'data directory of the SQLite storage').env('COPRODUCE_DATA').default(DEFAULTS.dataDir))
    .addOption(
      new Option('--storage <kind>', 'sqlite, or memory (nothing is persisted)').env('COPRODUCE_STORAGE').choices(['sqlite', 'memory']).default('sqlite'),
    )
    .addOption(new Option('--static <dir>', 'also serve this directory over HTTP on the same port').env('COPRODUCE_STATIC'))
    .addOption(
      new Option('--commit-window <ms>', 'group-commit window: writes within it share one transaction')
        .env('COPRODUCE_COMMIT_WINDOW_MS')
        .default(DEFAULTS.commitWindowMs)
        .argParser(parseInteger(0)),
    )
    .addOption(
      new Option('--synchronous <mode>', 'SQLite synchronous setting: normal (crash-safe) or full (also power-loss safe)')
        .env('COPRODUCE_SYNCHRONOUS')
        .choices(['normal', 'full'])
        .default('normal'),
    )
    .addOption(
      new Option('--compact-updates <n>', 'compact a room after this many logged updates')
        .env('COPRODUCE_COMPACT_UPDATES')
        .default(DEFAULTS.compactAfterUpdates)
        .argParser(parseInteger(1)),
    )
    .addOption(
      new Option('--compact-bytes <size>', 'or after this many logged bytes (e.g. 1MiB)')
        .env('COPRODUCE_COMPACT_BYTES')
        .default(DEFAULTS.compactAfterBytes, '1MiB')
        .argParser(parseSize),
    )
    .addOption(
      new Option('--unload-grace <ms>', 'keep an empty room loaded this long')
        .env('COPRODUCE_UNLOAD_GRACE_MS')
        .default(DEFAULTS.unloadGraceMs)
        .argParser(parseInteger(0)),
    )
    .addOption(
      new Option('--max-message-size <size>', 'largest accepted message (larger ones close with 1009)')
        .env('COPRODUCE_MAX_MESSAGE_SIZE')
        .default(DEFAULTS.maxMessageSize, '10MiB')
        .argParser(parseSize),
    )
    .addOption(
      new Option('--max-connections <n>', 'open connections in total')
        .env('COPRODUCE_MAX_CONNECTIONS')
        .default(DEFAULTS.maxConnections)
        .argParser(parseInteger(1)),
    )
    .addOption(
      new Option('--max-room-connections <n>', 'open connections per room')
        .env('COPRODUCE_MAX_ROOM_CONNECTIONS')
        .default(DEFAULTS.maxConnectionsPerRoom)
        .argParser(parseInteger(1)),
    )
    .addOption(
      new Option('--max-rooms <n>', 'rooms loaded at once').env('COPRODUCE_MAX_ROOMS').default(DEFAULTS.maxRooms).argParser(parseInteger(1)),
    )
    .addOption(
      new Option('--ping-interval <ms>', 'ping clients this often, drop silent ones (0 = off)')
        .env('COPRODUCE_PING_INTERVAL_MS')
        .default(DEFAULTS.pingIntervalMs)
        .argParser(parseInteger(0)),
    )
    .addOption(
      new Option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`).env('COPRODUCE_LOG_LEVEL').default('info').argParser(parseLogLevel),
    )
    .addHelpText(
      'after',
      '\nRooms are reached at ws://HOST:PORT/ROOM (y-websocket clients). GET /healthz reports status.\n' +
        'SIGTERM or SIGINT shut down gracefully (clients are closed with 1001, everything is flushed).\n' +
        'See docs/server.md for storage, limits and close codes.',
    )
    .action(async (options: ServeOptions) => {
      await serve(options);
    });
  addLimitOptions(program.commands.find((command) => command.name() === 'serve')!);
  addAuthOptions(program.commands.find((command) => command.name() === 'serve')!);
  addTokenCommand(program);
  addRetentionOption(program.commands.find((command) => command.name() === 'serve')!);
  addPrivacyCommands(program, DEFAULTS.dataDir);
  addSetupCommand(program, DEFAULTS.dataDir);
  addDataCommands(program, DEFAULTS.dataDir);

  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const program = buildProgram();
  // Without this, a mistyped command would be taken as an argument of the default "serve".
  const first = argv[2];
  if (first !== undefined && !first.startsWith('-')) {
    const names = program.commands.flatMap((command) => [command.name(), ...command.aliases()]);
    if (!names.includes(first) && first !== 'help') {
      console.error(`coproduce-server: unknown command '${first}' (commands: ${program.commands.map((command) => command.name()).join(', ')}; run with --help for usage)`);
      process.exitCode = 1;
      return;
    }
  }
  await program.parseAsync(argv);
}
