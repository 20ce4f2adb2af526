"""Place names on the planning map: ranked by zoom, never on top of each other or of
the target labels, one label per place, and Hangul only when the player asks for it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest

from game.ui.app import App
from game.ui.desk.desk_drawing import names_keep_clear
from game.ui.map.map_view import ZOOMS
from game.ui.screens.planning import PlanningScene
from tests.ui.desks import open_desk

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SHIPPED = sorted(p.name for p in SCENARIOS.iterdir() if (p / "scenario.toml").is_file())


def desk_for(app: App, scenario: str, *, hangul: bool, names: bool = True) -> PlanningScene:
    app.settings = app.settings.model_copy(update={"hangul_names": hangul, "place_names": names})
    return open_desk(app, SCENARIOS / scenario, seed=5)


def overlapping(rects: list[pygame.Rect]) -> list[tuple[pygame.Rect, pygame.Rect]]:
    return [(a, b) for a, b in itertools.combinations(rects, 2) if a.colliderect(b)]


@pytest.mark.parametrize("scenario", SHIPPED)
@pytest.mark.parametrize("hangul", [False, True])
def test_labels_do_not_overlap_at_the_default_zoom(app: App, scenario: str, hangul: bool) -> None:
    m = desk_for(app, scenario, hangul=hangul).map
    places = [item.rect for item in m.places]
    assert len(places) >= 3, "the view names some places"
    assert overlapping(places + list(m.target_labels.values())) == []
    for item in m.places:
        assert m.rect.contains(item.rect), item.place.id
    # One name per place: a target's own label stands in for the place.
    named = {item.place.id for item in m.places if not item.hangul_only}
    for item in m.places:
        if item.place.target in m.target_labels:
            assert item.hangul_only, item.place.id
    assert named


def test_hangul_only_when_asked(app: App) -> None:
    plain = desk_for(app, "pressure_pump_1952", hangul=False).map
    assert not any(item.hangul_only for item in plain.places)
    app.to_title()
    korean = desk_for(app, "pressure_pump_1952", hangul=True).map
    extra = [item for item in korean.places if item.hangul_only]
    assert {"place_pyongyang", "place_wonsan"} <= {item.place.id for item in extra}
    # Labels with Hangul are wider than the English alone.
    width = {i.place.id: i.rect.w for i in plain.places if not i.hangul_only}
    wider = {i.place.id: i.rect.w for i in korean.places if not i.hangul_only}
    assert any(wider[p] > width[p] for p in set(width) & set(wider))


def test_rank_thins_the_names_as_the_map_zooms_out(app: App) -> None:
    desk = desk_for(app, "campaign_1952", hangul=False)
    m = desk.map
    m.zoom_index = 0
    m.center_on((m.geo.width_km / 2, m.geo.height_km / 2))
    app.draw()
    far = {item.place.rank for item in m.places}
    assert far == {1}
    m.zoom_index = len(ZOOMS) - 1
    m.center_on(m.geo.feature("place_kowon").anchor)
    app.draw()
    assert 3 in {item.place.rank for item in m.places}
    assert overlapping([item.rect for item in m.places] + list(m.target_labels.values())) == []


def test_p_hides_the_names_and_k_adds_hangul(app: App) -> None:
    desk = desk_for(app, "suiho_1952", hangul=False)
    assert desk.map.places
    for k, setting, value in (
        (pygame.K_p, "place_names", False),
        (pygame.K_k, "hangul_names", True),
    ):
        app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)])
        assert getattr(app.settings, setting) is value
    app.draw()
    assert desk.map.places == []
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_p, mod=0, unicode="", scancode=0)])
    app.draw()
    assert any(item.hangul_only for item in desk.map.places)


def test_without_a_hangul_typeface_the_names_stay_english(app: App, monkeypatch) -> None:
    import game.ui.map.place_labels as place_labels

    monkeypatch.setattr(place_labels, "korean_font_files", lambda: None)
    place_labels._korean_font.cache_clear()
    place_labels.label_image.cache_clear()
    try:
        m = desk_for(app, "pressure_pump_1952", hangul=True).map
        assert m.places and not any(item.hangul_only for item in m.places)
        english = place_labels.label_image("Wonsan", "", 14, False)
        assert (
            place_labels.label_image("Wonsan", "원산", 14, False).get_size() == english.get_size()
        )
    finally:
        place_labels._korean_font.cache_clear()
        place_labels.label_image.cache_clear()


def test_names_stay_on_the_map_and_off_the_bar_hint_and_toggles(app: App) -> None:
    """The north-east corner, where "Hoeryong", "Tumen", "Unggi" and the Aoji refinery
    crowd the toggles and the map's right edge, at every zoom."""
    desk = desk_for(app, "campaign_1952", hangul=False)
    m = desk.map
    aoji = desk.session.rules.targets["aoji"].position
    m.zoom_at(m.rect.center, -len(ZOOMS))
    for _ in ZOOMS:
        # Aoji just under the toggles, by the map's right edge.
        x, y = m.to_screen(aoji)
        m.scroll(round(m.rect.right - 60 - x), round(m.rect.y + 110 - y))
        app.dirty = True
        app.step([])
        app.draw()
        clear = names_keep_clear(desk)
        names = [item.rect for item in m.places] + list(m.target_labels.values())
        assert names, m.zoom_index
        for rect in names:
            assert m.rect.contains(rect), (m.zoom_index, rect)
            assert rect.collidelist(clear) < 0, (m.zoom_index, rect)
        m.zoom_at(m.rect.center, 1)
