"""The sprite set: ``assets/sprites/<name>.png``, drawn by ``tools/make_sprites.py``.

A scenario's own ``sprites/<name>.png`` replaces the game's picture of the same name.
Pictures are drawn for the largest interface scale and scaled down smoothly, once per
size. A missing or broken file never stops the game: it is named once on the console and
a plain marker stands in for it.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pygame

from game.content import content_dir
from game.core.model import PoolDef, Role
from game.sprite_names import AIRCRAFT, MARKERS, SPRITE_NAMES

__all__ = ["AIRCRAFT", "MARKERS", "SPRITE_NAMES", "aircraft_sprite", "aircraft_sprites", "sprite"]

SPRITE_PX = 128  # the side of every sprite the game ships

# The aircraft a pool's type names, by the words of its ``aircraft`` line (first found
# wins), and by its role where the line names none the set has.
AIRCRAFT_WORDS = (
    ("F-84", "f84"),
    ("F-86", "f86"),
    ("B-29", "b29"),
    ("Skyraider", "ad"),
    ("AD ", "ad"),
    ("F9F", "f9f"),
    ("Panther", "f9f"),
    ("B-26", "b26"),
    ("Invader", "b26"),
    ("MiG", "mig15"),
    ("F-80", "f84"),  # the F-84's straight-winged elder: the nearest silhouette
)
AIRCRAFT_BY_ROLE = {
    Role.FIGHTER_BOMBER: "f84",
    Role.INTERCEPTOR: "f86",
    Role.MEDIUM_BOMBER: "b29",
    Role.LIGHT_BOMBER: "b26",
    Role.NAVY: "ad",
    Role.RECON: "f84",
}

problems: list[str] = []  # what was named on the console, for the tests


def sprites_dir() -> Path:
    return content_dir("assets") / "sprites"


def aircraft_sprites(pool: PoolDef) -> tuple[str, ...]:
    """The sprite names for a pool's aircraft, in the order its line names the types
    (a mixed pool flies a mixed formation); its role's type when it names none."""
    text = f"{pool.aircraft} "
    found = sorted((text.find(word), name) for word, name in AIRCRAFT_WORDS if word in text)
    names = tuple(dict.fromkeys(name for _, name in found))
    return names or (AIRCRAFT_BY_ROLE.get(pool.role, "f84"),)


def aircraft_sprite(pool: PoolDef) -> str:
    """The sprite for a pool's aircraft: the type its line names first."""
    return aircraft_sprites(pool)[0]


def sprite_path(name: str, overrides: Mapping[str, str] | None = None) -> str:
    """The file for ``name``: a scenario's own if it has one, else the game's."""
    if overrides and name in overrides:
        return overrides[name]
    return str(sprites_dir() / f"{name}.png")


def sprite(name: str, side: int, overrides: Mapping[str, str] | None = None) -> pygame.Surface:
    """``name``'s picture fitted in a ``side``-pixel square, kept for the next frame."""
    return _scaled(name, max(1, side), sprite_path(name, overrides))


@cache
def _scaled(name: str, side: int, path: str) -> pygame.Surface:
    picture = _picture(name, path)
    w, h = picture.get_size()
    k = side / max(w, h)
    size = (max(1, round(w * k)), max(1, round(h * k)))
    return pygame.transform.smoothscale(picture, size) if size != (w, h) else picture


@cache
def _picture(name: str, path: str) -> pygame.Surface:
    """The file's picture; failing that the game's own, failing that a plain marker."""
    try:
        picture = pygame.image.load(path)
    except (pygame.error, OSError, ValueError) as exc:
        _tell(f"sprite '{name}': cannot read {path} ({exc})")
    else:
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            return picture.convert_alpha()
        deep = pygame.Surface(picture.get_size(), pygame.SRCALPHA)  # smoothscale needs 32 bits
        deep.blit(picture, (0, 0))
        return deep
    own = str(sprites_dir() / f"{name}.png")
    if path != own:
        _tell(f"sprite '{name}': using the game's own picture instead")
        return _picture(name, own)
    _tell(f"sprite '{name}': drawing a plain marker instead")
    return placeholder()


def _tell(message: str) -> None:
    problems.append(message)
    print(f"air-pressure: {message}", file=sys.stderr)


def placeholder() -> pygame.Surface:
    """A grey disc with a dark rim: where a picture could not be read."""
    surf = pygame.Surface((SPRITE_PX, SPRITE_PX), pygame.SRCALPHA)
    c = SPRITE_PX // 2
    pygame.draw.circle(surf, (28, 24, 22), (c, c), c - 8)
    pygame.draw.circle(surf, (190, 186, 176), (c, c), c - 16)
    return surf


def forget_sprites() -> None:
    """Drop the loaded pictures: the next scenario may bring its own."""
    _scaled.cache_clear()
    _picture.cache_clear()
