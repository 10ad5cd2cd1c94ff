"""Python side of Listing 4-2: what gather and TaskGroup do with the other coroutines when one fails."""

import asyncio

finished = []


async def fetch(url: str, latency: float, fails: bool = False) -> str:
    await asyncio.sleep(latency)
    # Only a coroutine that is still alive after its wait gets here.
    finished.append(url)
    if fails:
        raise ConnectionError(f"{url}: connection refused")
    return f"data from {url}"


def three_fetches():
    return (
        fetch("api1", 0.6),
        fetch("api2", 0.1, fails=True),
        fetch("api3", 0.9),
    )


async def main() -> None:
    # ANCHOR: gather
    try:
        await asyncio.gather(*three_fetches())
    except ConnectionError as error:
        print(f"gather raised {error!r}; finished so far: {finished}")
    await asyncio.sleep(1)
    print(f"gather, 1 s later: finished {finished}")
    # ANCHOR_END: gather

    finished.clear()
    # ANCHOR: task_group
    try:
        async with asyncio.TaskGroup() as group:
            for coroutine in three_fetches():
                group.create_task(coroutine)
    except* ConnectionError as errors:
        print(f"TaskGroup raised {errors.exceptions!r}; finished so far: {finished}")
    await asyncio.sleep(1)
    print(f"TaskGroup, 1 s later: finished {finished}")
    # ANCHOR_END: task_group


asyncio.run(main())
