"""The encyclopedia: F2 opens it, links lead from article to article, and the target
panel, the report, the title screen and the Esc menu lead into it."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.data.scenario import load_rules
from game.ui.app import App
from game.ui.desk.desk_input import KEY_HELP, open_menu
from game.ui.screens.encyclopedia import EncyclopediaScene
from game.ui.screens.planning import PlanningScene
from game.ui.session import GameSession

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def key(app: App, k: int) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)])


def desk_for(app: App, scenario: str) -> PlanningScene:
    session = GameSession.start(load_rules(SCENARIOS / scenario), seed=3)
    session.autosave_enabled = False
    scene = PlanningScene(app, session)
    app.push(scene)
    app.step([])
    return scene


def click_link(app: App, scene: EncyclopediaScene, ref: str) -> None:
    app.step(
        [
            pygame.event.Event(
                pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=ref, ui_element=scene.article
            )
        ]
    )


def test_f2_opens_it_a_link_follows_and_back_returns(app: App) -> None:
    desk = desk_for(app, "suiho_1952")
    key(app, pygame.K_F2)
    scene = app.scene
    assert isinstance(scene, EncyclopediaScene) and scene.below is desk
    first = scene.ref
    assert first is not None and first.startswith("operations.")
    click_link(app, scene, "places.suiho_dam")
    assert scene.ref == "places.suiho_dam"
    html = scene.article.html_text
    assert "Suiho" in html and "540 MW" in html
    assert "<a href='operations.hydro_strikes'>" in html  # its own links, ready to follow
    assert "Sources" in html and "verified in a public secondary source" in html
    assert scene.category == "places"
    scene.back()
    assert scene.ref == first
    key(app, pygame.K_F2)
    assert app.scene is desk


def test_search_lists_hits_across_categories_and_opens_the_first(app: App) -> None:
    app.push(EncyclopediaScene(app, app.scene))  # type: ignore[arg-type]
    scene = app.scene
    assert isinstance(scene, EncyclopediaScene)
    scene.search.set_text("Black Tuesday")
    app.step(
        [pygame.event.Event(pygame_gui.UI_TEXT_ENTRY_CHANGED, ui_element=scene.search, text="")]
    )
    assert scene.ref == "events.black_tuesday"
    titles = list(scene._titles)
    assert any(t.endswith("· restriction") for t in titles) and any(
        t.endswith("· event") for t in titles
    )
    key(app, pygame.K_ESCAPE)
    assert not isinstance(app.scene, EncyclopediaScene)


def test_every_category_opens_and_fits_the_window(app: App) -> None:
    scene = EncyclopediaScene(app, app.scene)  # type: ignore[arg-type]
    app.push(scene)
    screen = pygame.Rect((0, 0), app.size)
    for category, button in scene.category_buttons.items():
        assert screen.contains(button.rect), category
        scene.show_category(category)
        assert scene.ref is not None and scene.ref.startswith(f"{category}.")
    for element in (scene.list, scene.article, scene.search, scene.close_button):
        assert screen.contains(element.rect)
    app.pop()


def test_the_target_panel_reads_more_about_its_target(app: App) -> None:
    desk = desk_for(app, "suiho_1952")
    desk.extras.open("suiho_dam")
    assert desk.extras.read_button is not None
    desk.extras.read_more()
    scene = app.scene
    assert isinstance(scene, EncyclopediaScene) and scene.ref == "places.suiho_dam"
    app.pop()
    # A target without an article of its own opens its type's.
    rail = next(t for t, d in desk.session.rules.targets.items() if d.kind == "rail_segment")
    desk.extras.open(rail)
    desk.extras.read_more()
    assert isinstance(app.scene, EncyclopediaScene)
    assert app.scene.ref == "target_types.rail_segment"


def test_report_lines_link_to_their_event(app: App) -> None:
    from datetime import date

    from game.core.events import Category, Event
    from game.ui.screens.report import _read_more

    event = Event(
        date(1951, 10, 23), Category.POLITICS, "Black Tuesday", "x", data={"event": "black_tuesday"}
    )
    assert "<a href='events.black_tuesday'>" in _read_more(event)
    card = Event(
        date(1952, 7, 1), Category.CARD, "x", "y", data={"card": "mass_warnings_curtailed"}
    )
    assert "<a href='cards.warnings_curtailed'>" in _read_more(card)
    assert _read_more(Event(date(1952, 7, 1), Category.STRIKE, "x", "y")) == ""


def test_title_and_menu_lead_into_it_and_f1_lists_f2(app: App) -> None:
    title = app.scene
    title._encyclopedia()  # type: ignore[union-attr]
    assert isinstance(app.scene, EncyclopediaScene)
    app.pop()
    desk = desk_for(app, "suiho_1952")
    open_menu(desk)
    app.scene.encyclopedia()  # type: ignore[union-attr]
    assert isinstance(app.scene, EncyclopediaScene) and app.scene.below is desk
    assert any(k == "F2" for k, _ in KEY_HELP)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_it_lays_out_at_both_sizes(app: App, size: tuple[int, int]) -> None:
    scene = EncyclopediaScene(app, app.scene, "people.weyland")  # type: ignore[arg-type]
    scene.resize(size)
    screen = pygame.Rect((0, 0), size)
    rects = [scene.list.rect, scene.article.rect, scene.back_button.rect, scene.close_button.rect]
    assert all(screen.contains(r) for r in rects)
    assert scene.article.rect.w >= 500
    assert not scene.list.rect.colliderect(scene.article.rect)
    assert scene.ref == "people.weyland"


def test_in_a_game_the_scenarios_own_notes_join_the_article(app: App) -> None:
    desk = desk_for(app, "strangle_1951")
    desk.open_encyclopedia("operations.strangle")
    scene = app.scene
    assert isinstance(scene, EncyclopediaScene)
    html = scene.article.html_text
    assert "In this scenario" in html and "Operation Saturate" in html  # from [notes.saturate]
    assert scene.list.get_single_selection() == "Interdiction: Operation Strangle and after"
    app.to_title()
    app.scene.on_event(  # type: ignore[union-attr]
        pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode="", scancode=0)
    )
    scene = app.scene
    assert isinstance(scene, EncyclopediaScene) and scene.notes == {}
    scene.open("operations.strangle")
    assert "In this scenario" not in scene.article.html_text


def test_report_lines_link_their_target_to_its_article() -> None:
    from datetime import date

    from game.core.events import Category, Event
    from game.ui.screens.report import _linked_text

    rules = load_rules(SCENARIOS / "suiho_1952")
    name = rules.targets["suiho_dam"].name
    strike = Event(date(1952, 6, 23), Category.STRIKE, f"{name} (day): damage", "x", "suiho_dam")
    assert "<a href='places.suiho_dam'>" in _linked_text(strike, rules)
    plain = Event(date(1952, 6, 23), Category.WEATHER, "Storms over the Yalu", "x")
    assert "<a" not in _linked_text(plain, rules)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_key_list_shows_whole_without_scrolling(app: App, size: tuple[int, int]) -> None:
    from game.ui.screens.help_overlay import HelpOverlay

    overlay = HelpOverlay(app, app.scene, KEY_HELP)  # type: ignore[arg-type]
    overlay.resize(size)
    app.push(overlay)
    app.step([])
    assert overlay.text.scroll_bar is None, "every key (F2, P, K among them) fits on one page"
    assert pygame.Rect((0, 0), size).contains(overlay.panel_rect())
    html = overlay.text.html_text
    assert "F2" in html and "P · K" in html
    app.pop()


def test_every_title_fits_its_list_row(app: App) -> None:
    from game.ui.kit.style import font

    scene = EncyclopediaScene(app, app.scene)  # type: ignore[arg-type]
    room = scene.list.rect.w - 20 - 24  # the scroll bar and the row's padding
    item_font = font(16)  # the theme's selection-list rows
    too_wide = [e.title for e in scene.book.entries.values() if item_font.size(e.title)[0] > room]
    assert too_wide == []


def test_a_bad_article_is_left_out_and_named_and_the_rest_are_shown(
    app: App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import game.ui.kit.encyclopedia_book as module

    mod = tmp_path / "my_mod"
    mod.mkdir()
    (mod / "encyclopedia.toml").write_text('[places.depot]\ntitle = "Depot"\nsource = "E"\n')
    monkeypatch.setenv("AIR_PRESSURE_MODS", str(mod))
    module.loaded_book.cache_clear()
    try:
        scene = EncyclopediaScene(app, app.scene)  # type: ignore[arg-type]
        app.push(scene)
        app.step([])
        assert "could not be read" not in scene.article.html_text
        assert scene.book.get("places.pyongyang") is not None  # the shipped articles stay
        assert scene.book.get("places.depot") is None
        assert "Left out" in scene.article.html_text
        assert "places.depot.text: Field required" in scene.article.html_text
        scene.open("places.pyongyang")
        assert "Pyongyang" in scene.article.html_text and "Left out" in scene.article.html_text
        app.pop()
    finally:
        module.loaded_book.cache_clear()


def test_without_a_hangul_typeface_articles_open_without_it(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game.ui.screens.encyclopedia as module

    scene = EncyclopediaScene(app, app.scene, "places.pyongyang")  # type: ignore[arg-type]
    app.push(scene)
    app.step([])
    assert "평양" in scene.article.html_text
    app.pop()
    monkeypatch.setattr(module, "korean_font_files", lambda: None)
    scene = EncyclopediaScene(app, app.scene, "places.pyongyang")  # type: ignore[arg-type]
    app.push(scene)
    app.step([])
    assert "Pyongyang" in scene.article.html_text and "평양" not in scene.article.html_text
    app.pop()


def test_two_articles_with_one_title_both_stay_in_the_list(
    app: App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import game.ui.kit.encyclopedia_book as module

    mod = tmp_path / "my_mod"
    mod.mkdir()
    (mod / "encyclopedia.toml").write_text(
        '[places.pyongyang_again]\ntitle = "Pyongyang"\ntext = "A second view."\nsource = "E"\n'
    )
    monkeypatch.setenv("AIR_PRESSURE_MODS", str(mod))
    module.loaded_book.cache_clear()
    try:
        scene = EncyclopediaScene(app, app.scene, "places.pyongyang")  # type: ignore[arg-type]
        app.push(scene)
        app.step([])
        refs = list(scene._titles.values())
        assert {"places.pyongyang", "places.pyongyang_again"} <= set(refs)
        assert len(scene.list.item_list) == len(refs)
        app.pop()
    finally:
        module.loaded_book.cache_clear()


def test_the_open_category_still_shows_its_tooltip(app: App, monkeypatch) -> None:
    app.push(EncyclopediaScene(app, app.scene))  # type: ignore[arg-type]
    scene = app.scene
    assert isinstance(scene, EncyclopediaScene)
    button = scene.category_buttons[scene.category]
    assert button.is_selected
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: button.rect.center)
    for _ in range(4):
        scene.manager.update(0.5)
    assert button.tool_tip is not None and "article" in button.tool_tip_text
    assert button.is_selected
    key(app, pygame.K_ESCAPE)
