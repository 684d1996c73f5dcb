'use strict';
// Node's ws as a client of a WebSocket echo server, for the wsnio interop tests.
// Usage: node client.js <ws-url> <plain|deflate>
// Prints one JSON line per check ({"check", "ok", "detail"}), then DONE; exits 1 if a check
// failed or the whole exchange took more than 20 seconds.
const crypto = require('crypto');
const WebSocket = require('ws');

const [url, mode] = process.argv.slice(2);
const deflate = mode === 'deflate';
let failed = false;

function report(check, ok, detail) {
  if (!ok) failed = true;
  console.log(JSON.stringify({ check, ok, detail: detail === undefined ? '' : String(detail) }));
}

setTimeout(() => {
  report('finished-in-time', false, 'no result within 20 s');
  process.exit(1);
}, 20000).unref();

const ws = new WebSocket(url, {
  perMessageDeflate: deflate ? { threshold: 0 } : false,
  maxPayload: 64 * 1024 * 1024,
});

const inbox = [];
let waiting = null;
function deliver(item) {
  if (waiting) {
    const resolve = waiting;
    waiting = null;
    resolve(item);
  } else {
    inbox.push(item);
  }
}
function next() {
  return new Promise((resolve) => (inbox.length ? resolve(inbox.shift()) : (waiting = resolve)));
}

ws.on('message', (data, isBinary) => deliver({ kind: 'message', data, isBinary }));
ws.on('pong', (data) => deliver({ kind: 'pong', data }));
ws.on('close', (code, reason) => deliver({ kind: 'close', code, reason: reason.toString() }));
ws.on('error', (error) => {
  report('no-error', false, error.message);
  process.exit(1);
});

async function echoes(name, data, isBinary) {
  ws.send(data, { binary: isBinary });
  const reply = await next();
  const same = reply.kind === 'message' && reply.isBinary === isBinary && Buffer.from(data).equals(reply.data);
  report(name, same, reply.kind === 'message' ? `${reply.data.length} bytes` : reply.kind);
}

ws.on('open', async () => {
  report('extensions', deflate ? ws.extensions.startsWith('permessage-deflate') : ws.extensions === '', ws.extensions);
  await echoes('text', 'Hello, 世界', false);
  await echoes('binary', Buffer.from([...Array(256).keys()]), true);
  await echoes('large-text', 'κόσμε €😀 '.repeat(70000), false);
  await echoes('large-binary', crypto.randomBytes(4 * 1024 * 1024), true);
  ws.send('frag', { fin: false });
  ws.send('ment', { fin: true });
  const joined = await next();
  report('fragmented', joined.kind === 'message' && joined.data.toString() === 'fragment', joined.data);
  ws.ping('are you there');
  const pong = await next();
  report('ping', pong.kind === 'pong' && pong.data.toString() === 'are you there', pong.kind);
  ws.close(4000, 'bye');
  const closed = await next();
  report('close', closed.kind === 'close' && closed.code === 4000, closed.code);
  console.log('DONE');
  process.exit(failed ? 1 : 0);
});
