"""Python's websockets as a permessage-deflate client with chosen windows (RFC 7692 §7.1.2),
for the wsnio interop tests: its zlib decompressor has exactly the negotiated window
(zlib.decompressobj(wbits=-N)), so a server reference further back fails the exchange.

Usage: python3 deflate_client.py <ws-url> <server_max_window_bits> <takeover|fresh> <max_size>
Offers server_max_window_bits (unless 15), client_max_window_bits without a value, and both
no_context_takeover parameters when "fresh". Sends text and binary messages of 1 byte to
max_size bytes, whole and fragmented, each echoed; then max_size + 1 random bytes, which the
server must refuse with 1009. Prints one JSON line per check ({"check", "ok", "detail"}), then
DONE; exits 1 if a check failed or the run took more than 60 seconds.
"""
import asyncio
import json
import random
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

FAILED = []


def report(check, ok, detail=""):
    if not ok:
        FAILED.append(check)
    print(json.dumps({"check": check, "ok": bool(ok), "detail": str(detail)}), flush=True)


def message(kind, size, rng):
    """A message whose 3,000-byte block repeats: references reach 3,000 bytes back."""
    if kind == "text":
        block = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz {}\":,0123456789") for _ in range(min(size, 3000)))
        return (block * (size // max(len(block), 1) + 1))[:size]
    block = rng.randbytes(min(size, 3000))
    return (block * (size // max(len(block), 1) + 1))[:size]


async def echoes(ws, name, data):
    await ws.send(data)
    reply = await ws.recv()
    report(name, reply == data, f"{len(reply)} {'bytes' if isinstance(reply, bytes) else 'chars'}")


async def exchange(url, server_bits, fresh, max_size):
    offer = ClientPerMessageDeflateFactory(
        server_no_context_takeover=fresh, client_no_context_takeover=fresh,
        server_max_window_bits=None if server_bits == 15 else server_bits, client_max_window_bits=True)
    rng = random.Random(7)
    async with websockets.connect(url, extensions=[offer], compression=None, max_size=max_size) as ws:
        report("extensions", True, ws.response_headers.get("Sec-WebSocket-Extensions", ""))
        for kind in ("text", "binary"):
            for size in (1, 200, 5000, 70000, max_size - 1):
                await echoes(ws, f"{kind}-{size}", message(kind, size, rng))
            whole = message(kind, 70000, rng)
            await ws.send([whole[:1000], whole[1000:40000], whole[40000:]])  # one message, three frames
            reply = await ws.recv()
            report(f"{kind}-fragmented", reply == whole, len(reply))
        await echoes(ws, "random-exactly-max-size", rng.randbytes(max_size))
        await ws.send(rng.randbytes(max_size + 1))
        try:
            await ws.recv()
            report("one-byte-more-refused", False, "echoed")
        except websockets.ConnectionClosed:
            report("one-byte-more-refused", ws.close_code == 1009, ws.close_code)
    print("DONE", flush=True)


def main():
    url, server_bits, context, max_size = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    try:
        asyncio.run(asyncio.wait_for(exchange(url, server_bits, context == "fresh", max_size), 60))
    except Exception as error:  # any failure is a failed interop run
        report("no-error", False, repr(error))
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
