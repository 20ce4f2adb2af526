"""Mods: scenarios of the player's own, and overrides of shipped ones by id.

A mod is a folder in the user mods folder (``python main.py paths`` prints it) or one
given with ``--mods DIR``::

    my_mod/
      mod.toml                       optional: name, description, author
      scenarios/<id>/scenario.toml   new scenarios (with their own maps and sprites)
      overrides/<id>.toml            values laid over scenario <id>, key by key
      encyclopedia.toml              articles added to the encyclopedia, or replacing its own

An override is partial TOML: a table merges into the same table, a value replaces the
value, ``[[events]]`` entries merge by their ``id``, and ``delete = ["targets.kaesong",
"events.stalin_dies"]`` removes ids. Mods are applied in order: the user folder's
mods by name, then ``--mods`` folders as given. Nothing in a mod is run as code.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "air-pressure"
HOME_VARIABLE = "AIR_PRESSURE_HOME"  # tests and portable installs put user data here
MODS_VARIABLE = "AIR_PRESSURE_MODS"  # extra mod folders, separated like PATH


def user_data_dir() -> Path:
    override = os.environ.get(HOME_VARIABLE)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def user_mods_dir() -> Path:
    return user_data_dir() / "mods"


@dataclass(frozen=True)
class ScenarioSource:
    """Where a scenario comes from: its base file and the overrides laid over it."""

    id: str
    file: Path
    overrides: tuple[Path, ...] = ()
    origin: str = "shipped"


@dataclass
class Merge:
    """The merged scenario data and which file set each key (for error messages)."""

    data: dict[str, Any]
    origin: dict[tuple[str, ...], Path] = field(default_factory=dict)

    def file_for(self, path: tuple[str, ...], default: Path) -> Path:
        for n in range(len(path), 0, -1):
            if path[:n] in self.origin:
                return self.origin[path[:n]]
        # A table the base file began and an override added to: the override's key.
        inner = [f for key, f in self.origin.items() if key[: len(path)] == path]
        return inner[-1] if inner else default


def mod_folders(extra: tuple[Path, ...] = ()) -> list[Path]:
    """Mods in the order they apply: the user folder's by name, then ``extra`` as given
    (and then the folders in the ``AIR_PRESSURE_MODS`` variable)."""
    from_env = os.environ.get(MODS_VARIABLE, "")
    extra = (*extra, *(Path(p) for p in from_env.split(os.pathsep) if p))
    user = user_mods_dir()
    found = _plain_folders(user)
    for folder in extra:
        if any(
            (folder / part).exists() for part in ("scenarios", "overrides", "encyclopedia.toml")
        ):
            found.append(folder)  # a single mod, named by the player: taken as given
        else:
            found.extend(_plain_folders(folder))
    return found


def _plain_folders(folder: Path) -> list[Path]:
    """The folders in ``folder``, by name, leaving out symlinks (see :func:`linked`)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())


def linked(extra: tuple[Path, ...] = ()) -> list[Path]:
    """Symlinks where mods are read, each left out: a mod folder among the mods, or a
    ``scenarios`` or ``overrides`` folder, a scenario folder or an override inside a mod
    (a linked ``encyclopedia.toml`` is named by the encyclopedia). A mod is read from its
    own files only."""
    from_env = os.environ.get(MODS_VARIABLE, "")
    folders = [user_mods_dir(), *extra, *(Path(p) for p in from_env.split(os.pathsep) if p)]
    out = [p for f in folders if f.is_dir() for p in sorted(f.iterdir()) if p.is_symlink()]
    for mod in mod_folders(extra):
        for part in ("scenarios", "overrides"):
            if (mod / part).is_symlink():
                out.append(mod / part)
            elif (mod / part).is_dir():
                out.extend(p for p in sorted((mod / part).iterdir()) if p.is_symlink())
    return out


def discover(shipped: list[Path], extra: tuple[Path, ...] = ()) -> dict[str, ScenarioSource]:
    """Every scenario by id: shipped folders, then what each mod adds or overrides.

    A mod's scenario never replaces one of the same id (see :func:`taken_ids`): a mod
    changes a scenario with an override instead.
    """
    sources = {p.name: ScenarioSource(p.name, p / "scenario.toml") for p in shipped}
    for mod in mod_folders(extra):
        for folder in _mod_scenarios(mod):
            file = folder / "scenario.toml"
            if file.is_file() and folder.name not in sources:
                sources[folder.name] = ScenarioSource(folder.name, file, (), mod.name)
        for file in _overrides(mod):
            base = sources.get(file.stem)
            if base is not None:
                sources[file.stem] = ScenarioSource(
                    base.id, base.file, (*base.overrides, file), f"{base.origin} + {mod.name}"
                )
    return sources


def _mod_scenarios(mod: Path) -> list[Path]:
    folder = mod / "scenarios"
    return [] if folder.is_symlink() else _plain_folders(folder)


def _overrides(mod: Path) -> list[Path]:
    folder = mod / "overrides"
    if folder.is_symlink() or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if not p.is_symlink())


def taken_ids(shipped: list[Path], extra: tuple[Path, ...] = ()) -> list[tuple[Path, str]]:
    """Mod scenarios left out because their id is taken: (file, whose id it is)."""
    owners = {p.name: "a shipped scenario" for p in shipped}
    out = []
    for mod in mod_folders(extra):
        for folder in _mod_scenarios(mod):
            file = folder / "scenario.toml"
            if not file.is_file():
                continue
            if folder.name in owners:
                out.append((file, owners[folder.name]))
            else:
                owners[folder.name] = f"the mod '{mod.name}'"
    return out


def orphan_overrides(shipped: list[Path], extra: tuple[Path, ...] = ()) -> list[Path]:
    """Override files whose scenario id exists nowhere (a likely typo in the file name)."""
    ids = set(discover(shipped, extra))
    return [f for mod in mod_folders(extra) for f in _overrides(mod) if f.stem not in ids]


def apply_override(merge: Merge, override: dict[str, Any], file: Path, problems: list[str]) -> None:
    """Lay one override file over the merged data, recording which keys it set."""
    deletions = override.pop("delete", [])
    if not isinstance(deletions, list) or not all(isinstance(d, str) for d in deletions):
        problems.append(f"{file}: delete: expected a list of 'section.id' strings")
        deletions = []
    _merge_into(merge, merge.data, override, (), file)
    for item in deletions:
        section, _, item_id = item.partition(".")
        target = merge.data.get(section)
        if isinstance(target, dict) and item_id in target:
            del target[item_id]
        elif isinstance(target, list) and any(
            isinstance(e, dict) and e.get("id") == item_id for e in target
        ):
            merge.data[section] = [
                e for e in target if not (isinstance(e, dict) and e.get("id") == item_id)
            ]
        else:
            problems.append(f"{file}: delete: nothing called '{item}' to delete")


def _merge_into(
    merge: Merge, base: dict[str, Any], over: dict[str, Any], path: tuple[str, ...], file: Path
) -> None:
    for key, value in over.items():
        here = (*path, key)
        current = base.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge_into(merge, current, value, here, file)
        elif isinstance(current, list) and isinstance(value, list) and _keyed(current + value):
            by_id = {e["id"]: i for i, e in enumerate(current)}
            for entry in value:
                if entry["id"] in by_id:
                    index = by_id[entry["id"]]
                    merged = copy.deepcopy(current[index])
                    _merge_into(merge, merged, entry, (*here, str(index)), file)
                    current[index] = merged
                else:
                    current.append(copy.deepcopy(entry))
                    merge.origin[(*here, str(len(current) - 1))] = file
        else:
            base[key] = copy.deepcopy(value)
            merge.origin[here] = file


def _keyed(entries: list[Any]) -> bool:
    return bool(entries) and all(
        isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries
    )
