"""Small compound controls built from pygame_gui elements: a number spinner and
toggle buttons. They keep no game state; they report values through callbacks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

if TYPE_CHECKING:
    from game.ui.scenes import Scene

SPIN_BUTTON_W = 26


def nice_step(maximum: int) -> int:
    """The +/- step: about a twentieth of the range, rounded to 1, 2, 5, 10, 20, ..."""
    target = max(1, maximum // 20)
    step = 1
    for base in (1, 2, 5, 10, 20, 50, 100):
        if base <= target:
            step = base
    return step


class Spinner:
    """``[−] [ n ] [+]``: a whole number from 0 to ``maximum``, typed or stepped."""

    def __init__(
        self,
        scene: Scene,
        rect: pygame.Rect,
        value: int,
        maximum: int,
        on_change: Callable[[int], None],
        *,
        tooltip: str,
        container: pygame_gui.core.IContainerLikeInterface | None = None,
    ) -> None:
        self.maximum = max(0, maximum)
        self.value = max(0, min(value, self.maximum)) if self.maximum else max(0, value)
        self.on_change = on_change
        self.step = nice_step(self.maximum)
        bw = SPIN_BUTTON_W
        self.minus = scene.button(
            pygame.Rect(rect.x, rect.y, bw, rect.h),
            "−",
            lambda: self.set(self.value - self.step),
            tooltip=f"{tooltip} (−{self.step})",
            object_id="@spin",
            container=container,
        )
        self.entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(rect.x + bw + 2, rect.y, rect.w - 2 * bw - 4, rect.h),
            scene.manager,
            container=container,
            object_id=pygame_gui.core.ObjectID(class_id="@number"),
        )
        self.entry.set_allowed_characters("numbers")
        self.entry.set_text_length_limit(4)
        self.entry.set_text(str(self.value))
        self.entry.set_tooltip(f"{tooltip}. Type a number (at most {self.maximum}).")
        self.plus = scene.button(
            pygame.Rect(rect.right - bw, rect.y, bw, rect.h),
            "+",
            lambda: self.set(self.value + self.step),
            tooltip=f"{tooltip} (+{self.step})",
            object_id="@spin",
            container=container,
        )
        if self.maximum == 0 and self.value == 0:
            self.disable()

    def disable(self) -> None:
        for element in (self.minus, self.entry, self.plus):
            element.disable()

    def set(self, value: int, notify: bool = True) -> None:
        value = max(0, min(value, self.maximum))
        if str(value) != self.entry.get_text():
            self.entry.set_text(str(value))
        if value != self.value:
            self.value = value
            if notify:
                self.on_change(value)

    def handle(self, event: pygame.event.Event) -> bool:
        """Typed numbers: taken as they are typed, capped at the maximum."""
        if getattr(event, "ui_element", None) is not self.entry:
            return False
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            text = self.entry.get_text()
            value = int(text) if text.isdigit() else 0
            if value > self.maximum:
                self.set(self.maximum)
            elif value != self.value:
                self.value = value
                self.on_change(value)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.set(self.value)
            return True
        return False


class Button(pygame_gui.elements.UIButton):
    """Every button of the game. Shown pressed (selected), it is a toggle that is on:
    pygame_gui's buttons stop answering the pointer while selected, which would hide
    the tooltip of every toggle that was on; this one keeps its hover (and tooltip) and
    keeps looking pressed under the pointer."""

    def can_hover(self) -> bool:
        return self.is_enabled and not self.held

    def on_hovered(self) -> None:
        super().on_hovered()
        if self.is_selected and self.drawable_shape is not None:
            self.drawable_shape.set_active_state("selected")


def toggle_style(button: pygame_gui.elements.UIButton, on: bool) -> None:
    """Show a toggle button as pressed (selected) or not."""
    if on:
        button.select()
    else:
        button.unselect()
