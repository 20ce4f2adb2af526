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


def test_a_long_name_for_the_talks_is_cut_to_its_column(app):
    f = font(13)
    name = fitted("The Joint Commission on the Cease-fire Line", f, TALKS_W - 10)
    assert name.endswith("…") and f.size(name)[0] <= TALKS_W - 10
    assert fitted("Armistice talks", f, TALKS_W - 10) == "Armistice talks"
