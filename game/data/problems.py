"""The shape of one problem line, and a hint at the fix for every kind of problem.

A problem reads ``FILE: KEY.PATH: what is wrong (found X); how to fix it (line N)``:
the file, the key path where a key is at fault, the message, the hint after the first
``"; "`` and the line in the file where the key is written. :func:`with_hint` gives a
message that has no hint of its own the hint its kind of problem needs.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

_LINE = re.compile(r" \(line (\d+)(?:, column \d+)?\)")

# (what the message says, the hint), first match wins.
_HINTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), hint)
    for pattern, hint in (
        (r"^Field required", "add this key; docs/MODDING.md's reference says what it takes"),
        (r"^unknown key", "check the spelling against docs/MODDING.md's reference"),
        (r"valid integer", "write a whole number, e.g. 12"),
        (r"valid number", "write a number, e.g. 0.5"),
        (r"finite number", "write an ordinary number (not nan or inf)"),
        (r"valid string", 'write text in "quotes"'),
        (r"valid boolean", "write true or false"),
        (r"valid date", "write a date as YYYY-MM-DD, e.g. 1952-08-04"),
        (r"valid (list|array|tuple)", "write a list in brackets: [a, b]"),
        (r"valid (dictionary|object)", "write a table: [name] or { key = value }"),
        (r"Tuple should have", "give exactly the number of items asked for"),
        (r"should have at (least|most)", "give the number of items asked for"),
        (
            r"should be (greater|less)|must lie between|must be positive|months are",
            "use a value within the bounds given",
        ),
        (r"^Input should be ", "use one of the values listed"),
        (r"String should match pattern", "use lower-case letters a-z, digits and _"),
        (r"snake_case", "use lower-case letters a-z, digits and _, starting with a letter"),
        (r"String should have at least", "write some text"),
        (r"\(known: ", "use one of the known values"),
        (r"no (pool|card|event|ending|option) '", "use the id of one the scenario defines"),
        (r"is not a target (of this scenario|here)", "list the target under [targets]"),
        (r"on the map|no station", "check the map's ids: python main.py map-objects MAP.tmx"),
        (r"is (also )?the id of", "give each its own id"),
        (r"add up to", "make them add up as said"),
        (r"before the start", "put the end after the start"),
        (r"not a declared difficulty|some are missing", "give a value for each difficulty"),
        (r"^expected ", "write the kind of value expected"),
        (r"missing$", "add the parameter"),
        (r"wrong type", "write the parameter's type: see docs/MODDING.md's [[events]]"),
        (r"cannot leave the game ongoing", "use victory, defeat, armistice, recall or time_out"),
        (r"ready is more than", "lower initial_ready or raise establishment"),
        (r"only fits", "use a comparison: <, <=, >, >=, == or !="),
        (r"nothing called", "check the 'section.id' against the scenario"),
    )
)
_GENERAL = "see docs/MODDING.md's reference for what this key takes"


@dataclass(frozen=True)
class Problem:
    file: str
    key: str  # "" when the problem is about the whole file
    message: str  # without the line
    hint: str
    line: int | None


def with_hint(message: str) -> str:
    """``message`` with a hint at the fix after "; ", unless it has one already."""
    if "; " in message:
        return message
    hint = next((h for pattern, h in _HINTS if pattern.search(message)), _GENERAL)
    return f"{message}; {hint}"


def nearest(word: str, known: Iterable[str]) -> str | None:
    """The known key closest to a misspelt ``word``, when one is close enough to be meant."""
    found = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0.75)
    return found[0] if found else None


def unknown_key(word: str, known: Iterable[str], where: str = "docs/MODDING.md's reference") -> str:
    """The message for an unknown key, with the nearest known key as the hint when close."""
    close = nearest(word, known)
    if close is not None:
        return f"unknown key; did you mean '{close}'?"
    return f"unknown key; check the spelling against {where}"


def known_keys(cls: Any, path: tuple[Any, ...]) -> list[str]:
    """The keys the table at ``path`` inside ``cls`` may hold (for a "did you mean")."""
    node = cls
    for part in path:
        node = _inner_type(node, part)
        if node is None:
            return []
    return _field_names(node)


def _field_names(tp: Any) -> list[str]:
    tp = _unwrapped(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or name for name, f in tp.model_fields.items()]
    if dataclasses.is_dataclass(tp):
        return [f.name for f in dataclasses.fields(tp)]
    return []


def _unwrapped(tp: Any) -> Any:
    """``X | None`` as ``X``: the first argument of a union that is not None."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if args else None
    return tp


def _inner_type(tp: Any, part: Any) -> Any:
    """The type of ``tp``'s member ``part``: a field, a table's value or a list's item."""
    tp = _unwrapped(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        fields = {f.alias or name: f for name, f in tp.model_fields.items()}
        field = fields.get(str(part)) or tp.model_fields.get(str(part))
        return field.annotation if field is not None else None
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        try:
            return typing.get_type_hints(tp).get(str(part))
        except (NameError, TypeError):
            return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin in (list, tuple) and args:
        return args[0]
    return None


def locate_line(text: str, parts: tuple[str, ...]) -> int | None:
    """Best-effort line of a key path in TOML text: its table header, then the key."""
    lines = text.splitlines()
    header_at: int | None = None
    key_index = 0
    # The longest table header that is a prefix of the path, e.g. [pools.f86].
    for n in range(len(parts), 0, -1):
        name = ".".join(parts[:n])
        if parts[n - 1].isdigit():
            # the n-th [[array]] entry
            array = ".".join(parts[: n - 1])
            hits = [i for i, ln in enumerate(lines) if ln.strip() == f"[[{array}]]"]
            if int(parts[n - 1]) < len(hits):
                header_at, key_index = hits[int(parts[n - 1])], n
                break
            continue
        hits = [i for i, ln in enumerate(lines) if ln.strip() in (f"[{name}]", f"[[{name}]]")]
        if hits:
            header_at, key_index = hits[0], n
            break
    start = header_at + 1 if header_at is not None else 0
    if key_index >= len(parts):
        return header_at + 1 if header_at is not None else None
    key = parts[key_index]
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if i > start and stripped.startswith("["):
            break
        if stripped.startswith((f"{key} =", f"{key}=", f'"{key}" =')):
            return i + 1
    return header_at + 1 if header_at is not None else None


def parse(line: str) -> Problem:
    """A problem line split into its parts (the inverse of how the loader writes it)."""
    number = _LINE.search(line)
    body = (line[: number.start()] + line[number.end() :]) if number else line
    file, _, rest = body.partition(": ")
    key, sep, message = rest.partition(": ")
    if not sep or " " in key:
        key, message = "", rest
    _, _, hint = message.partition("; ")
    return Problem(file, key, message, hint.strip(), int(number.group(1)) if number else None)
