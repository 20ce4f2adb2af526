"""Choosing a scenario: the list, the briefing, dates, difficulty, a map preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.geometry import Layer
from game.data.scenario import ScenarioError
from game.ui.kit.style import font
from game.ui.kit.words import esc, kind_name, long_date
from game.ui.map.map_cache import KOREA_TMX
from game.ui.scenes import Scene
from game.ui.screens.catalog import ScenarioEntry, load_catalog

if TYPE_CHECKING:
    from game.ui.app import App

MARGIN = 32
AS_IT_HAPPENED = "As it happened"
RECORD_ID = "record"  # the menu's id for the war as it happened


class ScenarioScene(Scene):
    name = "scenario"

    def __init__(self, app: App) -> None:
        self.entries: list[ScenarioEntry] = load_catalog()
        self.selected: int | None = next((i for i, e in enumerate(self.entries) if e.ok), None)
        self.difficulty: str = ""
        self.option = ""  # the alternative history chosen ("" as it happened)
        self.preferred_difficulty = app.settings.default_difficulty  # from the settings
        self._pick_default_difficulty()
        self.preview_rect = pygame.Rect(0, 0, 0, 0)
        self.error = ""
        super().__init__(app)

    def _pick_default_difficulty(self) -> None:
        entry = self.entry
        if entry is not None and self.preferred_difficulty in entry.difficulties:
            self.difficulty = self.preferred_difficulty
        elif entry is not None and entry.rules is not None:
            self.difficulty = entry.rules.difficulty

    @property
    def entry(self) -> ScenarioEntry | None:
        return self.entries[self.selected] if self.selected is not None else None

    def _labels(self) -> list[str | tuple[str, str]]:
        seen: set[str] = set()
        out: list[str | tuple[str, str]] = []
        for e in self.entries:
            label = e.title if e.title not in seen else f"{e.title} ({e.folder.name})"
            seen.add(label)
            out.append(label)
        return out

    # -- layout
    def build(self) -> None:
        w, h = self.size
        pygame_gui.elements.UILabel(
            pygame.Rect(MARGIN, 20, 600, 40),
            "Choose a scenario",
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@heading"),
        )
        top, bottom = 72, h - 84
        list_w = 360 if w < 1600 else 440
        preview_w = 280 if w < 1600 else 400
        preview_h = min(bottom - top, round(preview_w * 1160 / 660))
        self.preview_rect = pygame.Rect(w - MARGIN - preview_w, top, preview_w, preview_h)
        mid = pygame.Rect(
            MARGIN + list_w + 20,
            top,
            self.preview_rect.x - 20 - (MARGIN + list_w + 20),
            bottom - top,
        )
        labels = self._labels()
        diff_h = 184  # the history and difficulty menus under the list
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(MARGIN, top, list_w, bottom - top - diff_h),
            labels,
            self.manager,
            default_selection=labels[self.selected] if self.selected is not None else None,
        )
        for y, caption in ((bottom - diff_h + 14, "History"), (bottom - 78, "Difficulty")):
            pygame_gui.elements.UILabel(
                pygame.Rect(MARGIN, y, list_w, 28),
                caption,
                self.manager,
                object_id=pygame_gui.core.ObjectID(class_id="@caption"),
            )
        self.history_rect = pygame.Rect(MARGIN, bottom - diff_h + 44, list_w, 44)
        self.history_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self._build_history()
        self.diff_rect = pygame.Rect(MARGIN, bottom - 44, list_w, 44)
        self.diff_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self._build_difficulty()
        self.text = pygame_gui.elements.UITextBox(self._briefing_html(), mid, self.manager)
        bw, bh = 180, 48
        self.start_button = self.button(
            pygame.Rect(w - MARGIN - bw, h - MARGIN - bh + 8, bw, bh),
            "Start",
            self._start,
            tooltip="Begin the scenario at the chosen difficulty (Enter)",
            object_id="@primary",
        )
        self.button(
            pygame.Rect(w - MARGIN - 2 * bw - 16, h - MARGIN - bh + 8, bw, bh),
            "Back",
            self.app.pop,
            tooltip="Back to the title screen (Esc)",
        )
        self._sync_start()

    def _build_history(self) -> None:
        if self.history_menu is not None:
            self.history_menu.kill()
            self.history_menu = None
        entry = self.entry
        offered = entry.alternatives if entry is not None and entry.ok else ()
        choices: list[str | tuple[str, str]] = [(AS_IT_HAPPENED, RECORD_ID)]
        choices += [(name, oid) for oid, name, _ in offered]
        current = next((c for c in choices if isinstance(c, tuple) and c[1] == self.option), None)
        self.history_menu = pygame_gui.elements.UIDropDownMenu(
            choices,
            current or choices[0],
            self.history_rect,
            self.manager,
            expand_on_option_click=True,
        )
        if offered:
            self.history_menu.set_tooltip(
                "Play the war as it happened, or as it might have: an alternative history "
                "changes the scenario's events or the enemy's leaders"
            )
        else:
            self.history_menu.disable()
            self.history_menu.set_tooltip("This scenario offers no alternative histories")

    def _build_difficulty(self) -> None:
        if self.diff_menu is not None:
            self.diff_menu.kill()
            self.diff_menu = None
        entry = self.entry
        if entry is None or not entry.ok or not entry.difficulties:
            return
        options: list[str | tuple[str, str]] = [(d.capitalize(), d) for d in entry.difficulties]
        start = self.difficulty if self.difficulty in entry.difficulties else entry.difficulties[0]
        self.difficulty = start
        self.diff_menu = pygame_gui.elements.UIDropDownMenu(
            options,
            (start.capitalize(), start),
            self.diff_rect,
            self.manager,
            expand_on_option_click=True,
        )
        self.diff_menu.set_tooltip(
            "Difficulty changes the enemy's repair speed, adaptation and flak, never the rules"
        )

    def _sync_start(self) -> None:
        entry = self.entry
        if entry is not None and entry.ok:
            self.start_button.enable()
        else:
            self.start_button.disable()

    def _briefing_html(self) -> str:
        entry = self.entry
        if entry is None:
            return "<i>No scenarios found in the scenarios folder.</i>"
        if entry.rules is None:
            lines = "<br>".join(f"• {esc(p)}" for p in entry.problems[:40])
            more = len(entry.problems) - 40
            tail = f"<br>… and {more} more" if more > 0 else ""
            return (
                f"<font size=5><b>{esc(entry.folder.name)}</b></font><br>"
                f"<font color='#d98a72'>This scenario cannot be played: "
                f"{len(entry.problems)} problems.</font><br><br>{lines}{tail}"
            )
        r = entry.rules
        turn = "daily turns" if r.turn_days == 1 else f"{r.turn_days}-day turns"
        kinds: dict[str, int] = {}
        for t in r.targets.values():
            kinds[t.kind] = kinds.get(t.kind, 0) + 1
        target_line = ", ".join(f"{n} × {kind_name(k).lower()}" for k, n in sorted(kinds.items()))
        briefing = esc(" ".join(r.briefing.split())) or "<i>No briefing.</i>"
        err = f"<br><br><font color='#d98a72'>{esc(self.error)}</font>" if self.error else ""
        history = next(
            (
                f"<br><br><b>History: {esc(name)}.</b> {esc(text)}"
                for oid, name, text in r.alternatives
                if oid == self.option
            ),
            "",
        )
        return (
            f"<font size=5><b>{esc(r.name)}</b></font><br>"
            f"<font color='#b8ab87'>{esc(long_date(r.start))} to {esc(long_date(r.end))}"
            f" · {turn}</font><br><br>"
            f"{briefing}<br><br>"
            f"<b>Targets:</b> {esc(target_line)}<br>"
            f"<b>Restrictions at the start:</b> "
            f"{esc(', '.join(c.name for c in r.cards.values() if c.in_force) or 'none')}"
            f"{history}{err}"
        )

    # -- input
    def on_event(self, event: pygame.event.Event) -> None:
        if (
            event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
            and event.ui_element is self.list
        ):
            labels = self._labels()
            if event.text in labels:
                self._select(labels.index(event.text))
        elif (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element is self.history_menu
        ):
            chosen = str(getattr(event, "selected_option_id", ""))
            self.option = "" if chosen == RECORD_ID else chosen
            self.error = ""
            self.text.set_text(self._briefing_html())
        elif (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element is self.diff_menu
        ):
            self.difficulty = str(getattr(event, "selected_option_id", event.text)).lower()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._start()

    def _select(self, index: int) -> None:
        self.selected = index
        self.error = ""
        self.option = ""
        self._pick_default_difficulty()
        self._build_history()
        self._build_difficulty()
        self.text.set_text(self._briefing_html())
        self._sync_start()

    def _start(self) -> None:
        entry = self.entry
        if entry is None or not entry.ok:
            return
        try:
            rules = entry.rules_for(self.difficulty, self.option)
        except ScenarioError as exc:
            self.error = f"{len(exc.problems)} problems at difficulty {self.difficulty}: " + (
                exc.problems[0] if exc.problems else ""
            )
            self.text.set_text(self._briefing_html())
            return
        from game.ui.session import GameSession

        self.app.replace(self.make("planning", GameSession.start(rules)))

    # -- drawing
    def draw_scene(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        r = self.preview_rect
        geo = self.app.korea_geometry()
        entry = self.entry
        if entry is not None and entry.rules is not None:
            geo = entry.rules.geometry
        ppk = min(r.w / geo.width_km, r.h / geo.height_km)
        img = self.app.maps.scaled(KOREA_TMX, geo, ppk, static=False)
        frame = img.get_rect(topleft=r.topleft)
        surface.blit(img, frame)
        if entry is not None and entry.rules is not None:
            for f in geo.on_layer(Layer.FRONT):
                pts = [(r.x + x * ppk, r.y + y * ppk) for x, y in f.points]
                pygame.draw.lines(surface, (176, 30, 30), False, pts, 2)
            for t in entry.rules.targets.values():
                x, y = r.x + t.position[0] * ppk, r.y + t.position[1] * ppk
                if t.kind == "rail_segment" or not frame.collidepoint(x, y):
                    continue
                pygame.draw.circle(surface, (250, 240, 210), (x, y), 4)
                pygame.draw.circle(surface, (150, 40, 30), (x, y), 3)
        pygame.draw.rect(surface, pal.PANEL_EDGE, frame, 1)
        cap = font(13).render("Targets of the scenario in red; the front line", True, pal.MUTED)
        if frame.bottom + 6 + cap.get_height() < self.size[1] - 70:
            surface.blit(cap, (frame.x, frame.bottom + 6))
