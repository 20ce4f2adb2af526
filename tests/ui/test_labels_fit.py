"""Every label holds its text: pygame_gui cuts a too-long one off (and warns, which the
test settings turn into an error) on every tab of every shipped scenario's desk."""

from __future__ import annotations

import warnings

import pytest

from game.data.scenario import find_scenario, list_scenarios, load_rules
from game.save import GameRecord
from game.ui.screens.planning import TABS, PlanningScene
from game.ui.session import GameSession


@pytest.mark.parametrize("scenario", [p.name for p in list_scenarios()])
def test_no_label_on_the_desk_is_too_small_for_its_text(app, scenario):
    rules = load_rules(find_scenario(scenario))
    desk = PlanningScene(app, GameSession(GameRecord.new(rules), autosave_enabled=False))
    app.push(desk)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", "Label Rect is too small")
        desk.act(desk.plan.fill_historical)
        for key, *_ in TABS:
            desk.show_tab(key)
            app.step([])
        for tid in sorted(rules.targets)[:12]:
            desk.pick_target(tid)
    app.to_title()


def _missing_glyphs(text: str) -> set[str]:
    """Characters the interface's typeface lacks: they draw as its empty box."""
    import pygame

    from game.ui.kit.style import font

    f = font(15)
    box = pygame.image.tobytes(f.render("\uffff", True, (255, 255, 255)), "RGBA")
    return {
        ch
        for ch in set(text)
        if not ch.isspace()
        and pygame.image.tobytes(f.render(ch, True, (255, 255, 255)), "RGBA") == box
    }


def test_the_politics_tab_draws_every_character_of_its_buttons(app):
    """A press policy a card forbids is marked with a sign the typeface has."""
    rules = load_rules(find_scenario("campaign_1952"))
    session = GameSession(GameRecord.new(rules), autosave_enabled=False)
    for cid, card in session.state.cards.items():
        card.in_force = card.in_force or "coercive" in cid
    desk = PlanningScene(app, session)
    app.push(desk)
    desk.show_tab("politics")
    texts = [b.text for b in desk.politics_tab.press_buttons.values()]
    assert any(text.endswith("×") for text in texts)
    for text in texts:
        assert not _missing_glyphs(text), text
    app.to_title()
