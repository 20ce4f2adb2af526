"""Save and load dialogs over the current scene. Slots list only the saves' headers
(scenario, date, turn, when saved); a file the game refuses shows the reason and changes
nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.save import (
    SaveEntry,
    SlotTaken,
    list_saves,
    save_slot,
    slot_path,
)
from game.ui.desk.saving import open_game
from game.ui.kit.style import font
from game.ui.kit.words import short_date
from game.ui.scenes import OverlayScene, Scene
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App


LIST_ITEM_H = 30  # the slot list's rows ("@packages" in the theme)
LIST_FONT = 14  # their text, and its padding from the row's left edge
LIST_TEXT_PAD = 10
SCROLLBAR_W = 24
ERROR_H = 40  # the line under the list that says why a save or load failed
CHROME_H = 60 + ERROR_H + 48 + 20  # heading, error line and buttons around the list


def _when(saved_at: datetime) -> str:
    return saved_at.astimezone().strftime("%d %b %Y %H:%M")


def slot_text(entry: SaveEntry, fits: Callable[[str], bool] = lambda _: True) -> str:
    """One line of the slot list, from the header alone; ``fits`` says whether a line
    fits the row. A long save name, then the scenario's name, give way (with "…") so the
    date, turn and time saved always show."""
    name = entry.path.stem
    h = entry.header
    if h is None:
        reason = str(entry.error) if entry.error is not None else "unreadable"
        return _shortened(f"{name} — cannot be loaded: {reason.split(': ')[-1]}", fits)
    scenario = h.scenario_name or h.scenario
    ended = "" if h.outcome == "ongoing" else " · ended"
    tail = f" · {short_date(h.date)} · turn {h.turn}{ended} · saved {_when(h.saved_at)}"
    while True:
        line = f"{name} — {scenario}{tail}"
        if fits(line):
            return line
        if len(name) > 12:
            name = name[: max(12, len(name) - 4)].rstrip() + "…"
        elif len(scenario) > 12:
            scenario = scenario[: max(12, len(scenario) - 4)].rstrip() + "…"
        else:
            return _shortened(line, fits)


def _shortened(line: str, fits: Callable[[str], bool]) -> str:
    while len(line) > 4 and not fits(line):
        line = line[:-2].rstrip() + "…"
    return line


def default_slot_name(session: GameSession) -> str:
    """The scenario's title and the game's date, e.g. "The Suiho Raids - 24 Jun 1952".

    The title's period ("..., June 1952") gives way to the date; a colon, which a file
    name cannot hold, becomes a dash.
    """
    title = session.rules.name.rsplit(", ", 1)[0].replace(": ", " - ")
    return f"{title} - {short_date(session.state.day)}"


class _SlotDialog(OverlayScene):
    """The list of saves; subclasses add the action."""

    title = ""

    def __init__(self, app: App, below: Scene) -> None:
        self.entries: list[SaveEntry] = list_saves()
        self.error = ""
        super().__init__(app, below)

    def panel_rect(self, max_w: int = 860) -> pygame.Rect:
        w, h = self.size
        # As tall as the saves listed need (a few rows at least), up to the window's room.
        rows = min(max(len(self.entries), 4), 12)
        tall = rows * LIST_ITEM_H + 8 + CHROME_H
        rect = pygame.Rect(0, 0, min(max_w, w - 120), min(tall, h - 80))
        rect.center = (w // 2, h // 2)
        return rect

    def build(self) -> None:
        rect = self.panel_rect()
        x, w = rect.x + 24, rect.w - 48
        pygame_gui.elements.UILabel(
            pygame.Rect(x, rect.y + 16, w, 36),
            self.title,
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@heading"),
        )
        self.bottom = rect.bottom - 20
        list_top = rect.y + 60
        list_h = self.bottom - 48 - ERROR_H - list_top
        row_font = font(LIST_FONT)
        room = w - 2 * LIST_TEXT_PAD - SCROLLBAR_W  # the row's text, clear of the scroll bar

        def fits(line: str) -> bool:
            return row_font.size(line)[0] <= room

        items: list[str | tuple[str, str]] = [
            (slot_text(e, fits), str(i)) for i, e in enumerate(self.entries)
        ]
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(x, list_top, w, list_h),
            items,
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@packages"),
        )
        self.list.set_tooltip("Saved games, newest first: name, scenario, date, turn, when saved")
        if not items:
            pygame_gui.elements.UILabel(
                pygame.Rect(x + 12, list_top + 10, w - 24, 24),
                "No saved games yet.",
                self.manager,
                object_id=pygame_gui.core.ObjectID(class_id="@muted"),
            )
        self.error_label = pygame_gui.elements.UILabel(
            pygame.Rect(x, list_top + list_h + 6, w, 24),
            self.error,
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@error"),
        )
        self.cancel_button = self.button(
            pygame.Rect(rect.right - 24 - 150, self.bottom - 44, 150, 44),
            "Cancel",
            self.app.pop,
            tooltip="Close without changing anything (Esc)",
        )
        self.build_action(rect)

    def build_action(self, rect: pygame.Rect) -> None:
        raise NotImplementedError

    def selected(self) -> SaveEntry | None:
        picked = self.list.get_single_selection(include_object_id=True)
        if isinstance(picked, tuple):
            return self.entries[int(picked[1])]
        return None

    def show_error(self, text: str, hint: str = "") -> None:
        """The line under the list; the hint (what to do) too where it fits, and always
        in the line's tooltip."""
        whole = f"{text.rstrip('.')}: {hint}." if hint else text
        fits = font(LIST_FONT).size(whole)[0] <= self.error_label.rect.w - 2 * LIST_TEXT_PAD
        self.error = whole if fits else text
        self.error_label.set_text(self.error)
        self.error_label.set_tooltip(whole)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()


class SaveDialog(_SlotDialog):
    name = "save"
    title = "Save game"
    _replace_confirm: Path | None = None  # the save the player was asked about

    def __init__(self, app: App, below: Scene, session: GameSession) -> None:
        self.session = session
        super().__init__(app, below)

    def build_action(self, rect: pygame.Rect) -> None:
        x, w = rect.x + 24, rect.w - 48
        default = default_slot_name(self.session)
        self.name_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x, self.bottom - 44, w - 150 - 150 - 24, 40), self.manager
        )
        self.name_entry.set_text_length_limit(60)
        self.name_entry.set_text(default)
        self.name_entry.set_tooltip(
            "The slot's name; pick a slot in the list to overwrite it. Enter saves."
        )
        # Typing goes to the name at once and replaces the suggested one; Enter saves.
        self.manager.set_focus_set(self.name_entry)
        self.name_entry.select_range = [0, len(default)]
        self.name_entry.edit_position = len(default)
        self.save_button = self.button(
            pygame.Rect(rect.right - 24 - 150 - 12 - 150, self.bottom - 44, 150, 44),
            "Save",
            self.save,
            tooltip="Write the game to this slot (replacing a save asks first)",
            object_id="@primary",
        )

    def save(self) -> None:
        name = self.name_entry.get_text().strip()
        if not name:
            self.show_error("Give the save a name.")
            return
        # Another save in the way is replaced on a second press, never in silence.
        replace = self._replace_confirm == slot_path(name)
        try:
            path = save_slot(name, self.session.record, replace=replace)
        except SlotTaken as exc:
            self._replace_confirm = exc.path
            self.show_error(f"{exc.sentence}: press Save again to replace it.")
            return
        except OSError as exc:
            self.show_error(f"Could not save: {exc.strerror or exc}")
            return
        below = self.below
        while self.app.scene is not below and len(self.app.stack) > 1:
            self.app.pop()  # the dialog, and the Esc menu it was opened from
        if hasattr(below, "say"):
            below.say(f"Saved as '{path.stem}'.")

    def on_event(self, event: pygame.event.Event) -> None:
        if (
            event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
            and event.ui_element is self.list
        ):
            entry = self.selected()
            if entry is not None:  # picking a slot in the list is choosing to replace it
                self.name_entry.set_text(entry.path.stem)
                self._replace_confirm = entry.path
        elif (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.name_entry
        ):
            self.save()
        else:
            super().on_event(event)


class LoadDialog(_SlotDialog):
    name = "load"
    title = "Load game"
    _changed_confirm: Path | None = None  # the save the player was warned about

    def build_action(self, rect: pygame.Rect) -> None:
        self.load_button = self.button(
            pygame.Rect(rect.right - 24 - 150 - 12 - 150, self.bottom - 44, 150, 44),
            "Load",
            self.load,
            tooltip="Continue the selected game (the game in progress is left as it is "
            "unless you saved it)",
            object_id="@primary",
            enabled=bool(self.entries),  # with nothing to pick it could only scold
        )

    def load(self) -> None:
        entry = self.selected()
        if entry is None:
            self.show_error("Choose a saved game in the list.")
            return
        if entry.error is not None:
            why = entry.error.detail.split(": ")[-1]
            self.show_error(f"Cannot load {entry.path.name}: {why}", entry.error.hint)
            return
        # A game from an older version of its scenario loads on a second press.
        again = self._changed_confirm == entry.path
        refusal = open_game(self.app, entry.path, allow_changed=again)
        changed = refusal is not None and refusal.scenario_changed
        self._changed_confirm = entry.path if changed else None
        if refusal is not None:
            hint = " Press Load again to play it on by the new rules." if changed else ""
            self.show_error(refusal.message + hint, refusal.hint)

    def on_event(self, event: pygame.event.Event) -> None:
        if (
            event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION
            and event.ui_element is self.list
        ):
            self.load()
        else:
            super().on_event(event)
