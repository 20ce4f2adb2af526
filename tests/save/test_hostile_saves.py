"""Saves checked like scenarios: a file re-signed with a state the rules cannot make,
nested absurdly deep, holding huge numbers or naming a path for its scenario is refused
with a sentence, by the Load dialog, by ``validate SAVE.json`` and by ``replay`` alike."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.cli import main
from game.core.intel import player_view
from game.core.model import Outcome, Rules
from game.core.turn import new_game, run_turn
from game.save import GameRecord, Reason, SaveError, list_saves, load_save, save_slot, saves_dir
from game.save.invariants import state_problems
from game.save.opening import open_save
from game.soak import random_planner
from tests.save.test_refusals import _folder_fingerprint, _refused, _rewrite


@pytest.fixture
def good(record: GameRecord) -> Path:
    save_slot("other one", record)
    return save_slot("good", record)


def _first(doc: dict[str, Any], section: str) -> dict[str, Any]:
    table = doc["body"]["state"][section]
    return table[sorted(table)[0]]


IMPOSSIBLE = {
    "negative aircraft": (lambda d: _first(d, "pools").update(ready=-5), "ready"),
    "three million aircraft": (lambda d: _first(d, "pools").update(ready=3_000_000), "ready"),
    "damage of 500": (lambda d: _first(d, "targets").update(damage=500.0), "damage"),
    "navy cooperation of 9": (
        lambda d: d["body"]["state"].update(navy_cooperation=9.0),
        "navy_cooperation",
    ),
    "negative MiGs": (lambda d: d["body"]["state"].update(mig_strength=-40.0), "mig_strength"),
    "an event the scenario lacks": (
        lambda d: d["body"]["state"].update(events_fired=["no_such_event"]),
        "events_fired",
    ),
    "a flak kind that is no target kind": (
        lambda d: d["body"]["state"].update(mobile_flak={"citty": 3.0}),
        "mobile_flak",
    ),
}


@pytest.mark.parametrize("case", sorted(IMPOSSIBLE))
def test_a_resigned_impossible_state_is_refused_with_its_key(
    good: Path, suiho: Rules, record: GameRecord, case: str
) -> None:
    edit, key = IMPOSSIBLE[case]

    def edit_and_match_digest(doc: dict[str, Any]) -> None:
        edit(doc)
        doc["body"]["digests"] = []  # so no digest check could be what refuses it
        doc["body"]["orders"] = []
        doc["header"]["turn"] = doc["body"]["state"]["turn"] = 1

    _rewrite(good, edit_and_match_digest)
    err = _refused(good, suiho, Reason.INVALID, record)
    assert key in str(err) and "cannot make this state" in str(err)


def _deep(doc: dict[str, Any]) -> None:
    nested: Any = 0
    for _ in range(980):
        nested = [nested]
    doc["body"]["state"]["history"] = nested


def _huge(doc: dict[str, Any]) -> None:
    doc["body"]["state"]["meter"] = 10**400


@pytest.mark.parametrize(("edit", "words"), [(_deep, "nested"), (_huge, "integer")])
def test_deep_nesting_and_huge_integers_are_refused_everywhere(
    good: Path, suiho: Rules, record: GameRecord, capsys: pytest.CaptureFixture[str], edit, words
) -> None:  # type: ignore[no-untyped-def]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10_000)  # only to sign the file; the game reads it at the usual limit
    try:
        _rewrite(good, edit)
    finally:
        sys.setrecursionlimit(limit)
    assert words in str(_refused(good, suiho, Reason.CORRUPT, record))
    with pytest.raises(SaveError, match=words):
        open_save(good)
    from game.ui.desk.saving import read_game  # the Load dialog's own reading

    with pytest.raises(SaveError, match=words):
        read_game(good)
    capsys.readouterr()
    assert main(["replay", str(good)]) == 1
    assert words in capsys.readouterr().err
    assert main(["validate", str(good)]) == 1
    assert words in capsys.readouterr().out
    entry = next(e for e in list_saves() if e.path == good)
    assert entry.error is not None and entry.error.reason == Reason.CORRUPT


def test_a_nan_in_a_save_is_refused(good: Path, suiho: Rules, record: GameRecord) -> None:
    text = good.read_text(encoding="utf-8")
    good.write_text(text.replace('"meter":', '"meter":NaN,"x":', 1), encoding="utf-8")
    _refused(good, suiho, Reason.CORRUPT, record)


def test_a_save_names_its_scenario_by_id_never_by_path(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bait = tmp_path / "bait.toml"
    bait.write_text("[scenario]\n", encoding="utf-8")
    for scenario in (str(bait), "../scenarios/suiho_1952", "x" * 5000):
        _rewrite(good, lambda doc, s=scenario: doc["header"].update(scenario=s))
        with pytest.raises(SaveError) as info:
            open_save(good)
        assert info.value.reason == Reason.INVALID
        assert "by id" in str(info.value)
        assert main(["replay", str(good)]) == 1
        err = capsys.readouterr().err
        assert "by id" in err and "Traceback" not in err


def test_a_scenario_id_that_is_not_installed_is_named(good: Path) -> None:
    _rewrite(good, lambda doc: doc["header"].update(scenario="nowhere_1950"))
    with pytest.raises(SaveError) as info:
        open_save(good)
    assert info.value.reason == Reason.WRONG_SCENARIO
    assert "nowhere_1950" in str(info.value) and "suiho_1952" in str(info.value)


def test_replay_with_a_5000_character_scenario_name_is_a_clear_error(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", str(good), "--scenario", "s" * 5000]) == 1
    err = capsys.readouterr().err
    assert "too long" in err and "Traceback" not in err


def test_validate_runs_the_load_dialogs_checks_on_a_save(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.ui.desk.saving import read_game

    assert main(["validate", str(good)]) == 0
    out = capsys.readouterr().out
    assert f"{good}: ok" in out and "encyclopedia" not in out
    read_game(good)  # the dialog takes what validate takes
    _rewrite(good, lambda doc: _first(doc, "targets").update(damage=-1.0))
    with pytest.raises(SaveError) as info:
        read_game(good)
    assert main(["validate", str(good)]) == 1
    out = capsys.readouterr().out
    assert f"{info.value.detail}; {info.value.hint} (refused: invalid)" in out


def test_a_corrupt_save_is_listed_with_its_error_and_the_others_are_untouched(
    good: Path,
) -> None:
    bad = saves_dir() / "broken.json"
    bad.write_bytes(b'{"header": {"format": "air-pressure-save"' + b"[" * 5000)
    before = _folder_fingerprint(saves_dir())
    entries = {e.path.name: e for e in list_saves()}
    assert entries["broken.json"].error is not None
    assert entries["good.json"].error is None and entries["other one.json"].error is None
    assert _folder_fingerprint(saves_dir()) == before


def test_the_states_the_rules_make_pass_the_invariants(suiho: Rules) -> None:
    """The checks refuse only what play cannot reach: a whole game of random orders."""
    for seed in (3, 4):
        rng = np.random.default_rng(seed)
        chooser = random_planner(np.random.default_rng(seed + 1))
        state = new_game(suiho)
        assert state_problems(state, suiho) == []
        while state.outcome == Outcome.ONGOING:
            orders = chooser(suiho, state, player_view(suiho, state))
            state = run_turn(suiho, state, orders, rng).state
            assert state_problems(state, suiho) == [], state.turn


def test_a_loaded_save_still_loads(good: Path, suiho: Rules) -> None:
    assert load_save(good, suiho).state.turn == 3
    assert json.loads(good.read_text(encoding="utf-8"))["header"]["scenario"] == "suiho_1952"


def test_replay_ends_in_a_sentence_even_when_something_unforeseen_fails(
    good: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import game.cli

    def unforeseen(args: object) -> int:
        raise MemoryError("out of memory")

    monkeypatch.setattr(game.cli, "_replay", unforeseen)
    assert main(["replay", str(good)]) == 1
    assert "replay: cannot use this save: MemoryError: out of memory" in capsys.readouterr().err


def test_a_game_of_an_older_scenario_version_loads_when_the_player_allows_it() -> None:
    """Events of the older version may have fired; they are gone, and harmless."""
    from game.data.scenario import find_scenario, load_rules

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "mid_campaign_1952.json"
    rules = load_rules(find_scenario("campaign_1952"), "normal")
    record = load_save(fixture, rules, allow_changed_scenario=True)
    assert set(record.state.events_fired) - {e.id for e in rules.events}  # stale ids kept
    with pytest.raises(SaveError) as info:
        load_save(fixture, rules)
    assert info.value.reason == Reason.SCENARIO_CHANGED
