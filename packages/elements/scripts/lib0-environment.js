// The drop-in bundles replace lib0's environment module with this one. What the bundled code reads
// from it: Yjs `getVariable('node_env')` (deep-freezes inserted JSON while it is 'development'),
// y-websocket `isNode` (to remove its own presence when a Node process exits) and lib0/buffer
// `isBrowser` (to pick atob/btoa for base64). lib0's module also parses the page's query string,
// works out terminal colour support and reads `production` at load time, which no bundled module
// uses (about 0.5 KB gzipped in every bundle). The values below are computed the way lib0 computes
// them. A bundled module that imports anything else from lib0/environment fails the build (missing
// export), so a newer Yjs or y-websocket cannot silently read `undefined` here.
import { varStorage } from 'lib0/storage';

export const isNode =
  typeof process !== 'undefined' &&
  !!process.release &&
  /node|io\.js/.test(process.release.name) &&
  Object.prototype.toString.call(process) === '[object process]';

export const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined' && !isNode;

export const isMac = typeof navigator !== 'undefined' ? /Mac/.test(navigator.platform) : false;

const orNull = (value) => (value === undefined ? null : value);

/** A configuration variable: the environment in Node, localStorage (or lib0's stand-in) in a browser. */
export const getVariable = (name) =>
  isNode ? orNull(process.env[name.toUpperCase().replaceAll('-', '_')]) : orNull(varStorage.getItem(name));
