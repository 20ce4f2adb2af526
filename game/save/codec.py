"""Game objects <-> JSON-safe data.

Encoding is generic over the core dataclasses (dates as ISO text, sets as sorted lists,
enums as their values, tuples as lists); decoding goes through pydantic's
``TypeAdapter`` in strict JSON mode, so a value of the wrong type is refused rather
than coerced, and unknown keys are refused (``extra="forbid"``, set on the model
dataclasses by ``game.data.scenario`` and on the order dataclasses here).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, Literal, cast

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.core.model import GameState
from game.core.orders import TurnOrders


def to_data(obj: Any) -> Any:
    """A JSON-safe copy of a core object (dataclasses, dates, enums, sets, tuples, numbers)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {name: to_data(getattr(obj, name)) for name in _field_names(type(obj))}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, set | frozenset):
        return sorted(to_data(v) for v in obj)
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    raise TypeError(f"cannot save a {type(obj).__name__} value")


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _adapter(cls: type) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def dumps_compact(data: Any) -> str:
    """The one serialisation used for checksums, digests and the body of a save."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


def decode_state(data: Any) -> GameState:
    """Raises ``pydantic.ValidationError`` for data that is not a valid state."""
    state: GameState = _adapter(GameState).validate_json(dumps_compact(data), strict=True)
    return state


def decode_orders(data: Any) -> TurnOrders:
    """Raises ``pydantic.ValidationError`` for data that is not a turn's orders."""
    orders: TurnOrders = _adapter(TurnOrders).validate_json(dumps_compact(data), strict=True)
    return orders


def _numbers_as_floats(data: Any) -> Any:
    """3 and 3.0 are the same value to the rules; a digest must not tell them apart."""
    if isinstance(data, bool) or data is None or isinstance(data, str):
        return data
    if isinstance(data, int | float):
        return float(data)
    if isinstance(data, dict):
        return {k: _numbers_as_floats(v) for k, v in data.items()}
    return [_numbers_as_floats(v) for v in data]


def digest_data(encoded_state: Any) -> str:
    text = dumps_compact(_numbers_as_floats(encoded_state))
    return "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()


# State fields added after the first saves were written (the enemy's leadership). At
# their defaults they stay out of the digest, so older saves keep their fingerprints.
_LATER_FIELDS = (
    "resolve",
    "strain_total",
    "strain_days",
    "migs_lost_memory",
    "front_memory",
    "civilian_memory",
    "pow_settled",
    "deadlock_days",
    "decisions",
    "last_propaganda",
    "last_front_offensive",
    "front_offensive_days_left",
    "front_plan",
    "forward_bases",
    "dispersal_progress",
    "night_defence",
    "ending",
)


def _default_data(name: str) -> Any:
    f = next(f for f in dataclasses.fields(GameState) if f.name == name)
    value = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
    return to_data(value)


def state_digest(state: GameState) -> str:
    """A short fingerprint of a state: equal states give equal digests across save and load."""
    return encoded_state_digest(to_data(state))


def encoded_state_digest(encoded_state: dict[str, Any]) -> str:
    """The fingerprint of a state already turned into data by :func:`to_data`."""
    data = {
        k: v for k, v in encoded_state.items() if not (k in _LATER_FIELDS and v == _default_data(k))
    }
    return digest_data(data)


# --------------------------------------------------------------------------- random generator


class _Pcg64Inner(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    state: int = Field(ge=0, lt=2**128)
    inc: int = Field(ge=0, lt=2**128)


class _Pcg64State(BaseModel):
    """numpy's ``PCG64.state``, the only bit generator ``np.random.default_rng`` makes."""

    model_config = ConfigDict(extra="forbid", strict=True)
    bit_generator: Literal["PCG64"]
    state: _Pcg64Inner
    has_uint32: int = Field(ge=0, le=1)
    uinteger: int = Field(ge=0, lt=2**32)


def rng_to_data(rng: np.random.Generator) -> dict[str, Any]:
    state = rng.bit_generator.state
    _Pcg64State.model_validate(state)  # anything else could not be restored
    return {
        "bit_generator": state["bit_generator"],
        "state": {"state": int(state["state"]["state"]), "inc": int(state["state"]["inc"])},
        "has_uint32": int(state["has_uint32"]),
        "uinteger": int(state["uinteger"]),
    }


def rng_from_data(data: Any) -> np.random.Generator:
    """Raises ``pydantic.ValidationError`` (or ``ValueError`` from numpy) for a bad state."""
    checked = _Pcg64State.model_validate(data)
    bit_generator = np.random.PCG64()
    bit_generator.state = cast(Any, checked.model_dump())
    return np.random.Generator(bit_generator)
