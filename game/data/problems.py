"""The shape of one problem line, and a hint at the fix for every kind of problem.

A problem reads ``FILE: KEY.PATH: what is wrong (found X); how to fix it (line N)``:
the file, the key path where a key is at fault, the message, the hint after the first
``"; "`` and the line in the file where the key is written. :func:`with_hint` gives a
message that has no hint of its own the hint its kind of problem needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
        (r"^Input should be ", "use one of the values listed"),
        (
            r"should be (greater|less)|must lie between|must be positive|months are",
            "use a value within the bounds given",
        ),
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
