/**
 * A listener that throws must not break the document's other observers or Yjs' own bookkeeping, and
 * must not be swallowed either: it is reported asynchronously as an unhandled rejection, which
 * browsers log and Node reports like an uncaught error.
 */
export function reportListenerError(error: unknown): void {
  void Promise.reject(error);
}

/**
 * The Yjs client ids whose changes a transaction integrated (clients whose clock advanced). Map them
 * to people with the presence helpers (`usersOfClients`) to say who added or changed something.
 * Deletions alone do not advance a clock, so a transaction that only deleted lists no writer.
 */
export function writersOf(tr: { readonly beforeState: Map<number, number>; readonly afterState: Map<number, number> }): readonly number[] {
  const writers: number[] = [];
  tr.afterState.forEach((clock, client) => {
    if (clock !== (tr.beforeState.get(client) ?? 0)) writers.push(client);
  });
  return Object.freeze(writers.sort((a, b) => a - b));
}
