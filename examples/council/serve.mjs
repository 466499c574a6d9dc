// Serves the council's page and its sync server (`coproduce-server serve --static dist`), and keeps
// the page's join token fresh while it runs: the token lives in the static page and stops working
// when it expires, however long the server has been up. Every `--check-every` (default 12h) this
// renews it when it runs out within `--renew-within` (default 30d), with a new one good for
// `--expires` (default 90d); the server sends the page afresh (`Cache-Control: no-cache`), so the
// next visitor gets the new token. People who joined with the old one keep their own tokens.
//
//   node serve.mjs [--dist dist] [--data .data] [--port 1235] [--expires 90d] [--renew-within 30d] [--check-every 12h]
//
// Run prepare.mjs first (npm start does). Stopping this (Ctrl+C, SIGTERM) stops the server.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { SERVER, durationMs, renewJoinToken } from './prepare.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    data: { type: 'string', default: process.env.COPRODUCE_DATA || '.data' },
    port: { type: 'string', default: process.env.PORT || '1235' },
    expires: { type: 'string', default: '90d' },
    'renew-within': { type: 'string', default: '30d' },
    'check-every': { type: 'string', default: '12h' },
  },
});
if (durationMs(values['renew-within']) >= durationMs(values.expires)) throw new Error('--renew-within must be shorter than --expires.');

function renew() {
  try {
    const { renewed, expiresAt } = renewJoinToken({ dist: values.dist, data: values.data, expires: values.expires, renewWithin: values['renew-within'] });
    if (renewed) console.log(`examples/council: renewed the page's join token; it works until ${new Date(expiresAt).toISOString()}`);
  } catch (error) {
    console.error(`examples/council: could not renew the page's join token: ${error.message}`);
  }
}

renew();
const server = spawn(process.execPath, [SERVER, 'serve', '--static', values.dist, '--data', values.data, '--port', values.port], { stdio: 'inherit' });
const timer = setInterval(renew, Math.min(durationMs(values['check-every']), 2 ** 31 - 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => {
  clearInterval(timer);
  process.exit(code ?? (signal ? 1 : 0));
});
