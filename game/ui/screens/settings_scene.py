"""The Settings screen, from the title and the Esc menu: window, scale, colours, sound,
the default difficulty and the map's labels. Changes wait for Apply, which keeps them
for the next runs too; Back (Esc) leaves without applying."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.settings import UI_SCALES, Settings
from game.ui.kit.style import MIN_SIZE
from game.ui.kit.ui_scale import desktop_size, effective_scale, scale_note
from game.ui.kit.widgets import toggle_style
from game.ui.kit.words import esc
from game.ui.scenes import OverlayScene, Scene

if TYPE_CHECKING:
    from game.ui.app import App

Size = tuple[int, int]
WINDOW_SIZES: tuple[Size, ...] = (
    (1280, 720),
    (1366, 768),
    (1600, 900),
    (1920, 1080),
    (2560, 1440),
    (3200, 1800),
    (3840, 2160),
)
AUTOMATIC = "auto"
DIFFICULTIES = ("easy", "normal", "hard")
ROW_H = 50
LABEL_W = 250
PREVIEW_GAP_S = 0.25  # the volume slider plays a sample at most this often


def window_sizes(desktop: Size | None, saved: Size | None = None) -> list[Size]:
    """The window sizes offered: those the desktop holds (always 1280×720), and the
    saved one if it is not among them."""
    sizes = [
        s for s in WINDOW_SIZES if desktop is None or (s[0] <= desktop[0] and s[1] <= desktop[1])
    ]
    sizes = sizes or [MIN_SIZE]
    if saved is not None and saved not in sizes:
        sizes.append(saved)
    return sorted(set(sizes))


def size_text(size: Size) -> str:
    return f"{size[0]}×{size[1]}"


class SettingsScene(OverlayScene):
    name = "settings"

    def __init__(self, app: App, below: Scene) -> None:
        self.pending: Settings = app.settings
        self.message = ""
        self.fullscreen_seen = app.fullscreen
        self.last_preview = 0.0
        super().__init__(app, below)

    _content_h = 0  # measured by the last build: the panel fits its rows

    def panel_rect(self, max_w: int = 800) -> pygame.Rect:
        w, h = self.size
        tall = self._content_h or (624 if self.app.settings_problem else 600)
        rect = pygame.Rect(0, 0, min(max_w, w - 80), min(tall, h - 40))
        rect.center = (w // 2, h // 2)
        return rect

    # -- layout
    def build(self) -> None:
        rect = self.panel_rect()
        self.toggles: dict[str, pygame_gui.elements.UIButton] = {}
        pygame_gui.elements.UILabel(
            pygame.Rect(rect.x + 30, rect.y + 16, 300, 36),
            "Settings",
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@heading"),
        )
        problem = self.app.settings_problem
        self.problem_box: pygame_gui.elements.UITextBox | None = None
        if problem:
            self.problem_box = pygame_gui.elements.UITextBox(
                f"<font color='#d98a72'>{esc(problem)}</font>",
                pygame.Rect(rect.x + 22, rect.y + 50, rect.w - 44, 54),
                self.manager,
                object_id=pygame_gui.core.ObjectID(class_id="@plain"),
            )
        self.x = rect.x + 30 + LABEL_W
        self.y = rect.y + (106 if problem else 82)
        self._window_row()
        self._scale_row()
        self._switch_row(
            "colour_blind",
            "Colour-blind palette",
            "Map overlays, damage, gauges and charts in colours told apart with red-green "
            "colour blindness (Okabe–Ito)",
        )
        self._volume_row()
        self._choice_row(
            "default_difficulty",
            "Default difficulty",
            [(d, d.capitalize()) for d in DIFFICULTIES],
            "The difficulty a new game starts with; the scenario choice can still change it",
        )
        self._switch_row(
            "place_names", "Place names on the map", "Label the major cities and rivers on the map"
        )
        self._switch_row(
            "hangul_names",
            "Names also in Hangul",
            "Place names on the map also in Korean script, beside the English",
        )
        bw, bh = 170, 46
        needed = self.y - rect.y + 24 + bh + 20
        if needed != self._content_h:  # once: lay the rows out again in a fitting panel
            self._content_h = needed
            self.manager.clear_and_reset()
            self._buttons.clear()
            self.build()
            return
        bottom = rect.bottom - 20 - bh
        self.apply_button = self.button(
            pygame.Rect(rect.right - 30 - bw, bottom, bw, bh),
            "Apply",
            self.apply,
            tooltip="Use these settings now and keep them for the next games (Enter)",
            object_id="@primary",
        )
        self.back_button = self.button(
            pygame.Rect(rect.right - 30 - 2 * bw - 14, bottom, bw, bh),
            "Back",
            self.app.pop,
            tooltip="Leave the settings; changes not applied are dropped (Esc)",
        )
        self.message_label = pygame_gui.elements.UILabel(
            pygame.Rect(rect.x + 30, bottom + 8, rect.w - 2 * bw - 100, 30),
            self.message,
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@caption"),
        )
        self._sync()

    def _label(self, text: str, tip: str) -> None:
        label = pygame_gui.elements.UILabel(
            pygame.Rect(self.x - LABEL_W, self.y + 8, LABEL_W - 10, 30), text, self.manager
        )
        label.set_tooltip(tip)

    def _caption(self, rect: pygame.Rect, text: str) -> pygame_gui.elements.UILabel:
        return pygame_gui.elements.UILabel(
            rect, text, self.manager, object_id=pygame_gui.core.ObjectID(class_id="@caption")
        )

    def _window_row(self) -> None:
        tip = "The window's size when the game is not full screen"
        self._label("Window size", tip)
        saved = self.pending.window_size
        sizes = window_sizes(desktop_size(), saved)
        options: list[str | tuple[str, str]] = [("Automatic (fits the desktop)", AUTOMATIC)]
        options += [(size_text(s), size_text(s)) for s in sizes]
        start = options[0] if saved is None else (size_text(saved), size_text(saved))
        self.size_menu = pygame_gui.elements.UIDropDownMenu(
            options,
            start,
            pygame.Rect(self.x, self.y + 4, 270, 38),
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@target_menu"),
            expand_on_option_click=True,
        )
        self.size_menu.set_tooltip(tip)
        self.sizes = {size_text(s): s for s in sizes}
        self.fullscreen_button = self._toggle(
            "fullscreen",
            pygame.Rect(self.x + 290, self.y + 4, 170, 38),
            "Full screen",
            "Fill the whole screen (F11 switches at any time and is remembered)",
            partial(self._flip, "fullscreen"),
        )
        self.y += ROW_H

    def _scale_row(self) -> None:
        tip = "Make text, controls and map labels larger; big scales need a big window"
        self._label("Interface scale", tip)
        bw = 78
        for i, pct in enumerate(UI_SCALES):
            self._toggle(
                f"scale{pct}",
                pygame.Rect(self.x + i * (bw + 6), self.y + 4, bw, 38),
                f"{pct}%",
                f"Interface at {pct}% (needs a window of at least "
                f"{MIN_SIZE[0] * pct // 100}×{MIN_SIZE[1] * pct // 100})",
                partial(self._set_field, "ui_scale", pct),
            )
        self.y += ROW_H - 6
        self.scale_label = self._caption(pygame.Rect(self.x, self.y, 440, 24), "")
        self.scale_label.set_tooltip(
            "The interface never shrinks below 1280×720 points: in a smaller window the "
            "largest scale that fits is used"
        )
        self.y += 30

    def _switch_row(self, field: str, text: str, tip: str) -> None:
        self._label(text, tip)
        self._toggle(
            field,
            pygame.Rect(self.x, self.y + 4, 120, 38),
            "",
            tip,
            partial(self._flip, field),
        )
        self.y += ROW_H

    def _choice_row(self, field: str, text: str, choices: list[tuple[str, str]], tip: str) -> None:
        self._label(text, tip)
        bw = 120
        for i, (value, label) in enumerate(choices):
            self._toggle(
                f"{field}:{value}",
                pygame.Rect(self.x + i * (bw + 6), self.y + 4, bw, 38),
                label,
                f"{tip}: {label.lower()}",
                partial(self._set_field, field, value),
            )
        self.y += ROW_H

    def _volume_row(self) -> None:
        tip = "Loudness of the sound effects; 0 is silent"
        self._label("Sound volume", tip)
        self.volume_slider = pygame_gui.elements.UIHorizontalSlider(
            pygame.Rect(self.x, self.y + 8, 300, 30),
            self.pending.volume,
            (0, 100),
            self.manager,
            click_increment=5,
        )
        self.volume_slider.set_tooltip(tip)
        self.volume_label = pygame_gui.elements.UILabel(
            pygame.Rect(self.x + 312, self.y + 8, 120, 30), "", self.manager
        )
        self.volume_label.set_tooltip(tip)
        self.y += ROW_H

    def _toggle(
        self, key: str, rect: pygame.Rect, text: str, tip: str, action: Callable[[], None]
    ) -> pygame_gui.elements.UIButton:
        b = self.button(rect, text or "Off", action, tooltip=tip, object_id="@toggle")
        self.toggles[key] = b
        return b

    # -- state
    def _flip(self, field: str) -> None:
        self._set_field(field, not getattr(self.pending, field))

    def _set_field(self, field: str, value: object) -> None:
        self._set(**{field: value})

    def _set(self, **changes: object) -> None:
        self.pending = self.pending.model_copy(update=changes)
        self.message = "Not applied yet" if self.pending != self.app.settings else ""
        self._sync()

    def _sync(self) -> None:
        """Show ``pending`` on the controls."""
        p = self.pending
        for key, b in self.toggles.items():
            if key.startswith("scale"):
                on = int(key[5:]) == p.ui_scale
            elif ":" in key:
                field, value = key.split(":")
                on = getattr(p, field) == value
            else:
                on = bool(getattr(p, key))
                if key != "fullscreen":
                    b.set_text("On" if on else "Off")
            toggle_style(b, on)
        window = self.app.window.get_size()
        used = effective_scale(window, p.ui_scale)
        note = scale_note(window, p.ui_scale)
        self.scale_label.set_text(note or f"{used}% in use")
        self.volume_label.set_text("Silent" if p.volume == 0 else f"{p.volume}%")
        self.message_label.set_text(self.message)
        self.app.dirty = True

    def update(self, dt: float) -> bool:
        if self.app.fullscreen != self.fullscreen_seen:  # F11 while the screen is open
            self.fullscreen_seen = self.app.fullscreen
            self._set(fullscreen=self.app.fullscreen)
        return super().update(dt)

    def apply(self) -> None:
        self.app.change_settings(self.pending)
        self.message = self.app.settings_problem or "Applied and saved"
        if self.app.scene is self:  # the scene may have been rebuilt at a new size
            self._sync()

    # -- input
    def on_event(self, event: pygame.event.Event) -> None:
        if (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element is self.size_menu
        ):
            choice = str(getattr(event, "selected_option_id", event.text))
            self._set(window_size=self.sizes.get(choice))
        elif (
            event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED
            and event.ui_element is self.volume_slider
        ):
            self._set(volume=int(event.value))
            now = time.monotonic()
            if now - self.last_preview > PREVIEW_GAP_S:  # hear the new level, not a rattle
                self.last_preview = now
                self.app.sound.play("package_added", self.pending.volume)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.apply()
