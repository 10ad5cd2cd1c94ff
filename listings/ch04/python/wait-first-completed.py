"""Python side of Listing 4-6: asyncio.wait leaves the losers running; asyncio.timeout cancels."""

import asyncio

finished = []


async def download(mirror: str, latency: float) -> str:
    await asyncio.sleep(latency)
    # Only a download that is still alive after its wait gets here.
    finished.append(mirror)
    return mirror


async def main() -> None:
    # ANCHOR: wait
    downloads = [
        asyncio.create_task(download("eu.mirror", 0.9)),
        asyncio.create_task(download("us.mirror", 0.1)),
    ]
    done, pending = await asyncio.wait(downloads, return_when=asyncio.FIRST_COMPLETED)
    print(f"wait: {done.pop().result()} won, {len(pending)} still pending")
    await asyncio.sleep(1)
    print(f"wait, 1 s later: finished {finished}")
    # ANCHOR_END: wait

    finished.clear()
    # ANCHOR: timeout
    try:
        async with asyncio.timeout(0.1):
            await download("eu.mirror", 0.9)
    except TimeoutError:
        print("timeout: TimeoutError")
    await asyncio.sleep(1)
    print(f"timeout, 1 s later: finished {finished}")
    # ANCHOR_END: timeout


asyncio.run(main())
