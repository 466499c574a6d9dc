import * as Y from 'yjs';
import { WorkshopRuntime } from '../src/index.js';

declare global {
  interface Window {
    __COPRODUCE_SYNC_URL__: string;
  }
}

/** The real sync server started by web-test-runner.config.mjs for this run. */
export const syncUrl = (): string => window.__COPRODUCE_SYNC_URL__;

let counter = 0;
/** A fresh room name per test, so tests never see each other's ideas. */
export function uniqueRoom(prefix = 'room'): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Waits until `predicate` holds, polling; fails with `what` after `timeout` ms. */
export async function waitFor(predicate: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A local (server-less) workshop runtime, for tests of rendering and accessibility. */
export function localRuntime(user: { id: string; name: string; role: 'facilitator' | 'participant' | 'observer' }, doc = new Y.Doc()) {
  return new WorkshopRuntime({ room: 'local', doc, user });
}

/** Everything inside an element, shadow roots included, as text. */
export function deepText(root: Element | ShadowRoot): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return text;
}

/**
 * A signed token naming a person (`sub`, `name`, `role`), as the elements read it, minted by the
 * test server's secret (web-test-runner.config.mjs, `/__coproduce/test-token`): the sync server
 * checks it and enforces the role. Without `room` it is valid in every room of the test server.
 */
export function testToken(claims: { sub: string; name: string; role: 'facilitator' | 'participant' | 'observer'; room?: string; expired?: '1' }): string {
  return mintFromTestServer('/__coproduce/test-token', claims);
}

/**
 * A join token for `room` (a shared participant link), signed by the test server's secret: the
 * server refuses it at connect, and trades it at its `POST /join` for a personal token. With
 * `expired: '1'`, one that ran out an hour ago.
 */
export function testJoinToken(claims: { room: string; role?: 'facilitator' | 'participant' | 'observer'; expired?: '1' }): string {
  return mintFromTestServer('/__coproduce/test-join-token', claims);
}

function mintFromTestServer(path: string, params: Record<string, string>): string {
  // Synchronous on purpose, so tests can put it straight into a template.
  const request = new XMLHttpRequest();
  request.open('GET', `${path}?${new URLSearchParams(params).toString()}`, false);
  request.send();
  if (request.status !== 200) throw new Error(`${path}: ${request.status} ${request.responseText}`);
  return request.responseText;
}
