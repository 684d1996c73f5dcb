"""Python's websockets as a permessage-deflate echo server with chosen windows (RFC 7692
§7.1.2), for the wsnio interop tests (our client connects): it answers with
server_max_window_bits and client_max_window_bits, and its zlib decompressor has exactly the
client's window, so a client reference further back fails the connection.

Usage: python3 deflate_server.py <server_max_window_bits> <client_max_window_bits> <takeover|fresh> <max_size>
Prints LISTENING <port>, then one JSON line per event. Echoes every message as it came.
"""
import asyncio
import json
import sys

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory


def log(event):
    print(json.dumps(event), flush=True)


async def echo(ws, path):
    log({"event": "open", "extensions": ws.response_headers.get("Sec-WebSocket-Extensions", "")})
    try:
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass
    log({"event": "close", "code": ws.close_code, "reason": ws.close_reason})


async def main(server_bits, client_bits, fresh, max_size):
    accept = ServerPerMessageDeflateFactory(
        server_no_context_takeover=fresh, client_no_context_takeover=fresh,
        server_max_window_bits=server_bits, client_max_window_bits=client_bits)
    async with websockets.serve(echo, "127.0.0.1", 0, extensions=[accept], compression=None,
                                max_size=max_size) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"LISTENING {port}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "fresh", int(sys.argv[4])))
