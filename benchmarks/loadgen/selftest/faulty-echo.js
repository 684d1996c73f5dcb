'use strict';
// A deliberately faulty WebSocket echo server, for wsload's self-test (selftest.sh): it echoes
// correctly except for one planned fault at the 50th message of each connection, or in the
// handshake. Node's built-in modules only. Stops by itself after two minutes. Loopback only.
// Usage: node faulty-echo.js PORT FAULT
//   FAULT: none | fragments | split | corrupt | drop | duplicate | reorder | masked | text |
//          close | bad-accept | extension
const net = require('net');
const crypto = require('crypto');

const port = Number(process.argv[2]);
const fault = process.argv[3] || 'none';
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'; // RFC 6455 section 1.3
const FAULTY = 50;

// an unmasked frame (or masked, to break RFC 6455 5.1 on purpose)
function frame(first, payload, masked = false) {
  const len = payload.length;
  const lengthBytes = len <= 125 ? 0 : len <= 65535 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (masked ? 4 : 0));
  header[0] = first;
  header[1] = (masked ? 0x80 : 0) | (len <= 125 ? len : len <= 65535 ? 126 : 127);
  if (lengthBytes === 2) header.writeUInt16BE(len, 2);
  if (lengthBytes === 8) header.writeBigUInt64BE(BigInt(len), 2);
  // a zero masking key leaves the payload as it is
  return Buffer.concat([header, payload]);
}

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  let input = Buffer.alloc(0);
  let open = false;
  let count = 0;
  let held = null;

  function send(bytes) {
    if (fault === 'split') {
      // every byte in its own write, each a turn of the event loop apart: frames arrive in pieces
      for (let i = 0; i < bytes.length; i++) {
        setImmediate(() => socket.write(bytes.subarray(i, i + 1)));
      }
    } else {
      socket.write(bytes);
    }
  }

  function echo(opcode, payload) {
    count++;
    const whole = frame(0x80 | opcode, payload);
    if (count !== FAULTY) {
      if (fault === 'fragments') {
        // three fragments with a ping between them (RFC 6455 5.4: control frames may interleave)
        const third = Math.max(1, Math.floor(payload.length / 3));
        send(frame(opcode, payload.subarray(0, third)));
        send(frame(0x89, Buffer.from('ping')));
        send(frame(0x00, payload.subarray(third, 2 * third)));
        send(frame(0x80, payload.subarray(2 * third)));
      } else if (fault === 'reorder' && count === FAULTY + 1) {
        send(whole);
        send(held);
      } else {
        send(whole);
      }
      return;
    }
    switch (fault) {
      case 'corrupt': {
        const altered = Buffer.from(payload);
        altered[altered.length - 1] ^= 1;
        send(frame(0x80 | opcode, altered));
        break;
      }
      case 'drop':
        break;
      case 'duplicate':
        send(whole);
        send(whole);
        break;
      case 'reorder':
        held = whole;
        break;
      case 'masked':
        send(frame(0x80 | opcode, payload, true));
        break;
      case 'text':
        send(frame(0x80 | (opcode === 1 ? 2 : 1), payload));
        break;
      case 'close':
        send(frame(0x88, Buffer.from([0x03, 0xf3]))); // 1011
        break;
      default:
        send(whole);
    }
  }

  socket.on('data', (chunk) => {
    input = Buffer.concat([input, chunk]);
    if (!open) {
      const end = input.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = input.subarray(0, end).toString('latin1');
      input = input.subarray(end + 4);
      const key = /sec-websocket-key:\s*(\S+)/i.exec(head)[1];
      const accept = crypto.createHash('sha1').update(fault === 'bad-accept' ? key : key + GUID).digest('base64');
      const extension = fault === 'extension' ? 'Sec-WebSocket-Extensions: permessage-deflate\r\n' : '';
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
        + `Sec-WebSocket-Accept: ${accept}\r\n${extension}\r\n`);
      open = true;
    }
    for (;;) {
      if (input.length < 2) return;
      let len = input[1] & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (input.length < 4) return;
        len = input.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (input.length < 10) return;
        len = Number(input.readBigUInt64BE(2));
        offset = 10;
      }
      if (input.length < offset + 4 + len) return;
      const mask = input.subarray(offset, offset + 4);
      const payload = Buffer.alloc(len);
      for (let i = 0; i < len; i++) payload[i] = input[offset + 4 + i] ^ mask[i & 3];
      const opcode = input[0] & 0x0f;
      input = input.subarray(offset + 4 + len);
      if (opcode === 0x8) {
        socket.end();
        return;
      }
      if (opcode === 0x1 || opcode === 0x2) echo(opcode, payload);
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`faulty echo server (${fault}) listening on ws://127.0.0.1:${port}/ pid ${process.pid}`);
});
setTimeout(() => process.exit(0), 120000).unref();
process.on('SIGTERM', () => process.exit(0));
