/**
 * The command line's side of tokens and roles: the `serve` options `--auth`, `--print-links`,
 * `--link-expires` and `--public-url`, and the `token` subcommand. See docs/server.md, "Tokens".
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkText, isRole, TEXT, type Role } from '@coproduce/core';
import {
  checkJoinTokenInput, checkPersonalTokenInput, createJoinHandler, DEFAULT_LINK_LIFETIME, DEFAULT_TOKEN_LIFETIME, loadSecret, mintJoinToken,
  isRoleWord, mintToken, parseDuration, tokenAuthenticator, type Secret,
} from './auth.js';
import type { Logger } from './log.js';
import { workshopPolicy } from './policy/index.js';
import { DEFAULTS, type CoproduceServer, type ListenInfo, type ServerOptions } from './server.js';
import type { User } from './types.js';

export type AuthMode = 'token' | 'none';

export interface AuthCliOptions {
  auth: AuthMode;
  printLinks?: string;
  facilitatorName: string;
  linkExpires: string;
  publicUrl?: string;
}

function parseDurationOption(value: string): string {
  try {
    parseDuration(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  return value;
}

function parseRoleOption(value: string): Role {
  if (!isRole(value)) throw new InvalidArgumentError('Expected facilitator, participant or observer.');
  return value;
}

/** The default name of the printed facilitator link's person: neutral, and not a role word anyone could pose as. */
export const DEFAULT_FACILITATOR_NAME = 'Workshop host';

function parseFacilitatorName(value: string): string {
  const named = checkText(value, TEXT.personName);
  if (!named.ok) throw new InvalidArgumentError(named.error.message);
  if (isRoleWord(named.value)) throw new InvalidArgumentError('A name can\'t be a role such as "Facilitator": use the facilitator\'s own name.');
  return named.value;
}

function parseUrlOption(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.href;
  } catch {
    throw new InvalidArgumentError(`Expected an http:// or https:// address, got "${value}".`);
  }
}

/** Adds `--auth`, `--print-links`, `--facilitator-name`, `--link-expires` and `--public-url` to the `serve` command. */
export function addAuthOptions(serve: Command): void {
  serve
    .addOption(
      new Option('--auth <mode>', 'token: signed tokens, roles enforced on every update; none: an open relay for local development and benchmarks')
        .env('COPRODUCE_AUTH')
        .choices(['token', 'none'])
        .default('token'),
    )
    .addOption(
      new Option('--print-links <room>', 'after starting, print a facilitator link and a participant link for this room').env('COPRODUCE_PRINT_LINKS'),
    )
    .addOption(
      new Option('--facilitator-name <name>', 'the name the printed facilitator link shows in the workshop (1-50 characters, not a role word)')
        .env('COPRODUCE_FACILITATOR_NAME')
        .default(DEFAULT_FACILITATOR_NAME)
        .argParser(parseFacilitatorName),
    )
    .addOption(
      new Option('--link-expires <duration>', 'how long the printed links work (e.g. 12h, 7d)')
        .env('COPRODUCE_LINK_EXPIRES')
        .default(DEFAULT_LINK_LIFETIME)
        .argParser(parseDurationOption),
    )
    .addOption(
      new Option(
        '--public-url <url>',
        'the page address people open, for the printed links (default http://HOST:PORT/); a path whose last part has no "." is a folder: its trailing / is added',
      )
        .env('COPRODUCE_PUBLIC_URL')
        .argParser(parseUrlOption),
    )
    .addHelpText(
      'after',
      '\nTokens: with --auth token (the default) every connection needs ?token=… signed with COPRODUCE_SECRET or\n' +
        'the secret file <data>/secret (created on first start). Mint one with "coproduce-server token --help".',
    );
}

export interface PreparedAuth {
  /** Options to spread into `createServer`. */
  serverOptions: Pick<ServerOptions, 'authenticate' | 'checkUpdate' | 'checkAwareness' | 'requestHandler'>;
  /** The signing secret, with `--auth token`. */
  secret: Secret | null;
  /** Hands the running server to the join routes, so `POST /invite` can ask the room for the asker's current role. */
  attach(server: CoproduceServer): void;
}

/** Loads the secret (creating the secret file on first start) and builds the hooks for `serve`. */
export function prepareAuth(options: AuthCliOptions & { data: string; host: string }, logger: Logger): PreparedAuth {
  if (options.auth === 'none') {
    const local = options.host === '127.0.0.1' || options.host === 'localhost' || options.host === '::1';
    logger.warn(
      local
        ? 'authentication is off (--auth none): anyone who can reach this server can change any room; use it only for local development'
        : 'authentication is off (--auth none) on a non-local interface: ANYONE WHO CAN REACH THIS SERVER CAN CHANGE EVERY WORKSHOP',
      { host: options.host },
    );
    return { serverOptions: {}, secret: null, attach: () => {} };
  }
  const loaded = loadSecret({ dataDir: options.data, warn: (message) => logger.warn(message) });
  if (loaded.created) logger.info('created a new token secret', { path: loaded.source });
  const policy = workshopPolicy();
  let server: CoproduceServer | null = null;
  // Until the server is attached (never, in practice: it listens only after), the token's role applies.
  const currentRole = async (room: string, user: User): Promise<string | null> =>
    server === null ? user.role : server.withRoom(room, (doc) => policy.effectiveRole(doc, user));
  return {
    serverOptions: {
      authenticate: tokenAuthenticator({ secret: loaded.secret }),
      checkUpdate: policy.checkUpdate,
      checkAwareness: policy.checkAwareness,
      // POST /join trades join tokens; POST /invite hands facilitators one, as long-lived as the printed links.
      requestHandler: createJoinHandler({ secret: loaded.secret, inviteExpires: options.linkExpires, currentRole }),
    },
    secret: loaded.secret,
    attach: (running) => void (server = running),
  };
}

/**
 * `url` as the base of the printed links: a path whose last segment has no `.` names a folder, so
 * it gets its trailing `/` (`https://www.council.gov.uk/coproduce` → `…/coproduce/`). Without it a
 * browser reads `…/coproduce?room=…` as the file `coproduce` in the site's root folder, and the
 * page's relative links (its scripts, `join`) miss the path. `…/workshop.html` is left alone.
 */
function asFolder(url: URL): URL {
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  if (last !== '' && !last.includes('.')) url.pathname += '/';
  return url;
}

function pageUrl(options: AuthCliOptions, info: ListenInfo): URL {
  if (options.publicUrl) return asFolder(new URL(options.publicUrl));
  const wildcard = info.host === '0.0.0.0' || info.host === '::' || info.host === '';
  const host = wildcard ? 'localhost' : info.host.includes(':') ? `[${info.host}]` : info.host;
  return new URL(`http://${host}:${info.port}/`);
}

function linkFor(base: URL, room: string, token: string): string {
  const url = new URL(base.href);
  url.searchParams.set('room', room);
  url.searchParams.set('token', token);
  return url.href;
}

/** The `exp` claim (seconds since the epoch) of a token just minted here, or null. */
function readExpiry(token: string): number | null {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

function describeDuration(value: string): string {
  const seconds = parseDuration(value);
  if (seconds % 86_400 === 0) return `${seconds / 86_400} ${seconds === 86_400 ? 'day' : 'days'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} ${seconds === 3600 ? 'hour' : 'hours'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

/**
 * With `--print-links ROOM`, prints (stdout) a facilitator link (a personal facilitator token) and
 * a participant link (a join token) for the example page.
 */
export async function printLinks(options: AuthCliOptions, info: ListenInfo, auth: PreparedAuth): Promise<void> {
  const room = options.printLinks;
  if (!room) return;
  const base = pageUrl(options, info);
  const valid = describeDuration(options.linkExpires);
  if (auth.secret === null) {
    const url = new URL(base.href);
    url.searchParams.set('room', room);
    console.log(`Workshop link (open server, no tokens): ${url.href}`);
    return;
  }
  const facilitator = await mintToken(auth.secret, { room, user: 'facilitator', name: options.facilitatorName, role: 'facilitator', expires: options.linkExpires });
  const participant = await mintJoinToken(auth.secret, { room, role: 'participant', expires: options.linkExpires });
  // The facilitator's page also gets the participant link (`invite`), so its invitation, link and
  // QR code carry the join token that lets participants in.
  const facilitatorLink = new URL(linkFor(base, room, facilitator));
  facilitatorLink.searchParams.set('invite', participant);
  console.log(`Facilitator link (keep it to yourself, valid ${valid}): ${facilitatorLink.href}`);
  console.log(`Participant link (share it, valid ${valid}): ${linkFor(base, room, participant)}`);
}

interface TokenCommandOptions {
  room: string;
  role: Role;
  user?: string;
  name?: string;
  join?: boolean;
  expires: string;
  data: string;
  link?: string;
}

/** Adds `coproduce-server token`. */
export function addTokenCommand(program: Command): void {
  program
    .command('token')
    .description('print a signed token (or a link) for a room, using the server secret')
    .showHelpAfterError('(run with --help for usage)')
    .requiredOption('--room <room>', 'the room the token is for')
    .addOption(new Option('--role <role>', 'facilitator, participant or observer').default('participant').argParser(parseRoleOption))
    .option('--user <id>', 'the user id (sub): 1-64 of A-Z a-z 0-9 _ -')
    .option('--name <name>', 'display name, 1-50 characters')
    .option('--join', 'a join token instead: anyone with it picks a name and gets their own user id (POST /join)')
    .addOption(new Option('--expires <duration>', 'lifetime, e.g. 30m, 8h, 7d').default(DEFAULT_TOKEN_LIFETIME).argParser(parseDurationOption))
    .addOption(new Option('-d, --data <dir>', 'data directory holding the secret file').env('COPRODUCE_DATA').default(DEFAULTS.dataDir))
    .addOption(new Option('--link <url>', 'print a link to this page address with ?room=…&token=… instead of the bare token (a path whose last part has no "." is a folder: its trailing / is added)').argParser(parseUrlOption))
    .addHelpText(
      'after',
      '\nThe secret is COPRODUCE_SECRET, or the file <data>/secret (created when missing, mode 0600).\n' +
        'Examples:\n' +
        '  coproduce-server token --room high-street --role facilitator --user ceri --name Ceri --expires 8h\n' +
        '  coproduce-server token --room high-street --join --expires 7d --link https://workshops.example.gov.uk/',
    )
    .action(async (options: TokenCommandOptions, command: Command) => {
      if (options.join && (options.user !== undefined || options.name !== undefined)) {
        command.error('error: --join makes a token for anyone: leave out --user and --name');
      }
      if (!options.join && (options.user === undefined || options.name === undefined)) {
        command.error('error: give --user and --name (or --join for a join token)');
      }
      const join = { room: options.room, role: options.role, expires: options.expires };
      const personal = { ...join, user: options.user as string, name: options.name as string };
      // Every argument is checked before the secret is read, or created.
      try {
        if (options.join) checkJoinTokenInput(join);
        else checkPersonalTokenInput(personal);
      } catch (err) {
        command.error(`error: ${(err as Error).message}`);
      }
      let token: string;
      try {
        const { secret, created, source } = loadSecret({ dataDir: options.data, warn: (message) => console.error(`warning: ${message}`) });
        if (created) console.error(`Created a new secret in ${source}.`);
        token = options.join ? await mintJoinToken(secret, join) : await mintToken(secret, personal);
      } catch (err) {
        command.error(`error: ${(err as Error).message}`);
      }
      // When it stops working, on stderr so `$(coproduce-server token …)` still gets only the token.
      const exp = readExpiry(token);
      if (exp !== null) console.error(`valid until ${new Date(exp * 1000).toISOString()} (${describeDuration(options.expires)})`);
      console.log(options.link ? linkFor(asFolder(new URL(options.link)), options.room, token) : token);
    });
}
