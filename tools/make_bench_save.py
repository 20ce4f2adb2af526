"""Write the mid-campaign save the benchmark times a turn on (re-run after rules changes).

python tools/make_bench_save.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.core.intel import player_view
from game.core.planners import PLANNERS
from game.data.scenario import find_scenario, load_rules
from game.save import GameRecord, save_game

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "mid_campaign_1952.json"
TURNS = 26  # half a year in: January 1953


def main() -> None:
    rules = load_rules(find_scenario("campaign_1952"), "normal")
    record = GameRecord.new(rules, seed=1953)
    for _ in range(TURNS):
        record.play_turn(PLANNERS["historical"](rules, player_view(rules, record.state)))
    save_game(OUT, record)
    print(f"wrote {OUT} at {record.state.day} (turn {record.state.turn})")


if __name__ == "__main__":
    main()
