"""Python's websockets as an echo server, for the wsnio interop tests (our client connects).

Usage: python3 server.py <plain|deflate>
Prints LISTENING <port>, then one JSON line per event. Echoes every message as it came; the
text "close-me" makes it close with 4001 "asked".
"""
import asyncio
import json
import sys

import websockets


def log(event):
    print(json.dumps(event), flush=True)


async def echo(ws, path):
    log({"event": "open", "path": path,
         "extensions": ws.response_headers.get("Sec-WebSocket-Extensions", "")})
    try:
        async for message in ws:
            if message == "close-me":
                await ws.close(4001, "asked")
                break
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass
    log({"event": "close", "code": ws.close_code, "reason": ws.close_reason})


async def main(deflate):
    async with websockets.serve(echo, "127.0.0.1", 0, compression="deflate" if deflate else None,
                                max_size=64 * 1024 * 1024) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"LISTENING {port}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] == "deflate"))
