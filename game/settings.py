"""The player's settings, kept between runs in ``<data home>/settings.json``.

A missing file gives the defaults. A file that is not JSON, or holds a value out of
range, is never fatal: the defaults are used for what cannot be read, the problem is
reported in plain words, and the bad file is left untouched until the player saves
new settings over it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.data.mods import user_data_dir
from game.save.storage import atomic_write

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024
UI_SCALES = (100, 125, 150, 175, 200)
# A window smaller than the layouts' 1280x720 is never opened; larger than any display
# made (8K is 7680 wide) is a damaged file, and asking SDL for it could fail outright.
WINDOW_MIN = (1280, 720)
WINDOW_MAX = 16384


class Settings(BaseModel):
    """Everything the player can set; every field has a safe default."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    window_size: tuple[int, int] | None = None  # None: chosen from the desktop
    fullscreen: bool = False
    ui_scale: int = Field(default=100, ge=100, le=200)  # percent
    colour_blind: bool = False
    volume: int = Field(default=70, ge=0, le=100)  # percent; 0 is silent
    default_difficulty: Literal["easy", "normal", "hard"] = "normal"
    hangul_names: bool = False  # place names also in Hangul on the map
    place_names: bool = True  # label the major places on the map
    tutorial_done: bool = False

    @field_validator("ui_scale")
    @classmethod
    def _a_scale_on_offer(cls, percent: int) -> int:
        if percent not in UI_SCALES:  # the Settings screen shows only these steps
            raise ValueError(f"must be one of {', '.join(map(str, UI_SCALES))}")
        return percent

    @field_validator("window_size")
    @classmethod
    def _window_fits_a_display(cls, size: tuple[int, int] | None) -> tuple[int, int] | None:
        if size is not None and not all(
            low <= side <= WINDOW_MAX for side, low in zip(size, WINDOW_MIN, strict=True)
        ):
            raise ValueError(f"must be from 1280×720 to {WINDOW_MAX}×{WINDOW_MAX} pixels")
        return size


def settings_path() -> Path:
    return user_data_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and a problem to tell the player (None when all is well)."""
    path = path or settings_path()
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            return Settings(), f"{path.name} is too large; the defaults are used"
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Settings(), f"{path.name} could not be read ({exc}); the defaults are used"
    if not isinstance(raw, dict):
        return Settings(), f"{path.name} is not a settings object; the defaults are used"
    try:
        return Settings.model_validate(raw), None
    except ValidationError as exc:
        # Keep every value that is valid on its own, drop the rest.
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        kept = {key: value for key, value in raw.items() if key not in bad}
        try:
            settings = Settings.model_validate(kept)
        except ValidationError:
            settings = Settings()
        names = ", ".join(sorted(bad)) or "the file"
        return settings, f"{path.name}: {names} could not be used; the defaults stand for them"


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings.model_dump(mode="json"), indent=2, sort_keys=True)
    atomic_write(path, (text + "\n").encode("utf-8"))
    return path
