"""Python side of Listing 5-2: FastAPI's own answers to the same bad bodies.

The app runs in-process with FastAPI's TestClient (no socket, as `oneshot` does for
axum), so the program prints exactly what a client of a FastAPI service receives.
"""
# requires: fastapi==0.165.0
# requires: httpx==0.28.1
# requires: pydantic==2.13.4

import textwrap

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel


# ANCHOR: app
class NewOrder(BaseModel):
    item: str
    quantity: int


app = FastAPI()


@app.post("/orders")
def create_order(order: NewOrder) -> str:
    return f"{order.quantity} x {order.item}"
# ANCHOR_END: app


# The same bodies as Listing 5-2's INPUTS: (what is wrong, content type, body).
INPUTS = [
    ("good", "application/json", '{"item": "teapot", "quantity": 2}'),
    ("malformed JSON", "application/json", '{"item": "teapot", '),
    ("missing field", "application/json", '{"item": "teapot"}'),
    ("wrong type", "application/json", '{"item": "teapot", "quantity": "two"}'),
    ("wrong content type", "text/plain", '{"item": "teapot", "quantity": 2}'),
]

client = TestClient(app)
print("POST /orders (FastAPI)")
for what, content_type, body in INPUTS:
    response = client.post(
        "/orders", content=body, headers={"content-type": content_type}
    )
    print(f"  {what:<18} -> {response.status_code} {response.reason_phrase}")
    if response.status_code == 200:
        print(f"    {response.json()}")
    else:
        for error in response.json()["detail"]:
            line = f"{error['type']} at {error['loc']}: {error['msg']}"
            print(textwrap.fill(line, width=80, initial_indent="    ",
                                subsequent_indent="    "))
