"""Python side of Listing 5-5: the article's /bad-example and /good-example, run.

An asyncio server whose handler fetches a quote from a local upstream, with a
blocking client (urllib.request, which blocks exactly as requests.get does) or
an async one (asyncio streams, standing in for httpx.AsyncClient), while a
health check comes in. The standard library only, so that it runs wherever
python3 does; chapter 8 measures the same mistake in FastAPI itself.

The upstream holds its answer until the health check has been answered, for at
most PATIENCE seconds: so the output says whether the event loop could serve
/health while the handler waited, with no timing to read.
"""

import asyncio
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATIENCE = 5.0

upstream_called = threading.Event()
health_answered = threading.Event()
upstream_saw = []


class Upstream(BaseHTTPRequestHandler):
    def do_GET(self):
        upstream_called.set()
        if health_answered.wait(PATIENCE):
            upstream_saw.append("the health check was answered while it waited")
        else:
            upstream_saw.append(
                f"the upstream waited {PATIENCE} s for the health check, in vain"
            )
        body = b"teapot: 19.99"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


# ANCHOR: handlers
async def bad_example(quote_url: str) -> bytes:
    # The article's mistake: a blocking call inside a coroutine holds the loop.
    with urllib.request.urlopen(quote_url, timeout=10) as answer:
        return answer.read()


async def good_example(host: str, port: int) -> bytes:
    # The fix: an async client suspends, and the loop serves others meanwhile.
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /quote HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
    answer = await reader.read()
    writer.close()
    return answer.split(b"\r\n\r\n", 1)[1]
# ANCHOR_END: handlers


async def serve(upstream_port: int, ready: threading.Event, port: list, stop):
    async def handle(reader, writer):
        request_line = await reader.readline()
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        path = request_line.split()[1].decode()
        if path == "/bad-example":
            body = await bad_example(f"http://127.0.0.1:{upstream_port}/quote")
        elif path == "/good-example":
            body = await good_example("127.0.0.1", upstream_port)
        else:
            body = b"ok"
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"Connection: close\r\n\r\n" + body)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port.append(server.sockets[0].getsockname()[1])
    ready.set()
    await asyncio.get_running_loop().run_in_executor(None, stop.wait)
    server.close()


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as answer:
        answer.read()


def run(path: str, upstream_port: int) -> None:
    upstream_called.clear()
    health_answered.clear()
    upstream_saw.clear()
    ready, stop, port = threading.Event(), threading.Event(), []
    loop_thread = threading.Thread(
        target=asyncio.run, args=(serve(upstream_port, ready, port, stop),)
    )
    loop_thread.start()
    ready.wait(PATIENCE)
    gateway = f"http://127.0.0.1:{port[0]}"
    call = threading.Thread(target=get, args=(gateway + path,))
    call.start()
    # The health check comes in while the handler waits for the upstream.
    upstream_called.wait(PATIENCE)
    get(gateway + "/health")
    health_answered.set()
    call.join()
    stop.set()
    loop_thread.join()
    print(f"{path}: {upstream_saw[0]}")


def main() -> None:
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    for path in ["/bad-example", "/good-example"]:
        run(path, upstream.server_address[1])
    upstream.shutdown()


if __name__ == "__main__":
    main()
