'use strict';
// Echo server on the ws package: sends every message back as it came (text as text, binary as
// binary), accepts permessage-deflate when a client offers it (ws's own defaults otherwise),
// 64 MiB messages. Loopback only. Usage: node echo.js [port] [host]
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 9003);
const host = process.argv[3] || '127.0.0.1';

const server = new WebSocketServer({
  host,
  port,
  maxPayload: 64 * 1024 * 1024,
  perMessageDeflate: {
    // the settings of wsnio's default: no context takeover either way, 1 KiB threshold
    serverNoContextTakeover: true,
    clientNoContextTakeover: true,
    threshold: 1024,
  },
});

server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    socket.send(data, { binary: isBinary });
  });
  socket.on('error', () => socket.terminate());
});

// ws masks and unmasks with bufferutil's native code when it loads, in JavaScript otherwise
let masking = 'JavaScript masking';
try {
  require('node-gyp-build').path(require('path').dirname(require.resolve('bufferutil')));
  masking = 'bufferutil native masking';
} catch (e) {
  // the fallback stays
}

server.on('listening', () => {
  console.log(`node ${process.version} ws ${require('ws/package.json').version} (${masking}) echo server `
    + `listening on ws://${host}:${port}/ pid ${process.pid}`);
});

const stop = () => {
  for (const client of server.clients) {
    client.terminate();
  }
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
