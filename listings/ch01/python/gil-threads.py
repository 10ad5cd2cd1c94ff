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


def on_threads(work, parts) -> float:
    """Runs work(part) for every part, each on its own thread, and returns the seconds taken."""
    threads = [threading.Thread(target=work, args=(part,)) for part in parts]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


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
one = on_threads(count_primes, [dealt_blocks(0, 1)])
two = on_threads(count_primes, [dealt_blocks(0, 2), dealt_blocks(1, 2)])
print(f"CPU work, 1 thread:  {one:.2f} s")
print(f"CPU work, 2 threads: {two:.2f} s (speedup {one / two:.2f}x)")

slept = on_threads(lambda _: time.sleep(0.5), [None, None])
print(f"2 threads each sleeping 0.5 s: {slept:.2f} s")
# ANCHOR_END: measure
