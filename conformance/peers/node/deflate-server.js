'use strict';
// Node's ws as a permessage-deflate echo server with chosen windows (RFC 7692 §7.1.2), for the
// wsnio interop tests (our client connects): it answers with server_max_window_bits and
// client_max_window_bits, and its zlib inflater has exactly the client's window, so a client
// reference further back fails the connection.
// Usage: node deflate-server.js <serverMaxWindowBits> <clientMaxWindowBits> <takeover|fresh> <maxSize>
// Prints LISTENING <port>, then one JSON line per event. Echoes every message as it came.
const { WebSocketServer } = require('ws');

const [serverBits, clientBits, context, maxSize] = process.argv.slice(2);
const fresh = context === 'fresh';
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: {
    threshold: 0,
    serverNoContextTakeover: fresh,
    clientNoContextTakeover: fresh,
    serverMaxWindowBits: Number(serverBits),
    clientMaxWindowBits: Number(clientBits),
  },
  maxPayload: Number(maxSize),
});

function log(event) {
  console.log(JSON.stringify(event));
}

wss.on('listening', () => console.log(`LISTENING ${wss.address().port}`));
wss.on('headers', (headers) => log({ event: 'response', headers }));
wss.on('connection', (ws) => {
  log({ event: 'open' });
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('close', (code, reason) => log({ event: 'close', code, reason: reason.toString() }));
  ws.on('error', (error) => log({ event: 'error', message: error.message }));
});
