// Echo server on Bun's built-in WebSocket server (Bun.serve, which runs uWebSockets): sends
// every message back as it came (text as text, binary as binary), 64 MiB messages, accepts
// permessage-deflate when a client offers it (as every other peer does; no table run offers it),
// no idle timeout and no pings of its own (no other peer sends heartbeats either). One thread:
// Bun serves all connections from its one JavaScript event loop. Loopback only.
// Usage: bun echo.js [port] [host]
const port = Number(process.argv[2] || 9005);
const host = process.argv[3] || '127.0.0.1';
if (!['127.0.0.1', 'localhost', '::1'].includes(host) && !host.startsWith('127.')) {
  console.error(`${host} is not a loopback address: benchmarks stay on loopback`);
  process.exit(2);
}

const server = Bun.serve({
  hostname: host,
  port,
  fetch(request, server) {
    if (server.upgrade(request)) {
      return undefined;
    }
    return new Response('WebSocket only\n', { status: 426, headers: { Upgrade: 'websocket' } });
  },
  websocket: {
    maxPayloadLength: 64 * 1024 * 1024,
    // what may wait for the socket before send() reports backpressure; as wsnio's send queue
    backpressureLimit: 128 * 1024 * 1024,
    closeOnBackpressureLimit: false,
    idleTimeout: 0,
    sendPings: false,
    perMessageDeflate: true,
    message(socket, message) {
      socket.send(message); // a string goes back as text, a buffer as binary
    },
  },
});

console.log(`bun ${Bun.version} echo server listening on ws://${host}:${server.port}/ pid ${process.pid} threads 1`);

const stop = () => {
  server.stop(true);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
