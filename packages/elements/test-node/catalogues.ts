// Every string catalogue of the elements (each *strings.ts and i18n/common.ts), loaded as Node
// modules, for the catalogue checks (i18n.test.ts, welsh-numerals.test.ts).
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Message = string | Record<string, string>;
export type Strings = { en: Record<string, Message>; cy: Record<string, Message> };

export const SRC = resolve(import.meta.dirname, '../src');

export function findModules(dir: string = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findModules(path);
    return name.endsWith('strings.ts') || path === join(SRC, 'i18n/common.ts') ? [path] : [];
  });
}

/** [path relative to src, its `strings`] for every catalogue. */
export async function loadCatalogues(): Promise<[string, Strings][]> {
  return Promise.all(
    findModules().map(async (f) => [relative(SRC, f), ((await import(pathToFileURL(f).href)) as { strings: Strings }).strings] as [string, Strings]),
  );
}
