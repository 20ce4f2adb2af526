"""The window and the game loop: events to the top scene, redraw only when needed."""

from __future__ import annotations

import atexit
import os
import time
import warnings
from typing import TYPE_CHECKING

import pygame

from game.core.geometry import MapGeometry
from game.data.maps import load_map
from game.data.scenario import MAPS_DIR
from game.settings import Settings, load_settings, save_settings
from game.ui.kit import safe_text
from game.ui.kit.native_layer import NativeLayer
from game.ui.kit.palettes import palette_for
from game.ui.kit.style import MIN_SIZE
from game.ui.kit.ui_scale import canvas_size, desktop_size, effective_scale, to_canvas
from game.ui.map.map_cache import MapImages, Terrains
from game.ui.offload import Offload
from game.ui.scene_index import scene_index
from game.ui.scenes import Scene, SceneStack
from game.ui.sound import RATE, SoundBoard

if TYPE_CHECKING:
    from game.ui.screens.tutorial import Tutorial

ACTIVE_FPS = 60
BUSY_FPS = 30  # animating without input (banner, edge scroll): a frame every 33 ms
# Events that change nothing on screen: they must not wake the loop into redrawing.
QUIET_EVENTS = frozenset(
    {
        pygame.ACTIVEEVENT,
        pygame.WINDOWMOVED,
        pygame.WINDOWENTER,
        pygame.WINDOWLEAVE,
        pygame.AUDIODEVICEADDED,
        pygame.AUDIODEVICEREMOVED,
    }
)
# Window events that need one fresh frame, not the animation time that input gets.
REDRAW_ONCE_EVENTS = frozenset(
    {
        pygame.WINDOWSHOWN,
        pygame.WINDOWEXPOSED,
        pygame.WINDOWRESTORED,
        pygame.WINDOWFOCUSGAINED,
        pygame.WINDOWFOCUSLOST,
    }
)
IDLE_WAIT_MS = 1000  # input wakes the idle loop at once; this is only its longest nap
# SDL's own wait for events polls a thousand times a second on most drivers; the idle
# loop looks a hundred times a second instead (input waits at most this long).
IDLE_POLL_S = 0.01
LINGER_S = 1.5  # keep updating this long after input (hover fades, tooltips)


class App:
    """Owns the window and the scene stack; scenes ask it to push, pop or quit."""

    def __init__(
        self,
        size: tuple[int, int] | None = None,
        settings: Settings | None = None,
        worker: Offload | None = None,
        terrains: Terrains | None = None,
    ) -> None:
        """``settings`` given (screenshots, tests) stand for the player's and are never
        saved; the window then opens at ``size``, never full screen. ``worker`` runs the
        turns and forecasts (one shared by several windows, in tests); without it the
        app makes its own, started when a planning desk first needs it. ``terrains``
        likewise: the maps' terrain pictures, which windows may share."""
        self.worker = worker if worker is not None else Offload()
        if worker is None:
            atexit.register(self.worker.close)
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        self._keep_settings = settings is None
        if settings is None:  # a damaged settings file gives the defaults; the title says why
            settings, problem = load_settings()
        else:
            settings, problem = settings.model_copy(update={"fullscreen": False}), None
        self.settings, self.settings_problem = settings, problem
        pygame.mixer.pre_init(RATE, -16, 2, 512)
        pygame.init()
        safe_text.install()
        pygame.display.set_caption("Air Pressure — Korea 1952–53")
        self.palette = palette_for(self.settings.colour_blind)  # scenes draw in it
        if size is None:
            size = _initial_size(self.settings.window_size)
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        self._fullscreen = self.settings.fullscreen  # straight to full screen: no flash
        try:
            mode = ((0, 0), pygame.FULLSCREEN) if self._fullscreen else (size, pygame.RESIZABLE)
            self.window = pygame.display.set_mode(*mode)
        except pygame.error as exc:  # a display that refuses full screen: play in a window
            self._fullscreen = False
            self.settings = self.settings.model_copy(update={"fullscreen": False})
            self.settings_problem = f"Full screen could not be used ({exc}); F11 tries again"
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self._window = find_window()
        self._windowed_size = size
        self._chosen_size = size  # opened at, or picked in Settings; not dragged to
        # Scenes draw on ``screen``, of ``size``: the window itself at 100%, else a
        # smaller canvas stretched to the window by ``scale``.
        self.screen = self.window
        self.size: tuple[int, int] = self.window.get_size()
        self.scale_percent = 100
        self.scale = (1.0, 1.0)
        self.native: NativeLayer | None = None
        self.sound = SoundBoard(self.settings.volume)
        self.clock = pygame.time.Clock()
        self.stack = SceneStack()
        self.maps = MapImages(terrains)
        self._geometry: MapGeometry | None = None
        self.running = True
        self.dirty = True
        self._linger = LINGER_S
        self._busy = False
        self.frames_drawn = 0
        self.tutorial: Tutorial | None = None  # runs beside the scenes when started
        self._fit_canvas()
        self.routes = scene_index()  # scenes open one another through these, by name
        self.push(self.routes["title"](self))

    def korea_geometry(self) -> MapGeometry:
        """The shipped map's geometry, for screens drawn before a scenario is chosen."""
        if self._geometry is None:
            self._geometry = load_map(MAPS_DIR / "korea.tmx")
        return self._geometry

    # -- scene control
    def push(self, scene: Scene) -> None:
        self.stack.push(scene)
        self.dirty = True

    def pop(self) -> None:
        self.stack.pop()
        if len(self.stack) == 0:
            self.running = False
        self.dirty = True

    def replace(self, scene: Scene) -> None:
        self.stack.replace(scene)
        self.dirty = True

    def to_title(self) -> None:
        self.stack.pop_to_root()
        self.dirty = True

    def quit(self) -> None:
        self.running = False

    def change_settings(self, settings: Settings) -> None:
        """Keep new settings for this run and the next ones, and apply what changed."""
        before, self.settings = self.settings, settings
        self.settings_problem = None
        try:
            if self._keep_settings:
                save_settings(settings)
        except OSError as exc:
            self.settings_problem = f"Settings could not be saved: {exc}"
        palette = palette_for(settings.colour_blind)  # the caches are keyed by it
        if palette != self.palette:  # widgets built in the old colours are built again
            self.palette = palette
            self.stack.resize(self.size)
        self.sound.set_volume(settings.volume)
        if settings.window_size != before.window_size:
            self.set_window_size(settings.window_size or _initial_size())
        if settings.fullscreen != self._fullscreen:
            self.set_fullscreen(settings.fullscreen)
        if settings.ui_scale != before.ui_scale:
            self._fit_canvas()
        self.dirty = True

    @property
    def scene(self) -> Scene | None:
        return self.stack.top

    # -- window
    @property
    def fullscreen(self) -> bool:
        return self._fullscreen

    def toggle_fullscreen(self) -> None:
        """F11: full screen or back to the window; the setting remembers it."""
        self.change_settings(self.settings.model_copy(update={"fullscreen": not self._fullscreen}))

    def set_fullscreen(self, on: bool) -> None:
        """The desktop's resolution, or back to the last windowed size."""
        if on == self._fullscreen:
            return
        if on:
            self._windowed_size = self.window.get_size()
            pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)
            self._window = find_window()
        self._fullscreen = on
        self._resized()

    def set_window_size(self, size: tuple[int, int]) -> None:
        """A new windowed size (kept for later when the game is full screen)."""
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        self._windowed_size = self._chosen_size = size
        if not self._fullscreen:
            pygame.display.set_mode(size, pygame.RESIZABLE)
            self._window = find_window()
            self._resized()

    def _resized(self) -> None:
        screen = pygame.display.get_surface()
        if screen is None:
            return
        self.window = screen
        self._fit_canvas()

    def _fit_canvas(self) -> None:
        """The canvas for the window's size and the interface scale it allows."""
        window = self.window.get_size()
        before = self.scale_percent
        self.scale_percent = effective_scale(window, self.settings.ui_scale)
        size = canvas_size(window, self.scale_percent)
        self.scale = (window[0] / size[0], window[1] / size[1])
        # Scaled up, the map is drawn at the window's resolution under a clear canvas.
        grown = size != window and self.scale[0] > 1 and self.scale[1] > 1
        if size == window:
            self.screen = self.window
        elif (
            self.screen is self.window
            or self.screen.get_size() != size
            or (bool(self.screen.get_flags() & pygame.SRCALPHA) != grown)
        ):
            self.screen = (
                pygame.Surface(size, pygame.SRCALPHA)
                if grown
                else pygame.Surface(size, 0, self.window)
            )
        self.native = NativeLayer(self.window, self.screen) if grown else None
        if size != self.size or self.scale_percent != before:  # the same canvas may be
            self.size = size  # stretched by another scale: scenes that show it lay out again
            self.stack.resize(size)
        self.dirty = True

    def to_canvas(self, event: pygame.event.Event) -> pygame.event.Event:
        """A mouse event where it lands on the scaled interface."""
        return to_canvas(event, self.scale)

    # -- the loop
    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._resized()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
        elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED):
            self.dirty = True
        elif self.tutorial is not None and self.tutorial.handle_event(event):
            return  # a click on the tutorial's prompt
        elif self.scene is not None:
            self.scene.handle_event(event)

    def step(self, events: list[pygame.event.Event] | None = None) -> None:
        """One pass of the loop: input, update, and a redraw if anything changed."""
        if events is None:
            events = pygame.event.get()
        for event in events:
            self._dispatch(event)
            if event.type in REDRAW_ONCE_EVENTS:
                self.dirty = True
            elif event.type not in QUIET_EVENTS:
                self.dirty = True
                self._linger = LINGER_S
            if not self.running:
                return
        scene = self.scene
        if scene is None:
            return
        dt = self.clock.tick(ACTIVE_FPS if self._linger > 0 else BUSY_FPS) / 1000.0
        busy = scene.update(dt)
        self._busy = busy
        self._linger = max(0.0, self._linger - dt)
        if self.tutorial is not None and self.tutorial.update():
            self.dirty = True
        if busy or self._linger > 0:
            self.dirty = True
        if self.dirty:
            self.draw()

    def safe_step(self, events: list[pygame.event.Event] | None = None) -> None:
        """:meth:`step` behind the last-resort handler: an error becomes a screen."""
        try:
            self.step(events)
        except Exception as exc:  # anything a scene missed: never a closed window
            self.recover(exc)

    def recover(self, exc: Exception) -> None:
        """Log the error, autosave the game, and show what happened over the title."""
        from game.ui.crash import CrashScene, rescue_autosave, write_crash_log

        log = write_crash_log(exc)
        if isinstance(self.scene, CrashScene):  # the rescue itself fails: close cleanly
            self.running = False
            return
        saved = rescue_autosave(self)
        try:
            self.push(CrashScene(self, exc, log, saved))
        except Exception as again:  # not even that screen can be shown
            write_crash_log(again)
            self.running = False

    def draw(self) -> None:
        scene = self.scene
        if scene is None:
            return
        if not scene.opaque:
            self.screen.fill(self.palette.WINDOW)
        scene.draw(self.screen)
        if self.tutorial is not None:
            self.tutorial.draw(self.screen)
        if self.native is not None:
            self.native.compose(self._doubling())
        elif self.screen is not self.window:
            pygame.transform.smoothscale(self.screen, self.window.get_size(), self.window)
        pygame.display.flip()
        self.dirty = False
        self.frames_drawn += 1

    def _doubling(self) -> bool:
        """The canvas is stretched by crisp pixel doubling at exactly 200%, else smoothly."""
        size = self.window.get_size()
        return self.scale_percent == 200 and size == tuple(2 * n for n in self.screen.get_size())

    def idle(self) -> bool:
        """True when nothing animates: the loop may sleep until input arrives."""
        return not self.dirty and not self._busy and self._linger <= 0

    def run(self) -> int:
        # The benchmark starts the game and stops it at the first drawn frame.
        exit_after_first_frame = bool(os.environ.get("AIR_PRESSURE_EXIT_AFTER_FIRST_FRAME"))
        while self.running:
            if exit_after_first_frame and self.frames_drawn:
                print(f"first-frame {time.time()}", flush=True)
                break
            self.safe_step(wait_for_input(IDLE_WAIT_MS) if self.idle() else None)
        self.remember_window_size()
        pygame.quit()
        return 0

    def remember_window_size(self) -> None:
        """A window the player resized by hand opens at that size next time."""
        if self._fullscreen:
            return
        size = self.window.get_size()
        if size != self._chosen_size and size[0] >= MIN_SIZE[0] and size[1] >= MIN_SIZE[1]:
            self.change_settings(self.settings.model_copy(update={"window_size": size}))


def find_window() -> pygame.Window | None:
    """The window the display module opened, with its minimum size enforced."""
    try:
        with warnings.catch_warnings():  # the display module still owns the surface
            warnings.simplefilter("ignore", DeprecationWarning)
            window = pygame.Window.from_display_module()
        window.minimum_size = MIN_SIZE
        return window
    except (AttributeError, pygame.error):
        return None


def _initial_size(saved: tuple[int, int] | None = None) -> tuple[int, int]:
    """The saved size if the desktop holds it, else most of the desktop, in steps of the
    16:9 layouts the interface is checked at."""
    desktop = desktop_size()
    if desktop is None:
        return saved or MIN_SIZE
    dw, dh = desktop
    if saved is not None and saved[0] <= dw and saved[1] <= dh:
        return saved
    for size in ((1920, 1080), (1600, 900), (1440, 810)):
        if size[0] <= dw and size[1] <= dh - 60:
            return size
    return MIN_SIZE


def wait_for_input(limit_ms: int) -> list[pygame.event.Event]:
    """The events that arrive first, or none after ``limit_ms``: the idle loop's nap."""
    deadline = time.monotonic() + limit_ms / 1000
    while True:
        events = pygame.event.get()
        if events or time.monotonic() >= deadline:
            return events
        time.sleep(IDLE_POLL_S)


def run_app() -> int:
    """Open the game window (``python main.py`` with no command)."""
    return App().run()
