"""Python side of Listing 3-1: a coroutine object is lazy too; create_task starts it unawaited."""

import asyncio
import warnings

# Print Python's warnings with the program's output, without the file path that differs per machine.
warnings.showwarning = lambda message, category, *_: print(f"  {category.__name__}: {message}")


# ANCHOR: lazy
async def send_invoice(customer: str) -> int:
    print(f"  sending the invoice to {customer}")
    await asyncio.sleep(0.01)
    return 4711


async def main() -> None:
    print('1. calling send_invoice("Ada")')
    invoice = send_invoice("Ada")  # a coroutine object: nothing is sent yet
    print("2. holding the coroutine; nothing was sent")
    print(f"3. awaited: invoice {await invoice}")

    print('4. calling send_invoice("Grace") and dropping the coroutine')
    send_invoice("Grace")  # never awaited: Grace gets no invoice, Python warns on stderr

    print('5. creating a task for send_invoice("Linus")')
    task = asyncio.create_task(send_invoice("Linus"))
    await asyncio.sleep(0)  # give the loop a turn without awaiting the task
    print("6. the task started before we awaited it")
    print(f"7. awaited the task: invoice {await task}")


asyncio.run(main())
# ANCHOR_END: lazy
