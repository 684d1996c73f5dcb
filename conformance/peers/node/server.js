'use strict';
// Node's ws as an echo server, for the wsnio interop tests (our client connects to it).
// Usage: node server.js <plain|deflate>
// Prints LISTENING <port>, then one JSON line per event. Echoes text as text and binary as
// binary; the text "close-me" makes it close with 4001 "asked".
const { WebSocketServer } = require('ws');

const deflate = process.argv[2] === 'deflate';
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: deflate ? { threshold: 0 } : false,
  maxPayload: 64 * 1024 * 1024,
});

function log(event) {
  console.log(JSON.stringify(event));
}

wss.on('listening', () => console.log(`LISTENING ${wss.address().port}`));
wss.on('connection', (ws, request) => {
  log({ event: 'open', path: request.url, extensions: ws.extensions });
  ws.on('message', (data, isBinary) => {
    if (!isBinary && data.toString() === 'close-me') {
      ws.close(4001, 'asked');
      return;
    }
    ws.send(data, { binary: isBinary });
  });
  ws.on('ping', (data) => log({ event: 'ping', data: data.toString() }));
  ws.on('close', (code, reason) => log({ event: 'close', code, reason: reason.toString() }));
  ws.on('error', (error) => log({ event: 'error', message: error.message }));
});
