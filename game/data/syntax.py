"""TOML read past its syntax errors, so a modder sees every problem of a file at once.

``tomllib`` stops at the first syntax error. :func:`parse_recovering` names it with its
line, key path and a hint, blanks the line (or, for a broken table header, the whole
table) and parses again, at most :data:`MAX_SYNTAX_ERRORS` times and never more than
:data:`MAX_REPARSE_CHARS` characters in all, so a huge broken file costs a bounded
number of parses. Blanking keeps the line count, so every line number stays the one
in the file. What the blanked lines held is returned as ``lost`` key paths, so the
checks that follow do not also report it as missing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

MAX_SYNTAX_ERRORS = 20
MAX_REPARSE_CHARS = 10_000_000  # characters parsed again in all, over every retry

_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z_\"'][^\[\]#=]*?)\s*(?:\]\]?)?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")

_HINTS: tuple[tuple[str, str], ...] = (
    ("Invalid value", 'after "=" write a number, a "quoted string", true or false, a date '
     "(1952-08-04), [a, list] or { a = 1 }"),
    ("Expected '=' after a key", 'write key = value; quote a key with other characters than '
     'letters, digits, _ and -'),
    ("Expected newline or end of document", 'one key = value a line: text needs "quotes", '
     "list items commas, and a date is YYYY-MM-DD"),
    ("Cannot overwrite a value", "this key is given twice in its table: keep one of them"),
    ("Cannot declare", "this table is declared twice: merge the two into one"),
    ("Cannot redefine namespace", "this table is declared twice: merge the two into one"),
    ("Cannot mutate immutable namespace", "a table written inline as { .. } cannot be added "
     "to elsewhere: write it as a [table] instead"),
    ("Expected ']]'", "close the array-of-tables header with ]]"),
    ("Expected ']'", "close the table header with ]"),
    ("Invalid date or datetime", "write a date as YYYY-MM-DD, e.g. 1952-08-04"),
    ("Unclosed array", "close the list with ] and separate its items with commas"),
    ("Unclosed inline table", "close the inline table with } on the same line, items "
     "separated by commas"),
    ("Unterminated string", "close the string with the quote that opened it"),
    ("Duplicate inline table key", "give each key of the inline table once"),
    ("Invalid initial character for a key part", "a key is letters, digits, _ and -; "
     'put any other key in "quotes"'),
    ("Illegal character", 'remove the character, or put the text in "quotes"'),
    ("Found invalid character", 'remove the character, or put the text in "quotes"'),
    ("Unescaped", r"write \\ for a backslash, or use 'single quotes'"),
    ("Invalid hex value", r"a \u escape takes four hexadecimal digits"),
    ("Escaped character", r"a \u escape must name a real character"),
)  # fmt: skip
_GENERAL_HINT = "each line is key = value, a [table] header or an [[array]] header"


@dataclass(frozen=True)
class SyntaxProblem:
    line: int | None
    column: int | None
    key: str  # the key path the line belongs to ("" before any key)
    message: str
    hint: str

    def problem_line(self, file: object) -> str:
        """The problem as the loaders report every problem: file, key, message, hint, line."""
        where = f"line {self.line}" if self.line else "the end of the file"
        column = f", column {self.column}" if self.column else ""
        key = self.key or "(top)"
        return f"{file}: {key}: TOML syntax: {self.message}; {self.hint} ({where}{column})"


def hint_for(message: str) -> str:
    return next((hint for start, hint in _HINTS if message.startswith(start)), _GENERAL_HINT)


def parse_recovering(
    text: str,
) -> tuple[dict[str, Any], list[SyntaxProblem], list[tuple[str, ...]]]:
    """The data that parses, every syntax problem found, and the key paths blanked out."""
    found: list[SyntaxProblem] = []
    lost: list[tuple[str, ...]] = []
    lines: list[str] | None = None
    budget = MAX_REPARSE_CHARS
    seen: set[int] = set()
    while True:
        try:
            return tomllib.loads(text), found, lost
        except tomllib.TOMLDecodeError as exc:
            lines = text.split("\n") if lines is None else lines
            problem, span = _problem(str(exc), lines)
            found.append(problem)
            budget -= len(text)
            if (
                span is None
                or span[0] in seen
                or len(found) >= MAX_SYNTAX_ERRORS
                or budget < len(text)
            ):
                return {}, found, lost  # what follows cannot be trusted to parse
            seen.add(span[0])
            lost.append(tuple(p for p in problem.key.split(".") if p))
            for i in range(*span):
                lines[i] = ""
            text = "\n".join(lines)


def _problem(error: str, lines: list[str]) -> tuple[SyntaxProblem, tuple[int, int] | None]:
    """The problem an error message describes, and the lines to blank (from, to)."""
    match = _POSITION.search(error)
    message = error[: match.start()] if match else error
    message = re.sub(r"Cannot declare \((.*)\) twice", _declared_twice, message)
    if match is None or match.group(1) is None:
        at = _opening_line(lines)
        key = _key_path(lines, at - 1) if at else ""
        return SyntaxProblem(
            at, None, key, f"{message} at the end of the file", hint_for(message)
        ), None
    number, column = int(match.group(1)), int(match.group(2))
    index = number - 1
    header = _HEADER.match(lines[index]) if index < len(lines) else None
    if header:  # the whole table goes: its keys would land in the table before
        end = next((i for i in range(index + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
        key = _clean_key(header.group(1))
        span = (index, end)
    else:
        key = _key_path(lines, index)
        span = (index, index + 1)
    return SyntaxProblem(number, column, key, message, hint_for(message)), span


def _declared_twice(match: re.Match[str]) -> str:
    parts = re.findall(r"'([^']*)'", match.group(1))
    return f"the table [{'.'.join(parts)}] is declared twice"


def _clean_key(raw: str) -> str:
    return ".".join(p.strip().strip("\"'") for p in raw.split("."))


def _key_path(lines: list[str], index: int) -> str:
    """The key path of line ``index``: the table above it and the key it sets."""
    table = ""
    for i in range(min(index, len(lines) - 1), -1, -1):
        header = _HEADER.match(lines[i])
        if header and i != index:
            table = _clean_key(header.group(1))
            break
    key = _KEY.match(lines[index]) if index < len(lines) else None
    parts = [p for p in (table, _clean_key(key.group(1)) if key else "") if p]
    return ".".join(parts)


def _opening_line(lines: list[str]) -> int | None:
    """For an error at the end of the file: the line that opened what was never closed."""
    opened: int | None = None
    for number, line in enumerate(lines, 1):
        if line.count('"""') % 2 or line.count("'''") % 2:
            opened = None if opened is not None else number
    if opened is not None:
        return opened
    return next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), None)
