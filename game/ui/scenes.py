"""The scene stack: the title, scenario choice, planning and report screens sit on it.

Rules every scene keeps: ``draw()`` changes no game state; input becomes orders only
through the session (``game.ui.session``), which calls ``run_turn``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.ui.kit.gui_theme import SharedThemeManager
from game.ui.kit.style import THEME_PATH, preload_fonts
from game.ui.kit.ui_scale import match_manager
from game.ui.kit.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App


class Scene:
    """One screen. Each scene owns its own pygame_gui manager."""

    name = "scene"
    opaque = False  # True for a scene that paints every pixel: the app skips the clear

    def __init__(self, app: App) -> None:
        self.app = app
        self.size = app.size
        self.manager = SharedThemeManager(
            self.size, str(THEME_PATH), enable_live_theme_updates=False
        )
        with warnings.catch_warnings():  # some of these the theme has loaded already
            warnings.simplefilter("ignore", UserWarning)
            self.manager.preload_fonts(preload_fonts())
        self._buttons: dict[pygame_gui.core.UIElement, Callable[[], None]] = {}
        self.build()

    # -- layout
    def build(self) -> None:
        """Create the widgets for ``self.size``; called again after every resize."""

    def resize(self, size: tuple[int, int]) -> None:
        self.size = size
        self.manager.set_window_resolution(size)
        self.manager.clear_and_reset()
        self._buttons.clear()
        self.build()

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Callable[[], None],
        *,
        tooltip: str | None = None,
        object_id: str | None = None,
        enabled: bool = True,
        container: pygame_gui.core.IContainerLikeInterface | None = None,
    ) -> pygame_gui.elements.UIButton:
        """A button wired to ``action`` through a table, not an if/elif chain."""
        b = Button(
            rect,
            text,
            self.manager,
            container=container,
            tool_tip_text=tooltip,
            object_id=pygame_gui.core.ObjectID(class_id=object_id) if object_id else None,
        )
        if not enabled:
            b.disable()
        self._buttons[b] = action
        return b

    # -- the loop
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self._buttons:
            self.app.sound.play("click")
            self._buttons[event.ui_element]()
            return
        match_manager(self.manager, self.app.scale)
        self.manager.process_events(event)  # window positions: the manager scales them
        self.on_event(self.app.to_canvas(event))

    def on_event(self, event: pygame.event.Event) -> None:
        """Scene-specific input (keys, mouse on custom drawing)."""

    def update(self, dt: float) -> bool:
        """Advance widgets; return True when the scene needs redrawing without input."""
        match_manager(self.manager, self.app.scale)
        self.manager.update(dt)
        return False

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_scene(surface)
        self.manager.draw_ui(surface)

    def covered(self) -> None:
        """A dialog opens over this scene: its tooltips go, or they show behind the dialog."""
        drop_tooltips(self.manager)

    def draw_scene(self, surface: pygame.Surface) -> None:
        """What the scene draws under its widgets; reads state, never changes it."""

    def make(self, name: str, *args: Any, **kwargs: Any) -> Scene:
        """Another scene, made by name through the app's routes: no scene imports another."""
        return self.app.routes[name](self.app, *args, **kwargs)


class OverlayScene(Scene):
    """A scene drawn over the one below it (dimmed): dialogs, reports and the end panel."""

    def __init__(self, app: App, below: Scene) -> None:
        self.below = below
        super().__init__(app)

    def panel_rect(self, max_w: int = 980) -> pygame.Rect:
        w, h = self.size
        return centred_rect(self.size, min(max_w, w - 120), h - 80)

    def add_close_button(
        self, corner: tuple[int, int], tooltip: str, size: tuple[int, int] = (160, 44)
    ) -> pygame_gui.elements.UIButton:
        """The panel's Close button, its bottom-right corner at ``corner``: back to below."""
        rect = pygame.Rect(0, 0, *size)
        rect.bottomright = corner
        self.close_button = self.button(
            rect, "Close", self.app.pop, tooltip=tooltip, object_id="@primary"
        )
        return self.close_button

    def draw_scene(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        self.below.draw(surface)  # drawing only: the scene below changes nothing
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((12, 15, 18, 170))
        surface.blit(shade, (0, 0))
        rect = self.panel_rect()
        pygame.draw.rect(surface, pal.PANEL, rect, border_radius=6)
        pygame.draw.rect(surface, pal.ACCENT, rect, 1, border_radius=6)


def centred_rect(size: tuple[int, int], width: int, height: int) -> pygame.Rect:
    """A panel of ``width`` by ``height`` in the middle of a window of ``size``."""
    rect = pygame.Rect(0, 0, width, height)
    rect.center = (size[0] // 2, size[1] // 2)
    return rect


def drop_tooltips(manager: pygame_gui.UIManager) -> None:
    for element in manager.get_sprite_group().sprites():
        tip = getattr(element, "tool_tip", None)
        if tip is not None:
            tip.kill()
            setattr(element, "tool_tip", None)  # noqa: B010 (GUISprite does not declare it)


class SceneStack:
    """Push and pop scenes; only the top one gets input and is drawn."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._scenes)

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def push(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes[-1].covered()
        self._scenes.append(scene)

    def pop(self) -> Scene | None:
        return self._scenes.pop() if self._scenes else None

    def replace(self, scene: Scene) -> None:
        self.pop()
        self.push(scene)

    def pop_to_root(self) -> None:
        del self._scenes[1:]

    def resize(self, size: tuple[int, int]) -> None:
        for scene in self._scenes:
            scene.resize(size)

    def names(self) -> list[str]:
        return [s.name for s in self._scenes]
