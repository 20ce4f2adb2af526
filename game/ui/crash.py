"""The last resort: an error nothing else caught is written to a log, the game in
progress is autosaved, and the player is told what happened and where the details are,
with a way back to the title screen instead of a closed window."""

from __future__ import annotations

import html
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game import __version__
from game.save import autosave, data_home
from game.ui.scenes import Scene

if TYPE_CHECKING:
    from game.ui.app import App

LOG_NAME = "crash.log"
MAX_LOG_BYTES = 1_000_000  # older reports give way to new ones


def log_path() -> Path:
    return data_home() / "logs" / LOG_NAME


def write_crash_log(exc: BaseException) -> Path | None:
    """Append the error and its traceback to the log; None when it cannot be written."""
    path = log_path()
    report = "".join(traceback.format_exception(exc))
    when = datetime.now(UTC).isoformat(timespec="seconds")
    text = f"--- {when} air-pressure {__version__}\n{report}\n"
    print(text, file=sys.stderr)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size > MAX_LOG_BYTES:
            path.unlink()
        with path.open("a", encoding="utf-8") as f:
            f.write(text)
    except OSError:
        return None
    return path


def rescue_autosave(app: App) -> Path | None:
    """An autosave of the game in progress, if there is one and it can be written."""
    for scene in reversed(app.stack.scenes):
        record = getattr(getattr(scene, "session", None), "record", None)
        if record is not None:
            try:
                return autosave(record)
            except Exception:  # the game may be what failed; the log has the first error
                return None
    return None


class CrashScene(Scene):
    """What went wrong, where the details are, and the way back to the title."""

    name = "crash"

    def __init__(
        self, app: App, error: BaseException, log: Path | None, saved: Path | None
    ) -> None:
        self.error, self.log, self.saved = error, log, saved
        super().__init__(app)

    def message(self) -> str:
        what = f"{type(self.error).__name__}: {self.error}"[:300]
        if self.saved is not None:
            kept = f"Your game was autosaved as '{self.saved.stem}' (Load game lists it)."
        else:
            kept = "There was no game in progress to save, or it could not be saved."
        where = f"The details are in {self.log}." if self.log else "No log could be written."
        return f"{what}\n\n{kept}\n{where}"

    def build(self) -> None:
        w, h = self.size
        rect = pygame.Rect(0, 0, min(900, w - 80), min(420, h - 80))
        rect.center = (w // 2, h // 2)
        pygame_gui.elements.UILabel(
            pygame.Rect(rect.x, rect.y, rect.w, 40),
            "Something went wrong",
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@heading"),
        )
        self.text = pygame_gui.elements.UITextBox(
            html.escape(self.message()).replace("\n", "<br>"),
            pygame.Rect(rect.x, rect.y + 50, rect.w, rect.h - 120),
            self.manager,
        )
        self.title_button = self.button(
            pygame.Rect(rect.x, rect.bottom - 50, 220, 46),
            "Back to the title",
            self.app.to_title,
            tooltip="Leave for the title screen; Load game continues from the autosave",
            object_id="@primary",
        )
        self.quit_button = self.button(
            pygame.Rect(rect.x + 240, rect.bottom - 50, 160, 46),
            "Quit",
            self.app.quit,
            tooltip="Close the game",
        )
