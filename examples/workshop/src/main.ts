// The example workshop page. Links look like ?room=…&token=… (printed by `npm start`):
// - a personal token (the facilitator link, or one minted with `coproduce-server token`) is used as is;
// - a join token (the shared participant link): <co-join> asks for a name, the server gives a
//   personal token for it, and the elements keep it in this browser, so the person keeps their
//   user id — and the right to edit their own ideas — when they come back;
// - no token: an open development server (`--auth none`), where the role comes from ?role=.
// If the server turns a link away (expired, changed), the elements say so in words.
// Attributes are set before the elements are registered, so the workshop connects once, to the
// right room.
const params = new URLSearchParams(location.search);
const workshop = document.getElementById('workshop');
if (workshop) {
  const room = params.get('room');
  if (room) {
    workshop.setAttribute('room', room);
    const label = document.getElementById('room-name');
    if (label) label.textContent = room;
  }
  const token = params.get('token');
  if (token) {
    workshop.setAttribute('token', token);
  } else {
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
