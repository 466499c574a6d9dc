import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { baseLanguage, lookup, onStringsChange, type Catalogue, type Message, type MessageKey } from './registry.js';
import './common.js';

export { setStrings, registerStrings } from './registry.js';
export type { MessageKey, Catalogue, Message, PluralMessage, CoproduceMessages } from './registry.js';
export type Params = Record<string, string | number>;

/** Languages with a complete catalogue. */
export const supportedLanguages = ['en', 'cy'] as const;

/** Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N’Ko…, their presentation forms and the RLM mark). */
const RTL = /[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefe]|[\ud802\ud803\ud83a\ud83b]/;

/**
 * People's text (a name, a title, an idea) between FIRST STRONG ISOLATE and POP DIRECTIONAL
 * ISOLATE (U+2068 … U+2069) when it holds right-to-left characters, so it and the digits next to
 * it keep their place in the sentence around it ("⁨سارة 2⁩ (you)", "“⁨خيار⁩”: 3"). The marks are
 * invisible and screen readers skip them. Text without right-to-left characters cannot be
 * reordered in the elements' left-to-right sentences (English and Welsh), so it is left as it is;
 * so is text that already holds isolates (a list the elements made of isolated names). (Stored text never holds bidi controls: the
 * core's text rules remove them.)
 */
export function isolate(text: string): string {
  return RTL.test(text) && !text.includes('\u2068') ? `\u2068${text}\u2069` : text;
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(lang: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

/**
 * Formats one message. Placeholders are `{name}`; a plural message picks its form from
 * `params.count` with the language's own plural rules (Welsh has six forms). Numbers are written
 * as the language writes them; string parameters, people's text, are isolated ({@link isolate}):
 * the elements' own words passed as parameters (a role, "5 minutes") are English or Welsh, and stay
 * as they are. The result is plain text: it goes into Lit bindings, never into HTML.
 */
export function translate(lang: string, key: MessageKey, params: Params = {}, local?: Partial<Catalogue>): string {
  const base = baseLanguage(lang);
  const message: Message | undefined = local?.[key] ?? lookup(base, key);
  if (message === undefined) return key;
  let template: string;
  if (typeof message === 'string') {
    template = message;
  } else {
    const count = Number(params.count ?? 0);
    template = message[pluralCategory(base, count)] ?? message.other;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(base, value) : isolate(value);
  });
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number as the language writes it ("1,250"). Small whole numbers, most of what the elements
 * count, are the same in every supported language and skip `Intl` (whose first formatter costs tens
 * of milliseconds on a slow phone); the formatter for the rest is made once per language.
 */
function formatNumber(lang: string, value: number): string {
  if (Number.isInteger(value) && value > -1000 && value < 1000) return String(value);
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB')));
  return format.format(value);
}

/** The language that applies to an element: its own or an ancestor's `lang`, crossing shadow roots. */
export function languageOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || 'en';
}

const controllers = new Set<() => void>();
onStringsChange(() => {
  for (const c of controllers) c();
});

/**
 * Gives an element its strings. The language follows the element's `lang` attribute or the page's,
 * and can change at run time: the controller watches `lang` on the document and the host.
 */
export class LocalizeController implements ReactiveController {
  private static documentObserver: MutationObserver | undefined;
  private hostObserver: MutationObserver | undefined;
  private readonly onChange = () => this.host.requestUpdate();
  /** Per-element overrides, e.g. from a `strings` property. */
  local: Partial<Catalogue> | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    controllers.add(this.onChange);
    if (!LocalizeController.documentObserver) {
      LocalizeController.documentObserver = new MutationObserver(() => {
        for (const c of controllers) c();
      });
      LocalizeController.documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
    this.hostObserver = new MutationObserver(this.onChange);
    this.hostObserver.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    controllers.delete(this.onChange);
    this.hostObserver?.disconnect();
    this.hostObserver = undefined;
  }

  get lang(): string {
    return baseLanguage(languageOf(this.host));
  }

  t(key: MessageKey, params?: Params): string {
    return translate(this.lang, key, params, this.local);
  }
}
