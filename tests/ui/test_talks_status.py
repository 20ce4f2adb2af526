"""The top bar names a scenario's talks its own way, and says when there are none yet."""

from __future__ import annotations

import dataclasses

import pygame

from game.core.intel import player_view
from game.core.model import TalksState
from game.core.turn import new_game
from game.data.scenario import find_scenario, load_rules
from game.ui.desk.status_bar import TALKS_W, draw_status_bar
from game.ui.kit.palettes import palette_for
from game.ui.kit.style import fitted, font


def test_the_bar_says_the_scenarios_name_for_the_talks_and_that_none_are_open(app):
    rules = load_rules(find_scenario("suiho_1952"))
    before_talks = dataclasses.replace(
        rules, initial_talks=TalksState.NOT_OPENED, talks_name="Cease-fire talks"
    )
    view = player_view(before_talks, new_game(before_talks))
    surface = pygame.Surface((1280, 58))
    tips = draw_status_bar(surface, surface.get_rect(), before_talks, view, pal=palette_for(False))
    lines = [text for _, tip in tips for text, _ in tip]
    assert "Cease-fire talks" in lines
    assert "The talks are not yet opened." in lines
    assert "Armistice talks" not in lines


def test_a_long_name_for_the_talks_is_cut_to_its_column_and_the_gauges_stay(app):
    """A name too long for the talks' column is cut with "…" where the bar draws it,
    and the gauges beside it stand where they stand for the usual name."""
    rules = load_rules(find_scenario("suiho_1952"))
    long_name = "The Joint Commission on the Cease-fire Line"
    pal = palette_for(False)

    def bar(name: str) -> tuple[pygame.Surface, list]:
        named = dataclasses.replace(rules, talks_name=name)
        surface = pygame.Surface((1280, 58))
        surface.fill((255, 0, 255))
        tips = draw_status_bar(
            surface, surface.get_rect(), named, player_view(named, new_game(named)), pal=pal
        )
        return surface, tips

    usual, usual_tips = bar("Armistice talks")
    cut, cut_tips = bar(long_name)
    assert [r for r, _ in cut_tips] == [r for r, _ in usual_tips]  # nothing moved
    talks_rect = next(r for r, tip in cut_tips if tip[0][0] == long_name)
    right = talks_rect.x + TALKS_W  # where the gauges begin
    assert (pygame.surfarray.array3d(cut)[right:] == pygame.surfarray.array3d(usual)[right:]).all()
    shown = fitted(long_name, font(13), TALKS_W - 10)
    assert shown.endswith("…") and font(13).size(shown)[0] <= TALKS_W - 10
