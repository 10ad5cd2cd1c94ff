"""Python side of Listing 7-1: the article's three queries, in turn and with asyncio.gather."""

import asyncio
import time


# ANCHOR: gather
async def query(what: str, user_id: int, latency: float) -> str:
    await asyncio.sleep(latency)  # stands in for the database's answer
    return f"{what} of user {user_id}"


async def user_page_in_turn(user_id: int) -> list[str]:
    return [
        await query("profile", user_id, 0.050),
        await query("orders", user_id, 0.080),
        await query("preferences", user_id, 0.040),
    ]


async def user_page_together(user_id: int) -> list[str]:
    return await asyncio.gather(
        query("profile", user_id, 0.050),
        query("orders", user_id, 0.080),
        query("preferences", user_id, 0.040),
    )
# ANCHOR_END: gather


async def main() -> None:
    for name, handler in [("in turn: ", user_page_in_turn), ("together:", user_page_together)]:
        start = time.perf_counter()
        page = await handler(1)
        took = (time.perf_counter() - start) * 1000
        print(f"{name} {', '.join(page)} in {took:.0f}ms")


asyncio.run(main())
