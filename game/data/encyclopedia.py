"""The encyclopedia: short articles on every target type, air force, restriction card,
event and place of the shipped scenarios, with the historical brief's source tags.

The articles live in ``assets/encyclopedia.toml``, one table per category::

    [places.pyongyang]
    title = "Pyongyang"
    text = "..."
    source = "A, V"
    related = ["operations.pressure_pump", "target_types.city"]
    covers = ["pyongyang_yards"]      # other game ids of this category it explains

An entry is named ``category.key``. Its key, and every id in ``covers``, is a game id
of that category (a target type, a pool, a card id, an event id, a target or place
id), so the game finds the article for anything it shows. A mod adds or replaces
articles with an ``encyclopedia.toml`` of the same form at the top of its folder.
Nothing is run as code; problems name the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.content import content_dir
from game.data.guards import HostileText, check_toml_text
from game.data.mods import mod_folders
from game.data.problems import known_keys, locate_line, nearest, unknown_key, with_hint
from game.data.syntax import parse_recovering

ENCYCLOPEDIA_FILE = content_dir("assets") / "encyclopedia.toml"
MOD_FILE = "encyclopedia.toml"
MAX_BYTES = 1_000_000

# Category key, heading shown to the player; in the order the encyclopedia lists them.
CATEGORIES: dict[str, str] = {
    "operations": "Operations",
    "places": "Places and targets",
    "target_types": "Target types",
    "aircraft": "Air forces",
    "cards": "Restrictions",
    "events": "Events",
    "people": "People",
    "sources": "Sources",
}
SOURCE_TAGS = {"A", "V", "E"}
GAME_ID = re.compile(r"[A-Za-z0-9_-]+")


class EncyclopediaError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class _EntryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=80)
    text: str = Field(min_length=1, max_length=3000)
    source: str = Field(min_length=1, max_length=40)
    related: list[str] = []
    covers: list[str] = []


@dataclass(frozen=True)
class Entry:
    ref: str  # "category.key"
    category: str
    key: str
    title: str
    text: str
    source: str
    related: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    file: str = ""  # the file it was read from, for messages

    @property
    def ids(self) -> tuple[str, ...]:
        """The game ids this article explains."""
        return (self.key, *self.covers)


@dataclass
class Encyclopedia:
    entries: dict[str, Entry] = field(default_factory=dict)  # by ref, in file order
    problems: list[str] = field(default_factory=list)  # what was skipped, and why

    def get(self, ref: str) -> Entry | None:
        return self.entries.get(ref)

    def in_category(self, category: str) -> list[Entry]:
        return sorted(
            (e for e in self.entries.values() if e.category == category),
            key=lambda e: e.title.lower(),
        )

    def find(self, category: str, game_id: str) -> Entry | None:
        """The article of ``category`` that explains ``game_id`` (its key or a cover)."""
        direct = self.entries.get(f"{category}.{game_id}")
        if direct is not None:
            return direct
        for entry in self.entries.values():
            if entry.category == category and game_id in entry.covers:
                return entry
        return None

    def for_target(self, target_id: str, kind: str) -> Entry | None:
        """A target's own article, or else its type's."""
        return self.find("places", target_id) or self.find("target_types", kind)

    def for_place(self, place_id: str) -> Entry | None:
        """A map place's article (place ids are ``place_<key>``)."""
        return self.find("places", place_id.removeprefix("place_"))

    def search(self, words: str) -> list[Entry]:
        """Entries whose title (first) or text holds every word, case ignored."""
        terms = words.lower().split()
        if not terms:
            return list(self.entries.values())
        hits = [e for e in self.entries.values() if all(t in e.title.lower() for t in terms)]
        hits += [
            e
            for e in self.entries.values()
            if e not in hits and all(t in f"{e.title} {e.text}".lower() for t in terms)
        ]
        return hits

    def broken_links(self) -> list[str]:
        out = []
        for e in self.entries.values():
            for link in e.related:
                if link not in self.entries:
                    close = nearest(link, self.entries)
                    hint = (
                        f"did you mean '{close}'?" if close else "link to an entry as category.key"
                    )
                    out.append(
                        f"{e.file or 'encyclopedia'}: {e.ref}.related: {link!r} is not an entry; {hint}"
                    )
        return out

    def drop_broken_links(self) -> None:
        """Links to nothing are left out, so the articles shown lead only to articles."""
        for ref, e in self.entries.items():
            kept = tuple(link for link in e.related if link in self.entries)
            if kept != e.related:
                self.entries[ref] = replace(e, related=kept)


def _read(file: Path, problems: list[str]) -> tuple[dict[str, Any], str]:
    """The file's data (read past its TOML syntax errors, each named) and its text."""
    try:
        if file.is_symlink():
            problems.append(
                f"{file}: a symlink; encyclopedia files must be plain files (copy the file in)"
            )
            return {}, ""
        if file.stat().st_size > MAX_BYTES:
            problems.append(f"{file}: larger than {MAX_BYTES:,} bytes; split the articles up")
            return {}, ""
        text = file.read_text(encoding="utf-8")
        check_toml_text(text)
    except UnicodeDecodeError as exc:
        problems.append(f"{file}: not UTF-8 text ({exc.reason}); save the file as UTF-8")
        return {}, ""
    except HostileText as exc:
        problems.append(f"{file}: refused before reading: {exc}; write the values out flat")
        return {}, ""
    except OSError as exc:
        problems.append(f"{file}: cannot be read ({exc.strerror or exc}); check the file")
        return {}, ""
    data, found, _ = parse_recovering(text)
    problems.extend(p.problem_line(file) for p in found)
    return data, text


def _add_file(book: Encyclopedia, file: Path, problems: list[str]) -> None:
    data, text = _read(file, problems)

    def say(ref: str, message: str) -> None:
        line = locate_line(text, tuple(ref.split(".")))
        where = f" (line {line})" if line else ""
        problems.append(f"{file}: {ref}: {with_hint(message)}{where}")

    for category, table in data.items():
        if category not in CATEGORIES:
            close = nearest(category, CATEGORIES)
            hint = f"did you mean '{close}'?" if close else f"use one of {', '.join(CATEGORIES)}"
            say(category, f"unknown category; {hint}")
            continue
        if not isinstance(table, dict):
            say(category, f"must be a table of entries; write [{category}.some_id] headers")
            continue
        for key, raw in table.items():
            ref = f"{category}.{key}"
            if not GAME_ID.fullmatch(key):  # refs go into links: no quotes, spaces or dots
                say(ref, "a key is a game id; use letters, digits, _ and -")
                continue
            try:
                parsed = _EntryFile.model_validate(raw)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = tuple(str(p) for p in err["loc"])
                    if err["type"] == "extra_forbidden" and loc:
                        message = unknown_key(loc[-1], known_keys(_EntryFile, loc[:-1]))
                    elif err["type"] == "model_type":
                        message = f"an entry is a table; write [{ref}] and its keys below"
                    else:
                        message = err["msg"]
                    say(".".join((ref, *loc)), message)
                continue
            tags = {t.strip() for t in parsed.source.split(",")}
            if not tags <= SOURCE_TAGS:
                say(f"{ref}.source", 'tags must be among A, V, E; write them as, e.g., "A, V"')
                continue
            book.entries[ref] = Entry(
                ref=ref,
                category=category,
                key=key,
                title=parsed.title,
                text=" ".join(parsed.text.split()),
                source=", ".join(sorted(tags, key="AVE".index)),
                related=tuple(parsed.related),
                covers=tuple(parsed.covers),
                file=str(file),
            )


def read_encyclopedia(
    file: Path = ENCYCLOPEDIA_FILE, mods: tuple[Path, ...] | None = ()
) -> Encyclopedia:
    """Every good article, the shipped ones then each mod's in mod order (``mods=None``:
    none); a bad article is skipped and its problem kept in ``problems``."""
    problems: list[str] = []
    book = Encyclopedia()
    _add_file(book, file, problems)
    for folder in mod_folders(mods) if mods is not None else []:
        if (folder / MOD_FILE).is_file():
            _add_file(book, folder / MOD_FILE, problems)
    problems += book.broken_links()
    book.drop_broken_links()
    book.problems = problems
    return book


def load_encyclopedia(
    file: Path = ENCYCLOPEDIA_FILE, mods: tuple[Path, ...] | None = ()
) -> Encyclopedia:
    """Like :func:`read_encyclopedia`, but any problem raises :class:`EncyclopediaError`
    with all of them (``validate`` is the gate)."""
    book = read_encyclopedia(file, mods)
    if book.problems:
        raise EncyclopediaError(book.problems)
    return book


SOURCE_NAMES = {
    "A": "the article (Crane, The Air Campaign Over Korea: Pressuring the Enemy)",
    "V": "verified in a public secondary source",
    "E": "an estimate, open to correction",
}


def describe_sources(source: str) -> str:
    tags = [t.strip() for t in source.split(",") if t.strip()]
    return "; ".join(f"{t}: {SOURCE_NAMES.get(t, t)}" for t in tags)
