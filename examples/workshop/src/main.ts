// The example workshop page. Links look like ?room=…&token=… (printed by `npm start`):
// - a personal token (the facilitator link, or one minted with `coproduce-server token`) is used as is;
// - a join token (the shared participant link): <co-join> asks for a name, the server gives a
//   personal token for it, and the elements keep it in this browser, so the person keeps their
//   user id — and the right to edit their own ideas — when they come back;
// - no token: an open development server (`--auth none`), where the role comes from ?role=.
// If the server turns a link away (expired, changed), the elements say so in words.
// Attributes are set before the elements are registered, so the workshop connects once, to the
// right room.
import type { CoWorkshop } from '@coproduce/elements';

const params = new URLSearchParams(location.search);

// English / Cymraeg. The choice sets <html lang>, which the elements follow as it changes, switches
// the page's own words below, and is remembered on this device (localStorage, see docs/privacy.md).
const LANGUAGE_KEY = 'coproduce:example:language';
type PageLanguage = 'en' | 'cy';
const PAGE_TEXT: Record<string, Record<PageLanguage, string>> = {
  title: { en: 'Example workshop – Coproduce', cy: 'Gweithdy enghreifftiol – Coproduce' },
  skip: { en: 'Skip to main content', cy: 'Neidio i’r prif gynnwys' },
  tag: { en: 'Example workshop', cy: 'Gweithdy enghreifftiol' },
  heading: { en: 'Shaping our high street together', cy: 'Llunio ein stryd fawr gyda’n gilydd' },
  lead: {
    en: 'Residents, traders and council staff, designing the high street together. Share ideas, vote on what matters most, and map what a visit is like today. Everything you add is shared live and kept even if your connection drops.',
    cy: 'Trigolion, masnachwyr a staff y cyngor, yn cynllunio’r stryd fawr gyda’i gilydd. Rhannwch syniadau, pleidleisiwch ar beth sydd bwysicaf, a mapiwch sut brofiad yw ymweld heddiw. Mae popeth rydych chi’n ei ychwanegu yn cael ei rannu’n fyw a’i gadw hyd yn oed os bydd eich cysylltiad yn torri.',
  },
};

// The workshop's own name, once it has one: given by a facilitator in the panel's "Workshop details"
// (or by `coproduce-server setup --title`). A room this page made is called by its room id until then,
// and the page keeps its own heading. A name is not translated: it heads the page in both languages.
let workshopName: string | null = null;

function showWorkshopName(lang: PageLanguage): void {
  const heading = document.querySelector<HTMLElement>('main > h1');
  if (heading) heading.textContent = workshopName ?? PAGE_TEXT['heading']![lang];
  document.title = workshopName === null ? PAGE_TEXT['title']![lang] : `${workshopName} – Coproduce`;
}

function storedLanguage(): PageLanguage {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'cy' ? 'cy' : 'en';
  } catch {
    return 'en'; // storage blocked: English, not remembered
  }
}

function setLanguage(lang: PageLanguage, remember: boolean): void {
  document.documentElement.lang = lang;
  document.title = PAGE_TEXT['title']![lang];
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const text = PAGE_TEXT[el.dataset['text'] ?? '']?.[lang];
    if (text !== undefined) el.textContent = text;
  }
  showWorkshopName(lang);
  for (const button of document.querySelectorAll<HTMLButtonElement>('.language-button')) {
    button.setAttribute('aria-pressed', String(button.dataset['lang'] === lang));
  }
  if (remember) {
    try {
      localStorage.setItem(LANGUAGE_KEY, lang);
    } catch {
      // storage blocked: the choice lasts until the page is closed
    }
  }
}

setLanguage(storedLanguage(), false);
for (const button of document.querySelectorAll<HTMLButtonElement>('.language-button')) {
  button.addEventListener('click', () => setLanguage(button.dataset['lang'] === 'cy' ? 'cy' : 'en', true));
}
const workshop = document.getElementById('workshop');
if (workshop) {
  const room = params.get('room');
  if (room) {
    workshop.setAttribute('room', room);
    const label = document.getElementById('room-name');
    if (label) label.textContent = room;
  }
  // A token in the address is left to the elements (no `token` attribute): they take a personal
  // one out of the address bar and keep it for this tab, so it is not on a projected screen, and
  // leave a shared join token where it is.
  if (!params.get('token')) {
    workshop.setAttribute('user-role', params.get('role') ?? 'facilitator');
    const name = params.get('name');
    if (name) workshop.setAttribute('user-name', name);
  }
}

// The facilitator link also carries the participant join token (`invite`): the invitation link
// and QR code shown to the facilitator use it, so participants who scan it can join.
const invite = params.get('invite');
if (invite) {
  const link = new URL(location.href);
  link.searchParams.delete('invite');
  link.searchParams.set('token', invite);
  for (const el of document.querySelectorAll('co-join')) el.setAttribute('href', link.href);
  for (const el of document.querySelectorAll('co-facilitator-panel')) el.setAttribute('join-href', link.href);
}

// In the built page (not `vite dev`), a service worker keeps the page and its files, so it opens
// without a network and shows the workshop from the offline copy the elements keep (src/sw.js).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch((err: unknown) => console.warn('[example] no offline page:', err));
}

await import('@coproduce/elements');

// Follow the workshop's name (the `meta` map's `title`, docs/document-model.md) in the current
// document: the runtime starts a new one when another person joins on this device.
if (workshop) {
  const element = workshop as CoWorkshop;
  let watched: { doc: unknown; stop: () => void } | null = null;
  const watch = (): void => {
    const doc = element.runtime?.doc;
    if (doc === watched?.doc) return;
    watched?.stop();
    watched = null;
    if (!doc) return;
    const meta = doc.getMap('meta');
    const read = (): void => {
      const title = meta.get('title');
      const room = element.room ?? '';
      workshopName = typeof title === 'string' && title !== '' && title !== room.slice(0, 80) ? title : null;
      showWorkshopName(document.documentElement.lang === 'cy' ? 'cy' : 'en');
    };
    meta.observe(read);
    read();
    watched = { doc, stop: () => meta.unobserve(read) };
  };
  element.runtime?.addEventListener('change', watch);
  element.addEventListener('co-status-change', watch);
  watch();
}
