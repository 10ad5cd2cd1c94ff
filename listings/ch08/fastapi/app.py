"""The article's FastAPI app, written afresh for the benchmark of chapter 8.

Three endpoints that each wait LATENCY seconds, differing only in how they wait:
- /test/sync: a plain `def` with time.sleep. FastAPI runs it on a thread of its pool.
- /test/async: `async def` with asyncio.sleep. The event loop serves others
  meanwhile.
- /test/blocking: `async def` with time.sleep. The event loop itself is stuck.

Run: python app.py [--port N] [--workers N]
(port 0, the default, lets the OS choose; prints the address. More than one worker
runs that many Uvicorn processes sharing the socket, as `uvicorn --workers N` does.)
"""

import argparse
import asyncio
import socket
import time

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

LATENCY = 0.1
ANSWER = "done"

app = FastAPI()


# ANCHOR: endpoints
@app.get("/test/sync", response_class=PlainTextResponse)
def wait_in_thread_pool():
    # A `def` handler: FastAPI calls it on a worker thread, so the event loop stays
    # free.
    time.sleep(LATENCY)
    return ANSWER


@app.get("/test/async", response_class=PlainTextResponse)
async def wait_async():
    await asyncio.sleep(LATENCY)
    return ANSWER


@app.get("/test/blocking", response_class=PlainTextResponse)
async def wait_blocking():
    # The mistake: a blocking call inside `async def` holds the event loop.
    time.sleep(LATENCY)
    return ANSWER
# ANCHOR_END: endpoints


def main():
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    # Bind first, so that port 0 works and the address we print is the real one.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    # Listen before printing: a client that connects at once is queued, not refused.
    listener.listen(4096)
    host, port = listener.getsockname()
    print(f"listening on http://{host}:{port}", flush=True)
    # Worker processes import the app by name: this file's folder is first on
    # sys.path when it runs as a script, and child processes inherit sys.path.
    config = uvicorn.Config(
        "app:app",
        workers=args.workers,
        log_level="warning",
        backlog=4096,
    )
    if args.workers > 1:
        Multiprocess(config, sockets=[listener]).run()
    else:
        uvicorn.Server(config).run(sockets=[listener])


if __name__ == "__main__":
    main()
