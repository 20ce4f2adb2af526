"""Checks on hostile files made before a parser or the file system can be hurt by them.

``tomllib`` recurses once per nested array or inline table, and its handling of one
long dotted key (``a.b.c....``) is quadratic, so both are bounded on the raw text
first. Paths from a file (a map name, a save's scenario) are bounded in length so the
operating system never raises on them, and symlinks are refused where data is read.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

MAX_TOML_DEPTH = 24  # arrays and inline tables inside each other
MAX_KEY_PARTS = 16  # parts of one dotted key or table header
MAX_NAME_CHARS = 120  # one file or folder name a file may give
MAX_PATH_CHARS = 1000

# Strings and comments, whose brackets and dots are text, not structure.
_TEXT = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')
_BRACKETS = re.compile(r"[\[\]{}]")
_NOT_KEY = re.compile(r"[^A-Za-z0-9_\-. \t]+")  # what cannot be inside a dotted key


class HostileText(ValueError):
    """Text refused before parsing; the message says why."""


def check_toml_text(text: str) -> None:
    """Refuse TOML nested deeper than :data:`MAX_TOML_DEPTH` or with overlong dotted keys."""
    bare = _TEXT.sub("s", text)
    depth = deepest = 0
    for match in _BRACKETS.finditer(bare):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_TOML_DEPTH:
                raise HostileText(f"nested more than {MAX_TOML_DEPTH} levels deep")
        else:
            depth = max(0, depth - 1)
    if bare.count(".") >= MAX_KEY_PARTS:
        for run in _NOT_KEY.split(bare):
            if run.count(".") >= MAX_KEY_PARTS:
                raise HostileText(f"a dotted key of more than {MAX_KEY_PARTS} parts: {run[:40]}...")


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` behind :func:`check_toml_text`; raises HostileText or TOMLDecodeError."""
    check_toml_text(text)
    return tomllib.loads(text)


def name_problem(name: str) -> str | None:
    """Why a relative file name from a data file cannot be used, or None."""
    if len(name) > MAX_PATH_CHARS or any(len(part) > MAX_NAME_CHARS for part in name.split("/")):
        return f"too long (at most {MAX_NAME_CHARS} characters a name)"
    if "\x00" in name:
        return "contains a NUL character"
    return None


def inside(path: Path, folder: Path) -> bool:
    """``path`` lies within ``folder`` with no symlink on the way down from it."""
    try:
        rel = path.absolute().relative_to(folder.absolute())
    except ValueError:
        return False
    here = folder.absolute()
    for part in rel.parts:
        if part == "..":
            return False
        here = here / part
        try:
            if here.is_symlink():
                return False
        except OSError:
            return False
    return True
