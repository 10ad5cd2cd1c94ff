"""The sign-up model of Listing 9-1, in Pydantic v2, fed the same bodies."""
# requires: pydantic==2.13.4

import json
from pathlib import Path

from pydantic import BaseModel, Field, TypeAdapter, ValidationError


# ANCHOR: model
class SignUp(BaseModel):
    username: str = Field(min_length=3, max_length=20)
    age: int = Field(ge=18, le=130)
# ANCHOR_END: model


# ANCHOR: validate
def validate(body: str) -> list[str]:
    """One line per error: where (FastAPI puts `body` first) and what."""
    try:
        SignUp.model_validate_json(body)
    except ValidationError as error:
        return [
            ".".join(["body", *map(str, e["loc"])]) + ": " + e["msg"]
            for e in error.errors()
        ]
    return []
# ANCHOR_END: validate


cases = json.loads((Path(__file__).parent.parent / "sign-ups.json").read_text())
for case in cases:
    errors = validate(case["body"])
    print(f"{case['case']}: {'422' if errors else 'valid'}")
    for line in errors:
        print(f"  {line}")

# ANCHOR: adapter
# TypeAdapter validates a type that is not a model: here a list of sign-ups.
many = TypeAdapter(list[SignUp])
try:
    many.validate_json(
        '[{"username": "ada", "age": 36}, {"username": "x", "age": 36}]'
    )
except ValidationError as error:
    for e in error.errors():
        index, field = e["loc"]
        print(f"a list: [{index}].{field}: {e['msg']}")
# ANCHOR_END: adapter
