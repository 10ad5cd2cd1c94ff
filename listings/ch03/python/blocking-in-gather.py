"""Python side of Listing 3-3: time.sleep blocks the loop, even inside gather."""

import asyncio
import time


# ANCHOR: measure
def fetch_sync(url: str) -> str:
    time.sleep(1)  # blocks the thread
    return f"Data from {url}"


async def fetch_async(url: str) -> str:
    await asyncio.sleep(1)  # suspends the coroutine
    return f"Data from {url}"


async def fetch_blocking(url: str) -> str:
    time.sleep(1)  # looks async, blocks the whole event loop
    return f"Data from {url}"


async def main() -> None:
    urls = ["api1", "api2", "api3"]
    start = time.perf_counter()
    [fetch_sync(url) for url in urls]
    print(f"in sequence:                    {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    await asyncio.gather(*(fetch_async(url) for url in urls))
    print(f"gather:                         {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    await asyncio.gather(*(fetch_blocking(url) for url in urls))
    print(f"gather with a blocking sleep:   {time.perf_counter() - start:.2f} s")


asyncio.run(main())
# ANCHOR_END: measure
