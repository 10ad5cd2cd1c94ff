"""The article's load client: n requests at once with httpx and asyncio.gather.

Like the article, it uses httpx.AsyncClient() with its defaults (a 5 s timeout, at
most 100 connections); unlike it, it counts failures instead of stopping at the
first one.

Run: python article_client.py URL N   (prints one line of JSON)
"""

import asyncio
import json
import sys
import time
from collections import Counter

import httpx


# ANCHOR: gather
async def fire(url, n):
    async with httpx.AsyncClient() as client:
        start = time.perf_counter()
        results = await asyncio.gather(
            *(client.get(url) for _ in range(n)), return_exceptions=True
        )
        elapsed = time.perf_counter() - start
    failures = Counter(
        type(r).__name__ if isinstance(r, Exception) else f"HTTP {r.status_code}"
        for r in results
        if isinstance(r, Exception) or r.status_code != 200
    )
    return elapsed, n - sum(failures.values()), failures
# ANCHOR_END: gather


def main():
    url, n = sys.argv[1], int(sys.argv[2])
    if not 1 <= n <= 100_000:
        sys.exit("N must be between 1 and 100000")
    elapsed, successes, failures = asyncio.run(fire(url, n))
    print(json.dumps({
        "requests": n,
        "successes": successes,
        "elapsed_s": elapsed,
        "requests_per_s": successes / elapsed,
        "failures": dict(sorted(failures.items())),
    }))


if __name__ == "__main__":
    main()
