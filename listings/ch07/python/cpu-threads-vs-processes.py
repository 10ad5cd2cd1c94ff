"""Chapter 7: CPU-bound work on a thread pool and on a process pool, and what the processes
cost: starting them, and sending the data to them and back."""

import asyncio
import multiprocessing
import platform
import random
import sys
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

WORKERS = 2
JOBS = 4


# ANCHOR: work
def count_primes(start: int, stop: int) -> int:
    """Much work, little data: two numbers go to the worker, one comes back."""
    count = 0
    for n in range(max(start, 2), stop):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


def cpu_intensive_task(data: list[int]) -> list[int]:
    """The article's work: a sort keyed by Python code. The whole list goes to the worker,
    and the whole sorted list comes back."""
    return sorted(data, key=lambda x: x**2)
# ANCHOR_END: work


def echo(data: list[int]) -> list[int]:
    """No work at all: what is left is the cost of sending `data` to a worker and back."""
    return data


def nothing() -> None:
    pass


# ANCHOR: measure
async def timed_on(executor: Executor | None, function, jobs: list[tuple]) -> float:
    """Runs function(*job) for every job, the article's way (run_in_executor, all at once),
    or one after another on the event loop's thread if executor is None. Does it three times
    and returns the fastest, in seconds: the run least disturbed by the rest of the machine."""
    loop = asyncio.get_running_loop()
    fastest = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        if executor is None:
            for job in jobs:
                function(*job)
        else:
            await asyncio.gather(*(loop.run_in_executor(executor, function, *job) for job in jobs))
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


async def main() -> None:
    block = 40_000
    ranges = [(i * block, (i + 1) * block) for i in range(JOBS)]
    rng = random.Random(7)
    lists = [([rng.randrange(-10**6, 10**6) for _ in range(100_000)],) for _ in range(JOBS)]

    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(WORKERS) as threads, ProcessPoolExecutor(WORKERS) as processes:
        start = time.perf_counter()
        # A process pool starts its processes when it is first used.
        await asyncio.gather(*(loop.run_in_executor(processes, nothing) for _ in range(WORKERS)))
        print(f"starting {WORKERS} worker processes: {time.perf_counter() - start:.2f} s")
        for title, function, jobs in [
            (f"count_primes, {JOBS} ranges of {block} numbers", count_primes, ranges),
            (f"the article's sort, {JOBS} lists of 100000 numbers", cpu_intensive_task, lists),
        ]:
            print(title)
            print(f"  in turn:     {await timed_on(None, function, jobs):.2f} s")
            print(f"  {WORKERS} threads:   {await timed_on(threads, function, jobs):.2f} s")
            print(f"  {WORKERS} processes: {await timed_on(processes, function, jobs):.2f} s")
        took = await timed_on(processes, echo, lists)
        print(f"the {JOBS} lists to the processes and back, no work: {took:.2f} s")
# ANCHOR_END: measure


if __name__ == "__main__":
    gil = "disabled" if hasattr(sys, "_is_gil_enabled") and not sys._is_gil_enabled() else "enabled"
    print(f"{platform.python_implementation()} {platform.python_version()}, GIL {gil}, "
          f"processes started by {multiprocessing.get_start_method()}")
    asyncio.run(main())
