"""Python side of Listing 6-1: sqlite3 called inside async def, and the same query in
asyncio.to_thread, while a heartbeat measures how late the event loop wakes it."""

import asyncio
import os
import shutil
import sqlite3
import tempfile

CUSTOMERS = 500
ORDERS = 100_000
CLIENTS = 4
WINDOW = 0.6  # seconds, each way
HEARTBEAT = 0.005  # seconds

# No index helps this query: SQLite reads every order to add them up.
TOP_CUSTOMER = (
    "SELECT customer_id, SUM(amount_cents) AS revenue FROM orders "
    "GROUP BY customer_id ORDER BY revenue DESC, customer_id LIMIT 1"
)


def create_database(path: str) -> None:
    """The same rows as Listing 6-1."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, "
            "customer_id INTEGER NOT NULL, amount_cents INTEGER NOT NULL)"
        )
        connection.executemany(
            "INSERT INTO orders (customer_id, amount_cents) VALUES (?, ?)",
            (
                (order * 7919 % CUSTOMERS + 1, order * 104_729 % 20_000 + 99)
                for order in range(ORDERS)
            ),
        )
    connection.close()


def top_customer(connection: sqlite3.Connection) -> tuple[int, int]:
    """The repository function: blocks until SQLite has the answer."""
    return connection.execute(TOP_CUSTOMER).fetchone()


# ANCHOR: two_ways
async def handler_inline(connection):
    # Blocks the event loop for the whole query.
    return top_customer(connection)


async def handler_to_thread(connection):
    # Runs the query on the default thread pool; the loop stays free.
    return await asyncio.to_thread(top_customer, connection)
# ANCHOR_END: two_ways


async def heartbeat(worst: list[float]) -> None:
    """Asks to be woken every HEARTBEAT seconds; keeps the worst lateness."""
    loop = asyncio.get_running_loop()
    due = loop.time() + HEARTBEAT
    while True:
        await asyncio.sleep(max(0.0, due - loop.time()))
        woke = loop.time()
        worst[0] = max(worst[0], woke - due)
        due = woke + HEARTBEAT


async def client(handler, path: str, until: float) -> int:
    loop = asyncio.get_running_loop()
    # check_same_thread=False: the to_thread handler runs the query on a pool thread.
    connection = sqlite3.connect(path, check_same_thread=False)
    served = 0
    while loop.time() < until:
        await asyncio.sleep(0)  # the next request arriving
        await handler(connection)
        served += 1
    connection.close()
    return served


async def measure(handler, path: str) -> tuple[int, float]:
    loop = asyncio.get_running_loop()
    worst = [0.0]
    beating = asyncio.create_task(heartbeat(worst))
    until = loop.time() + WINDOW
    served = await asyncio.gather(*(client(handler, path, until) for _ in range(CLIENTS)))
    beating.cancel()
    return sum(served), worst[0]


async def main(path: str) -> None:
    connection = sqlite3.connect(path)
    customer, revenue = top_customer(connection)
    connection.close()
    print(f"top customer: #{customer} with {revenue} cents")
    print(f"{'way':<28}{'requests served':>17}{'worst heartbeat delay':>24}")
    for name, handler in [
        ("sqlite3 inline", handler_inline),
        ("sqlite3 in to_thread", handler_to_thread),
    ]:
        served, worst = await measure(handler, path)
        print(f"{name:<28}{served:>17}{worst * 1000:>22.1f}ms")


if __name__ == "__main__":
    directory = tempfile.mkdtemp(prefix="course-ch06-orders-")
    try:
        database = os.path.join(directory, "orders.db")
        create_database(database)
        print(f"database: {CUSTOMERS} customers, {ORDERS} orders, in a temporary directory")
        print(f"{CLIENTS} clients for {WINDOW} s each way, heartbeat every {HEARTBEAT} s")
        asyncio.run(main(database))
    finally:
        shutil.rmtree(directory, ignore_errors=True)
