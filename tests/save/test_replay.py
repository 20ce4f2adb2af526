"""Replays re-run a save from its seed and orders and prove the state matches."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

from game.core.model import Rules
from game.core.orders import StandingTasks, TurnOrders
from game.save import GameRecord, load_save, play_recorded, replay, save_game, save_slot

ROOT = Path(__file__).resolve().parents[2]


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def _with_other_orders(record: GameRecord, turn: int) -> GameRecord:
    """The same record with turn ``turn``'s orders replaced by a quiet turn."""
    quiet = TurnOrders(standing=StandingTasks(interdiction=0.0, close_support=0.0))
    assert record.orders[turn - 1] != quiet
    orders = list(record.orders)
    orders[turn - 1] = quiet
    return dataclasses.replace(record, orders=orders)


def test_replay_of_a_whole_suiho_game_matches(suiho: Rules) -> None:
    record = play_recorded(suiho, "historical", 21)
    report = replay(load_save(save_slot("full", record), suiho))
    assert report.ok, report.message
    assert report.turns == len(record.orders) == 5


def test_replay_matches_when_the_history_rows_hold_different_columns(suiho: Rules) -> None:
    record = play_recorded(suiho, "historical", 1)  # seed 1: the meter's causes vary by turn
    columns = [frozenset(row) for row in record.state.history]
    assert len(set(columns)) > 1, "this seed no longer varies the columns: pick another"
    report = replay(load_save(save_slot("varied", record), suiho))
    assert report.ok, report.message


def test_replay_of_a_game_in_progress_matches(suiho: Rules, record: GameRecord) -> None:
    report = replay(load_save(save_slot("mid", record), suiho))
    assert report.ok and report.turns == 2


def test_a_changed_order_is_reported_at_its_turn(suiho: Rules) -> None:
    record = play_recorded(suiho, "historical", 21)
    path = save_slot("edited", _with_other_orders(record, 3))
    report = replay(load_save(path, suiho))
    assert not report.ok
    assert report.mismatch_turn == 3
    assert report.mismatch_date is not None and report.mismatch_date.isoformat() == "1952-06-25"
    assert "turn 3" in report.message


def test_replay_command_exits_0_on_a_match(tmp_path: Path) -> None:
    save = tmp_path / "sim.json"
    out = main_py("simulate", "suiho_1952", "--seed", "4", "--save", str(save))
    assert out.returncode == 0, out.stderr
    assert save.is_file()
    out = main_py("replay", str(save))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "matches the save" in out.stdout


def test_replay_command_names_the_first_turn_that_differs(tmp_path: Path, suiho: Rules) -> None:
    record = play_recorded(suiho, "historical", 4)
    path = tmp_path / "edited.json"
    save_game(path, _with_other_orders(record, 2))
    out = main_py("replay", str(path))
    assert out.returncode == 1
    assert "mismatch at turn 2 (1952-06-24)" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_replay_command_refuses_a_bad_save_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"header": {"format": "air-pressure-save"', encoding="utf-8")
    out = main_py("replay", str(path))
    assert out.returncode == 1
    assert "truncated" in out.stderr
    assert "Traceback" not in out.stdout + out.stderr


def test_simulate_save_needs_a_single_run(tmp_path: Path) -> None:
    out = main_py("simulate", "suiho_1952", "--runs", "2", "--save", str(tmp_path / "x.json"))
    assert out.returncode == 1
    assert "--runs 1" in out.stderr


def test_orders_the_rules_cannot_run_are_reported_not_raised(suiho: Rules) -> None:
    record = play_recorded(suiho, "historical", 4)
    bad = TurnOrders(jcs_requests=("no_such_card",))
    orders = list(record.orders)
    orders[1] = bad
    report = replay(dataclasses.replace(record, orders=orders))
    assert not report.ok and report.mismatch_turn == 2


def test_a_save_from_before_the_history_gained_columns_still_replays(suiho: Rules) -> None:
    """Older saves recorded fewer history columns; their replay compares what they kept."""
    from game.save.codec import state_digest

    old_columns = {"turn", "meter", "world_opinion", "us_patience", "aircraft_lost"}

    def as_old(state):
        rows = [{k: v for k, v in row.items() if k in old_columns} for row in state.history]
        return dataclasses.replace(state, history=rows)

    record = play_recorded(suiho, "historical", 21)
    assert set(record.state.history[0]) > old_columns  # today's rows have more
    # Rebuild what an older game would have written: its digests and its final state.
    replayed = GameRecord.new(suiho, record.seed)
    old_digests = []
    for orders in record.orders:
        replayed.play_turn(orders)
        old_digests.append(state_digest(as_old(replayed.state)))
    old = dataclasses.replace(record, state=as_old(record.state), digests=old_digests)
    report = replay(load_save(save_slot("older", old), suiho))
    assert report.ok, report.message
    # And a changed order in such a save is still caught at its turn.
    edited = _with_other_orders(old, 3)
    assert replay(load_save(save_slot("older-edited", edited), suiho)).mismatch_turn == 3
