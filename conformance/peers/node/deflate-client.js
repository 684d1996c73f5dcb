'use strict';
// Node's ws as a permessage-deflate client with chosen windows (RFC 7692 §7.1.2), for the
// wsnio interop tests: its zlib inflater has exactly the negotiated server window, so a server
// reference further back fails the exchange.
// Usage: node deflate-client.js <ws-url> <serverMaxWindowBits> <takeover|fresh> <maxSize>
// Offers server_max_window_bits (unless 15), client_max_window_bits without a value, and both
// no_context_takeover parameters when "fresh". Sends text and binary messages of 1 byte to
// maxSize bytes, whole and fragmented, each echoed; then maxSize + 1 random bytes, which the
// server must refuse with 1009. Prints one JSON line per check, then DONE; exits 1 if a check
// failed or the run took more than 60 seconds.
const crypto = require('crypto');
const WebSocket = require('ws');

const [url, serverBitsArg, context, maxSizeArg] = process.argv.slice(2);
const serverBits = Number(serverBitsArg);
const fresh = context === 'fresh';
const maxSize = Number(maxSizeArg);
let failed = false;

function report(check, ok, detail) {
  if (!ok) failed = true;
  console.log(JSON.stringify({ check, ok, detail: detail === undefined ? '' : String(detail) }));
}

setTimeout(() => {
  report('finished-in-time', false, 'no result within 60 s');
  process.exit(1);
}, 60000).unref();

const ws = new WebSocket(url, {
  perMessageDeflate: {
    threshold: 0,
    serverNoContextTakeover: fresh,
    clientNoContextTakeover: fresh,
    serverMaxWindowBits: serverBits === 15 ? undefined : serverBits,
    clientMaxWindowBits: true,
  },
  maxPayload: maxSize,
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

let negotiated = '';
ws.on('upgrade', (response) => {
  negotiated = response.headers['sec-websocket-extensions'] || '';
});
ws.on('message', (data, isBinary) => deliver({ kind: 'message', data, isBinary }));
ws.on('close', (code) => deliver({ kind: 'close', code }));
ws.on('error', (error) => deliver({ kind: 'error', message: error.message }));

/** A message whose 3,000-byte block repeats: references reach 3,000 bytes back. */
function message(isBinary, size) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz {}":,0123456789';
  const block = Buffer.alloc(Math.min(size, 3000));
  const random = crypto.randomBytes(block.length);
  for (let i = 0; i < block.length; i++) {
    block[i] = isBinary ? random[i] : alphabet.charCodeAt(random[i] % alphabet.length);
  }
  const whole = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(whole, offset, 0, Math.min(block.length, size - offset));
  }
  return whole;
}

async function echoes(name, data, isBinary) {
  ws.send(isBinary ? data : data.toString('latin1'), { binary: isBinary });
  const reply = await next();
  const same = reply.kind === 'message' && reply.isBinary === isBinary && data.equals(reply.data);
  report(name, same, reply.kind === 'message' ? `${reply.data.length} bytes` : JSON.stringify(reply));
}

ws.on('open', async () => {
  report('extensions', true, negotiated);
  for (const isBinary of [false, true]) {
    const kind = isBinary ? 'binary' : 'text';
    for (const size of [1, 200, 5000, 70000, maxSize - 1]) {
      await echoes(`${kind}-${size}`, message(isBinary, size), isBinary);
    }
    const whole = message(isBinary, 70000);
    ws.send(whole.subarray(0, 1000), { binary: isBinary, fin: false });
    ws.send(whole.subarray(1000, 40000), { binary: isBinary, fin: false });
    ws.send(whole.subarray(40000), { binary: isBinary, fin: true });
    const reply = await next();
    report(`${kind}-fragmented`, reply.kind === 'message' && whole.equals(reply.data), reply.kind);
  }
  await echoes('random-exactly-max-size', crypto.randomBytes(maxSize), true);
  ws.send(crypto.randomBytes(maxSize + 1), { binary: true });
  const refused = await next();
  report('one-byte-more-refused', refused.kind === 'close' && refused.code === 1009, JSON.stringify(refused));
  console.log('DONE');
  process.exit(failed ? 1 : 0);
});
