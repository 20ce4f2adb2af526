"""The save file as a document: ``{"header": {...}, "body": {...}}``.

The header is small and describes the save (what the load menu lists); the body holds
the game. ``header.checksum`` is a SHA-256 over the header (without the checksum) and
the body, so an edited or damaged file is refused instead of loaded half right.
Everything here refuses bad input with :class:`~game.save.errors.SaveError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

import game
from game.core.model import Rules
from game.save.codec import dumps_compact
from game.save.errors import Reason, SaveError
from game.save.migrations import CURRENT_VERSION, migrate

FORMAT = "air-pressure-save"
MAX_SAVE_BYTES = 20_000_000  # a full campaign saves to well under 1 MB
MAX_DEPTH = 32  # objects and lists inside each other; a save of the game needs under 10
MAX_INTEGER = 2**128  # the random generator's state is the largest number a save holds
MAX_NAME = 120  # a scenario id, a difficulty or a mod's name in the header

Name = Annotated[str, Field(max_length=MAX_NAME)]

Document = dict[str, Any]


class SaveHeader(BaseModel):
    """What a save says about itself; readable without building the game."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["air-pressure-save"]
    version: int
    game_version: str
    # The scenario by id only: a save never names a file for the game to open.
    scenario: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=MAX_NAME)
    scenario_name: str = Field("", max_length=1000)
    scenario_hash: str = Field(max_length=200)  # "sha256:..." of its files, "" if built in code
    difficulty: Name
    # The alternative histories the game was started with (none in older saves).
    options: tuple[Name, ...] = Field((), max_length=20)
    mods: tuple[Name, ...] = Field((), max_length=100)
    turn: int = Field(ge=1)
    date: Date
    seed: int
    outcome: str = "ongoing"
    saved_at: datetime
    numpy_version: str
    game_id: str = Field("", pattern=r"^[a-z0-9]*$", max_length=32)  # "" in older saves
    checksum: str


def game_version() -> str:
    return str(getattr(game, "__version__", "0"))


def numpy_version() -> str:
    return str(np.__version__)


def scenario_hash(rules: Rules) -> str:
    """SHA-256 over the bytes of the files the rules came from: scenario, mod overrides, map.

    Rules built in code (tests) have no files and hash to ``""``.
    """
    if not rules.content_files:
        return ""
    digest = hashlib.sha256()
    for name in rules.content_files:
        with contextlib.suppress(OSError):
            digest.update(Path(name).read_bytes())
    return "sha256:" + digest.hexdigest()


def checksum(header: dict[str, Any], body: Any) -> str:
    """Covers the whole document but the checksum itself."""
    unsigned = {k: v for k, v in header.items() if k != "checksum"}
    text = dumps_compact({"header": unsigned, "body": body})
    return "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()


def sign(doc: Document) -> Document:
    doc["header"]["checksum"] = checksum(doc["header"], doc["body"])
    return doc


def serialize(doc: Document) -> bytes:
    """The header indented on its own lines (people read it), the body compact."""
    header = json.dumps(doc["header"], ensure_ascii=True, indent=1)
    text = '{\n"header": ' + header + ',\n"body": ' + dumps_compact(doc["body"]) + "\n}\n"
    return text.encode("ascii")


# --------------------------------------------------------------------------- reading


def read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(Reason.MISSING, f"{path}: no such save file") from None
    except OSError as exc:
        raise SaveError(Reason.MISSING, f"{path}: cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(Reason.TOO_LARGE, f"{path}: larger than {MAX_SAVE_BYTES:,} bytes")
    return raw


def parse(raw: bytes, name: str = "save") -> Document:
    """Bytes -> a document whose header and body are JSON objects (nothing else checked)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(Reason.CORRUPT, f"{name}: not UTF-8 text (byte {exc.start})") from None
    stripped = text.rstrip()
    if not stripped:
        raise SaveError(Reason.TRUNCATED, f"{name}: the file is empty")
    if _text_depth(stripped) > MAX_DEPTH:  # before the parser recurses
        raise SaveError(
            Reason.CORRUPT,
            f"{name}: nested more than {MAX_DEPTH} levels deep, as no save of the game is",
        )
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        if not stripped.endswith("}") or exc.pos >= len(stripped):
            raise SaveError(
                Reason.TRUNCATED, f"{name}: the file stops before its end ({len(raw):,} bytes)"
            ) from None
        raise SaveError(
            Reason.CORRUPT, f"{name}: not valid JSON: {exc.msg} (line {exc.lineno})"
        ) from None
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        raise SaveError(Reason.CORRUPT, f"{name}: not a readable JSON file ({exc})") from None
    why = _shape_problem(doc)
    if why:
        raise SaveError(Reason.CORRUPT, f"{name}: {why}")
    if not isinstance(doc, dict) or not isinstance(doc.get("header"), dict):
        raise SaveError(Reason.NOT_A_SAVE, f"{name}: not an Air Pressure save (no header)")
    if doc["header"].get("format") != FORMAT:
        raise SaveError(Reason.NOT_A_SAVE, f"{name}: not an Air Pressure save (format)")
    if not isinstance(doc.get("body"), dict):
        raise SaveError(Reason.CORRUPT, f"{name}: the save has no body")
    return doc


def _text_depth(text: str) -> int:
    """How deep the objects and lists of JSON text go: their brackets outside strings."""
    plain = text.replace("\\\\", "__").replace('\\"', "__")  # escapes hide no quote now
    raw = np.frombuffer(plain.encode("utf-8", "replace"), dtype=np.uint8)
    in_string = np.cumsum(raw == ord('"')) % 2 == 1
    opens = (raw == ord("[")) | (raw == ord("{"))
    closes = (raw == ord("]")) | (raw == ord("}"))
    step = np.where(in_string, 0, opens.astype(np.int32) - closes.astype(np.int32))
    return int(np.cumsum(step).max(initial=0))


def _no_constant(word: str) -> Any:
    raise ValueError(f"{word} is not a number a save holds")


def _shape_problem(doc: Any) -> str | None:
    """Nesting deeper than any save and integers larger than any, found without recursing
    (the checksum and the decoders recurse, and would fail deep in the interface)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > MAX_DEPTH:
            return f"nested more than {MAX_DEPTH} levels deep; no save of the game is"
        for child in children:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
            elif isinstance(child, int) and not -MAX_INTEGER <= child <= MAX_INTEGER:
                return f"holds an integer of {child.bit_length()} bits; no save of the game does"
    return None


def check(doc: Document, name: str = "save") -> tuple[Document, SaveHeader]:
    """Version, checksum, migrations and header: the current layout or a refusal."""
    header = doc["header"]
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(Reason.CORRUPT, f"{name}: the header has no version number")
    if version > CURRENT_VERSION:
        raise SaveError(
            Reason.NEWER_VERSION,
            f"{name}: written by a newer version of the game (save format {version}, "
            f"this game reads up to {CURRENT_VERSION}, game {header.get('game_version', '?')})",
        )
    if version < 0:
        raise SaveError(Reason.UNKNOWN_VERSION, f"{name}: unknown save format {version}")
    found = header.get("checksum")
    try:
        expected = checksum(header, doc["body"])
    except (TypeError, ValueError) as exc:
        raise SaveError(Reason.CORRUPT, f"{name}: cannot be checked ({exc})") from None
    if found != expected:
        raise SaveError(
            Reason.TAMPERED,
            f"{name}: the content does not match its checksum (edited or damaged)",
        )
    try:
        doc = migrate(doc, version)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError(
            Reason.CORRUPT,
            f"{name}: the layout does not fit save format {version} ({type(exc).__name__}: {exc})",
        ) from None
    try:
        parsed = SaveHeader.model_validate(doc["header"])
    except ValidationError as exc:
        hint = ""
        if any(e["loc"][:1] == ("scenario",) for e in exc.errors()):
            hint = " (a save names its scenario by id, such as suiho_1952, never by path)"
        raise SaveError(Reason.INVALID, f"{name}: header: {first_error(exc)}{hint}") from None
    return doc, parsed


def first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    loc = ".".join(str(p) for p in first["loc"]) or "(top)"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{loc}: {first['msg']}{more}"


def read_document(path: Path) -> tuple[Document, SaveHeader]:
    path = Path(path)
    return check(parse(read_bytes(path), str(path)), str(path))


def read_header(path: Path) -> SaveHeader:
    """Only the header, checked (format, version, checksum); the game is not built.

    Raises :class:`SaveError` like :func:`~game.save.load_save` for a bad file.
    """
    return read_document(path)[1]
