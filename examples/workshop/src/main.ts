// The room, token and name can come from the join link: ?room=…&token=…&name=…
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
  if (token) workshop.setAttribute('token', token);
  else workshop.setAttribute('user-role', params.get('role') ?? 'facilitator');
  const name = params.get('name');
  if (name) workshop.setAttribute('user-name', name);
}

await import('@coproduce/elements');
