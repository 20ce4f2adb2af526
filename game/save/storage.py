"""Where saves live and how they are written so that a crash never costs a game.

Saves are files in ``<data home>/saves``: ``<data home>`` is ``$AIR_PRESSURE_HOME`` when
set (tests), else ``platformdirs.user_data_dir("air-pressure")``. A save is written to
a temporary file in the same folder, flushed and fsynced, then renamed over the old
one (``os.replace`` is atomic) and the folder is fsynced: at every instant the name
holds either the old save or the new one, whole.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from game.core.model import Rules
from game.data.mods import user_data_dir
from game.save.document import (
    Document,
    SaveHeader,
    parse,
    read_bytes,
    read_header,
    serialize,
)
from game.save.errors import SaveError
from game.save.record import GameRecord

SUFFIX = ".json"
AUTOSAVE_DIR = "autosaves"  # a folder of its own: no name a player types can reach it
AUTOSAVES_KEPT = 5  # of each game
_TEMP_PREFIX = "."
_TEMP_SUFFIX = ".tmp"
_AUTOSAVE_RE = re.compile(r"^(?P<game>.+)-(?P<number>\d{6})\.json$")
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*]')  # separators and what Windows refuses
_HIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # control, zero-width, unassigned
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
_WINDOWS_DEVICES |= {f"LPT{i}" for i in range(1, 10)}
MAX_SLOT_BYTES = 180  # of the file name in UTF-8; file systems allow 255


class SlotTaken(FileExistsError):
    """A slot name whose file already holds a save; ``path`` is that file."""

    def __init__(self, name: str, path: Path) -> None:
        if path.stem == name.strip():
            self.sentence = f"A save called '{path.stem}' exists"
        else:
            self.sentence = f"'{name}' is saved as '{path.stem}', and a save of that name exists"
        super().__init__(f"{self.sentence} already")
        self.path = path


def data_home() -> Path:
    """The game's user data folder (saves, and mods beside them: ``game.data.mods``)."""
    return user_data_dir()


def saves_dir() -> Path:
    return data_home() / "saves"


def autosaves_dir(folder: Path | None = None) -> Path:
    return (folder or saves_dir()) / AUTOSAVE_DIR


def slot_path(name: str, folder: Path | None = None) -> Path:
    """A player's slot name as a file name in the saves folder.

    Letters of every script are kept (``日本``, ``한국``); path separators and the
    characters Windows refuses become ``_``, invisible characters are dropped, and a
    name with nothing left is ``save``. Two names may still give one file (``a/b`` and
    ``a:b``): :func:`save_slot` refuses to replace a save unless told to.
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _HIDDEN_CATEGORIES)
    clean = _NOT_IN_NAMES.sub("_", text).strip(" ._") or "save"
    if clean.split(".")[0].upper() in _WINDOWS_DEVICES:
        clean = f"{clean} save"
    while len(clean.encode("utf-8")) > MAX_SLOT_BYTES:
        clean = clean[:-1]
    return (folder or saves_dir()) / (clean.rstrip(" .") + SUFFIX)


# --------------------------------------------------------------------------- writing


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, durable across a crash or power cut."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=_TEMP_PREFIX + path.name + ".", suffix=_TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; os.replace is still atomic there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_document(path: Path, doc: Document) -> None:
    atomic_write(path, serialize(doc))


def save_game(path: Path, record: GameRecord) -> SaveHeader:
    """Write ``record`` to ``path`` atomically; returns the header written.

    The game in memory is not changed; an error (disk full, no permission) raises
    ``OSError`` and leaves any previous save at ``path`` as it was.
    """
    doc = record.to_save()
    write_document(Path(path), doc)
    remove_stale_temps(Path(path).parent)
    return SaveHeader.model_validate(doc["header"])


def save_slot(
    name: str, record: GameRecord, folder: Path | None = None, *, replace: bool = False
) -> Path:
    """Write the game to the player's slot ``name``; raises :class:`SlotTaken` when that
    slot holds a save already, unless ``replace`` (the player said yes)."""
    path = slot_path(name, folder)
    if path.exists() and not replace:
        raise SlotTaken(name, path)
    save_game(path, record)
    return path


def game_key(record: GameRecord) -> str:
    """Which game an autosave belongs to: its scenario and the game's own id."""
    return f"{record.rules.scenario_id}-{record.game_id}"


def autosave(record: GameRecord, keep: int = AUTOSAVES_KEPT, folder: Path | None = None) -> Path:
    """Write this game's next autosave, then delete all but its newest ``keep``.

    Autosaves live in their own folder, ``<saves>/autosaves/<game>-NNNNNN.json``; only
    that game's autosaves are ever deleted, never another game's, never a player's
    slot, and the new one is written first.
    """
    where = autosaves_dir(folder)
    key = game_key(record)
    numbers = sorted(_autosave_numbers(where, key))
    path = where / f"{key}-{(numbers[-1] + 1 if numbers else 1):06d}{SUFFIX}"
    save_game(path, record)
    numbers = sorted(_autosave_numbers(where, key))
    for n in numbers[: max(0, len(numbers) - max(1, keep))]:
        with contextlib.suppress(OSError):
            (where / f"{key}-{n:06d}{SUFFIX}").unlink()
    return path


def _autosave_numbers(folder: Path, key: str) -> list[int]:
    if not folder.is_dir():
        return []
    return [
        int(m.group("number"))
        for p in folder.iterdir()
        if (m := _AUTOSAVE_RE.match(p.name)) and m.group("game") == key
    ]


def remove_stale_temps(folder: Path, older_than_s: float = 60.0) -> int:
    """Temporary files left by a save that was killed midway; never a save itself."""
    removed = 0
    if not folder.is_dir():
        return 0
    now = time.time()
    for p in folder.iterdir():
        if p.name.startswith(_TEMP_PREFIX) and p.name.endswith(_TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                if now - p.stat().st_mtime > older_than_s:
                    p.unlink()
                    removed += 1
    return removed


# --------------------------------------------------------------------------- reading


def load_save(path: Path, rules: Rules, *, allow_changed_scenario: bool = False) -> GameRecord:
    """Load a save against ``rules``; a bad file raises :class:`SaveError` and changes nothing."""
    path = Path(path)
    return GameRecord.from_save(
        parse(read_bytes(path), str(path)),
        rules,
        allow_changed_scenario=allow_changed_scenario,
        name=str(path),
    )


@dataclass(frozen=True)
class SaveEntry:
    """One file in the saves folder as the load menu lists it."""

    path: Path
    header: SaveHeader | None
    error: SaveError | None

    @property
    def autosave(self) -> bool:
        return self.path.parent.name == AUTOSAVE_DIR


def list_saves(folder: Path | None = None) -> list[SaveEntry]:
    """Every save in the folder and its autosaves, newest first; unreadable ones listed
    with their error."""
    folder = folder or saves_dir()
    if not folder.is_dir():
        return []
    entries = []
    autosaves = autosaves_dir(folder)
    found = [*folder.iterdir(), *(autosaves.iterdir() if autosaves.is_dir() else [])]
    for p in found:
        if p.suffix != SUFFIX or p.name.startswith(_TEMP_PREFIX) or not p.is_file():
            continue
        try:
            entries.append(SaveEntry(p, read_header(p), None))
        except SaveError as exc:
            entries.append(SaveEntry(p, None, exc))
    return sorted(entries, key=lambda e: _mtime(e.path), reverse=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
