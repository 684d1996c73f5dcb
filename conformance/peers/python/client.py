"""Python's websockets as a client of a WebSocket echo server, for the wsnio interop tests.

Usage: python3 client.py <ws-url> <plain|deflate>
Prints one JSON line per check ({"check", "ok", "detail"}), then DONE; exits 1 if a check
failed or the exchange took more than 20 seconds.
"""
import asyncio
import json
import os
import sys

import websockets

FAILED = []


def report(check, ok, detail=""):
    if not ok:
        FAILED.append(check)
    print(json.dumps({"check": check, "ok": bool(ok), "detail": str(detail)}), flush=True)


async def echoes(ws, name, data):
    await ws.send(data)
    reply = await ws.recv()
    report(name, reply == data, f"{len(reply)} {'bytes' if isinstance(reply, bytes) else 'chars'}")


async def exchange(url, deflate):
    async with websockets.connect(url, compression="deflate" if deflate else None,
                                  max_size=64 * 1024 * 1024) as ws:
        extensions = ws.response_headers.get("Sec-WebSocket-Extensions", "")
        report("extensions", extensions.startswith("permessage-deflate") if deflate else extensions == "",
               extensions)
        await echoes(ws, "text", "Hello, 世界")
        await echoes(ws, "binary", bytes(range(256)))
        await echoes(ws, "large-text", "κόσμε €😀 " * 70000)
        await echoes(ws, "large-binary", os.urandom(4 * 1024 * 1024))
        await ws.send(["frag", "ment"])  # an iterable is sent as a fragmented message
        joined = await ws.recv()
        report("fragmented", joined == "fragment", joined)
        pong = await ws.ping(b"are you there")
        await asyncio.wait_for(pong, 5)
        report("ping", True)
        await ws.close(code=4000, reason="bye")
        report("close", ws.close_code == 4000, ws.close_code)
    print("DONE", flush=True)


def main():
    url, mode = sys.argv[1], sys.argv[2]
    try:
        asyncio.run(asyncio.wait_for(exchange(url, mode == "deflate"), 20))
    except Exception as error:  # any failure is a failed interop run
        report("no-error", False, repr(error))
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
