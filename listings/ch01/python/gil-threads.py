"""Python side of Listing 1-1: what two threads do for CPU work and for waiting, under the GIL."""

import platform
import sys
import threading
import time


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def count_primes(numbers) -> int:
    return sum(1 for n in numbers if is_prime(n))


def on_threads(work, parts) -> tuple[list, float]:
    """Runs work(part) for every part, each on its own thread; returns the results and the
    seconds taken."""
    results = [None] * len(parts)

    def run(index, part):
        results[index] = work(part)

    threads = [threading.Thread(target=run, args=(i, part)) for i, part in enumerate(parts)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - start


# A tenth of Listing 1-1's range: the same algorithm, but CPython interprets every step of
# it, and this program runs it twice (and its test runs it on every `cargo xtask test`).
LIMIT = 200_000
BLOCK = 10_000


def dealt_blocks(first_block: int, threads: int) -> list[int]:
    """The numbers of blocks first_block, first_block + threads, ... (as in Listing 1-1)."""
    numbers = []
    for start in range(first_block * BLOCK, LIMIT, threads * BLOCK):
        numbers.extend(range(start, min(start + BLOCK, LIMIT)))
    return numbers


gil = "disabled" if hasattr(sys, "_is_gil_enabled") and not sys._is_gil_enabled() else "enabled"
print(f"{platform.python_implementation()} {platform.python_version()}, GIL {gil}")

# ANCHOR: measure
counts, one = on_threads(count_primes, [dealt_blocks(0, 1)])
counts_on_two, two = on_threads(count_primes, [dealt_blocks(0, 2), dealt_blocks(1, 2)])
assert sum(counts) == sum(counts_on_two)
print(f"primes below {LIMIT}: {sum(counts)}")
print(f"CPU work, 1 thread:  {one:.2f} s")
print(f"CPU work, 2 threads: {two:.2f} s (speedup {one / two:.2f}x)")

_, slept = on_threads(lambda _: time.sleep(0.5), [None, None])
print(f"2 threads each sleeping 0.5 s: {slept:.2f} s")
# ANCHOR_END: measure
