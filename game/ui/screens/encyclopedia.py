"""The encyclopedia (F2): categories, a searchable list of articles, and the article with
its sources and links to related ones. Opened over any scene; Esc or F2 closes it."""

from __future__ import annotations

import warnings
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.geometry import Layer
from game.data.encyclopedia import (
    CATEGORIES,
    Encyclopedia,
    Entry,
    describe_sources,
)
from game.ui.kit.encyclopedia_book import encyclopedia, loaded_book
from game.ui.kit.style import korean_font_files
from game.ui.kit.widgets import toggle_style
from game.ui.kit.words import esc
from game.ui.scenes import OverlayScene, Scene

if TYPE_CHECKING:
    from game.ui.app import App

MUTED = "#b8ab87"
KOREAN_FONT = "noto_sans_kr"
CATEGORY_W, LIST_W, ROW_H, GAP = 170, 400, 36, 6
# What one article of each category is, for search results that mix them.
KIND_OF_ENTRY = {
    "operations": "operation",
    "places": "place",
    "target_types": "target type",
    "aircraft": "air force",
    "cards": "restriction",
    "events": "event",
    "people": "person",
    "sources": "sources",
}


class EncyclopediaScene(OverlayScene):
    name = "encyclopedia"

    def __init__(
        self,
        app: App,
        below: Scene,
        ref: str | None = None,
        notes: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self.notes = notes or {}  # the scenario being played: its own notes
        book = encyclopedia()
        self.book = book or Encyclopedia()
        self.problems = list(_problems())  # articles left out, shown under the list
        first = next(iter(CATEGORIES))
        entry = self.book.get(ref) if ref else None
        self.category = entry.category if entry else first
        self.ref: str | None = entry.ref if entry else None
        self.history: list[str] = []
        self.query = ""
        korean = korean_font_files()
        self._korean_font = korean
        self._hangul = _hangul_by_key(app) if korean is not None else {}
        super().__init__(app, below)

    def panel_rect(self, max_w: int = 1180) -> pygame.Rect:
        return super().panel_rect(max_w)

    # -- layout
    def build(self) -> None:
        if self._korean_font is not None:  # without it the Hangul names are left out
            self.manager.add_font_paths(KOREAN_FONT, *self._korean_font)
            with warnings.catch_warnings():  # loaded already when the window was resized
                warnings.simplefilter("ignore", UserWarning)
                self.manager.preload_fonts(
                    [{"name": KOREAN_FONT, "point_size": 14, "style": "regular"}]  # <font size=4>
                )
        rect = self.panel_rect()
        pygame_gui.elements.UILabel(
            pygame.Rect(rect.x + 20, rect.y + 14, 260, 40),
            "Encyclopedia",
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@heading"),
        )
        self.search = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(rect.right - 20 - 320, rect.y + 18, 320, ROW_H),
            self.manager,
            placeholder_text="Search: a place, a date, a name…",
        )
        self.search.set_tooltip(
            "Type to find articles in every category by title or text; clear it to go "
            "back to the category"
        )
        if self.query:
            self.search.set_text(self.query)
        top, bottom = rect.y + 68, rect.bottom - 76
        x = rect.x + 20
        self.category_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        for i, (key, heading) in enumerate(CATEGORIES.items()):
            count = len(self.book.in_category(key))
            self.category_buttons[key] = self.button(
                pygame.Rect(x, top + i * (ROW_H + GAP), CATEGORY_W, ROW_H),
                heading,
                partial(self.show_category, key),
                tooltip=f"{count} article{'s' if count != 1 else ''}",
                object_id="@tab",
                enabled=count > 0,
            )
        x += CATEGORY_W + 14
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(x, top, LIST_W, bottom - top), [], self.manager
        )
        self._listing: tuple[str, str] | None = None
        self._titles: dict[str, str] = {}
        x += LIST_W + 14
        self.article = pygame_gui.elements.UITextBox(
            "",
            pygame.Rect(x, top, rect.right - 20 - x, bottom - top),
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@plain"),
        )
        self.back_button = self.button(
            pygame.Rect(rect.right - 20 - 160 - 12 - 120, rect.bottom - 62, 120, 44),
            "Back",
            self.back,
            tooltip="The article you read before this one",
        )
        self.add_close_button(
            (rect.right - 20, rect.bottom - 18), "Close the encyclopedia (F2 or Esc)"
        )
        self._refresh()

    # -- what is shown
    def _listed(self) -> list[Entry]:
        if self.query.strip():
            return self.book.search(self.query)
        return self.book.in_category(self.category)

    def _reveal(self) -> None:
        """Scroll the list so that the open article's title shows."""
        bar = getattr(self.list, "scroll_bar", None)
        refs = list(self._titles.values())
        if bar is None or self.ref not in refs:
            return
        shown = bar.visible_percentage
        at = refs.index(self.ref) / len(refs)
        if not bar.start_percentage <= at < bar.start_percentage + shown - 1 / len(refs):
            bar.set_scroll_from_start_percentage(max(0.0, min(at - shown / 3, 1.0 - shown)))

    def _refresh(self, *, reveal: bool = True) -> None:
        entries = self._listed()
        if self.ref is None and entries:
            self.ref = entries[0].ref
        listing = (self.category, self.query.strip())
        if listing != self._listing:  # a new list; otherwise keep its scroll position
            self._listing = listing
            self._titles = {}
            for e in entries:  # the list finds a row by its text: two rows never share one
                title = _list_title(e, self.query)
                self._titles[title if title not in self._titles else f"{title} ({e.ref})"] = e.ref
            self.list.set_item_list(list(self._titles))
        for item in self.list.item_list:
            chosen = self._titles.get(item["text"]) == self.ref
            item["selected"] = chosen
            button = item["button_element"]
            if button is not None:
                if chosen:
                    button.select()
                else:
                    button.unselect()
        if reveal:
            self._reveal()
        for key, b in self.category_buttons.items():
            toggle_style(b, key == self.category and not self.query.strip())
        self.article.set_text(self._article_html())
        if self.history:
            self.back_button.enable()
        else:
            self.back_button.disable()
        self.app.dirty = True

    def _article_html(self) -> str:
        if self.problems and not self.book.entries:
            return "<b>The encyclopedia could not be read.</b><br><br>" + "<br>".join(
                esc(p) for p in self.problems
            )
        return self._entry_html() + self._left_out_html()

    def _left_out_html(self) -> str:
        """Articles skipped for a problem: the rest are shown, these are named."""
        if not self.problems:
            return ""
        shown = "<br>".join(esc(p) for p in self.problems[:3])
        more = f"<br>and {len(self.problems) - 3} more" if len(self.problems) > 3 else ""
        return (
            f"<br><font color='{MUTED}'><b>Left out</b> (python main.py validate lists "
            f"every problem):<br>{shown}{more}</font>"
        )

    def _entry_html(self) -> str:
        entry = self.book.get(self.ref) if self.ref else None
        if entry is None:
            return f"<font color='{MUTED}'>Nothing found.</font>"
        parts = [f"<font size=5><b>{esc(entry.title)}</b></font><br>"]
        hangul = self._hangul.get(entry.key)
        if hangul:
            parts.append(f"<font face='{KOREAN_FONT}' size=4>{esc(hangul)}</font><br>")
        parts.append(f"<font color='{MUTED}'>{esc(CATEGORIES[entry.category])}</font><br><br>")
        parts.append(f"{esc(entry.text)}<br><br>")
        for note in self._notes_for(entry):
            source = f" ({esc(note['source'])})" if note.get("source") else ""
            parts.append(
                f"<b>In this scenario</b>: {esc(' '.join(note.get('text', '').split()))}"
                f"<font color='{MUTED}'>{source}</font><br><br>"
            )
        parts.append(
            f"<font color='{MUTED}'><b>Sources</b>: {esc(describe_sources(entry.source))}</font><br>"
        )
        links = [self.book.get(r) for r in entry.related]
        if links:
            parts.append("<br><b>See also</b><br>")
            parts += [f"• <a href='{e.ref}'>{esc(e.title)}</a><br>" for e in links if e]
        back = [e for e in self.book.entries.values() if entry.ref in e.related]
        back = [e for e in back if e.ref not in entry.related]
        if back:
            parts.append(f"<br><font color='{MUTED}'><b>Mentioned in</b></font><br>")
            parts += [f"• <a href='{e.ref}'>{esc(e.title)}</a><br>" for e in back]
        return "".join(parts)

    def _notes_for(self, entry: Entry) -> list[dict[str, str]]:
        """The scenario's notes on what this article explains, once each."""
        found = [self.notes[i] for i in entry.ids if i in self.notes]
        return [n for i, n in enumerate(found) if n not in found[:i] and n.get("text")]

    # -- actions
    def open(self, ref: str, *, remember: bool = True, from_list: bool = False) -> None:
        entry = self.book.get(ref)
        if entry is None or ref == self.ref:
            return
        if remember and self.ref is not None:
            self.history.append(self.ref)
        self.ref = ref
        if not self.query.strip():
            self.category = entry.category
        self._refresh(reveal=not from_list)

    def show_category(self, key: str) -> None:
        self.query = ""
        self.search.set_text("")
        self.category = key
        entries = self.book.in_category(key)
        if entries and (self.ref is None or not self.ref.startswith(f"{key}.")):
            self.open(entries[0].ref)
        else:
            self._refresh()

    def back(self) -> None:
        if self.history:
            self.open(self.history.pop(), remember=False)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.open(str(event.link_target))
        elif (
            event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
            and event.ui_element is self.list
        ):
            ref = self._titles.get(str(event.text))
            if ref:
                self.open(ref, from_list=True)
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.search:
            self.query = self.search.get_text()
            hits = self._listed()
            if hits and self.query.strip():
                self.open(hits[0].ref)
            self._refresh()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F2):
            self.app.pop()


def _problems() -> list[str]:
    return list(loaded_book().problems)


def _list_title(entry: Entry, query: str) -> str:
    """Search results mix categories: say which each one is."""
    if not query.strip():
        return entry.title
    return f"{entry.title} · {KIND_OF_ENTRY.get(entry.category, entry.category)}"


def _hangul_by_key(app: App) -> dict[str, str]:
    """Hangul names from the shipped map's places, by encyclopedia key."""
    geo = app.korea_geometry()
    return {
        f.id.removeprefix("place_"): str(f.properties["name_ko"])
        for f in geo.on_layer(Layer.PLACES)
        if f.properties.get("name_ko")
    }
