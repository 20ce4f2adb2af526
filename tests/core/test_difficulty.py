"""Difficulty changes the enemy's parameters, never the rules, and the enemy gets harder."""

from __future__ import annotations

import numpy as np

from game.core.summary import play
from game.data.scenario import find_scenario, load_rules


def test_harder_levels_give_the_enemy_more_labour_faster_adaptation_and_bolder_migs() -> None:
    for scenario in ("suiho_1952", "campaign_1952"):
        easy, normal, hard = (
            load_rules(find_scenario(scenario), d) for d in ("easy", "normal", "hard")
        )
        assert easy.enemy.labour < normal.enemy.labour < hard.enemy.labour
        assert easy.enemy.adaptation < normal.enemy.adaptation < hard.enemy.adaptation
        assert easy.enemy.mig_commit_day < normal.enemy.mig_commit_day < hard.enemy.mig_commit_day
        # The rules themselves stay the same: same targets, cards, events and plan.
        assert easy.targets.keys() == hard.targets.keys()
        assert easy.cards == hard.cards
        assert easy.plan == hard.plan


def test_the_suiho_raids_cost_more_aircraft_at_hard_than_at_easy() -> None:
    scenario = find_scenario("suiho_1952")
    lost = {}
    for level in ("easy", "hard"):
        rules = load_rules(scenario, level)
        lost[level] = np.mean(
            [play(rules, "historical", seed)[0].aircraft_lost for seed in range(60)]
        )
    assert lost["hard"] > 1.3 * lost["easy"]
