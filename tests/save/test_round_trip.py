"""Saving and loading give back the same game, and the game goes on exactly as before."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

from game.core.intel import player_view
from game.core.model import Rules
from game.core.planners import PLANNERS
from game.core.summary import play as core_play
from game.save import (
    GameRecord,
    SlotTaken,
    autosave,
    list_saves,
    load_save,
    play_recorded,
    read_header,
    save_game,
    save_slot,
    saves_dir,
    slot_path,
    state_digest,
)
from game.save.codec import rng_to_data, to_data
from game.save.storage import autosaves_dir
from tests.save.conftest import play


def test_saves_live_under_air_pressure_home(home: Path, record: GameRecord) -> None:
    assert saves_dir() == home / "saves"
    path = save_slot("Before Suiho", record)
    assert path == home / "saves" / "Before Suiho.json"
    assert path.is_file()


def test_slot_names_cannot_leave_the_saves_folder(home: Path, record: GameRecord) -> None:
    path = save_slot("../../etc/passwd", record)
    assert path.parent == home / "saves"
    assert path.name == "etc_passwd.json"
    assert slot_path("..\\..\\x").parent == home / "saves"


def test_round_trip_gives_back_state_rng_and_orders(suiho: Rules, record: GameRecord) -> None:
    path = save_slot("one", record)
    loaded = load_save(path, suiho)
    assert to_data(loaded.state) == to_data(record.state)
    assert loaded.state == record.state
    assert rng_to_data(loaded.rng) == rng_to_data(record.rng)
    assert loaded.orders == record.orders
    assert loaded.digests == record.digests
    assert loaded.seed == record.seed == 11
    assert state_digest(loaded.state) == state_digest(record.state)


def test_the_game_continues_identically_after_a_load(suiho: Rules, record: GameRecord) -> None:
    path = save_slot("mid", record)
    loaded = load_save(path, suiho)
    orders = PLANNERS["historical"](suiho, player_view(suiho, record.state))
    without_saving = record.play_turn(orders)
    after_loading = loaded.play_turn(orders)
    assert without_saving.events, "the turn should have events to compare"
    assert [e.to_json() for e in after_loading.events] == [
        e.to_json() for e in without_saving.events
    ]
    assert to_data(after_loading.state) == to_data(without_saving.state)
    assert rng_to_data(loaded.rng) == rng_to_data(record.rng)
    # and to the end of the scenario
    play(record, 10)
    play(loaded, 10)
    assert record.over and loaded.over
    assert to_data(loaded.state) == to_data(record.state)


def test_saving_does_not_change_the_game(record: GameRecord) -> None:
    before = (to_data(record.state), rng_to_data(record.rng), list(record.orders))
    save_slot("a", record)
    assert (to_data(record.state), rng_to_data(record.rng), list(record.orders)) == before


def test_header_is_readable_alone(record: GameRecord) -> None:
    path = save_slot("h", record)
    header = read_header(path)
    assert header.format == "air-pressure-save"
    assert header.version == 1
    assert header.game_version == "0.1.0"
    assert header.scenario == "suiho_1952"
    assert header.scenario_hash.startswith("sha256:")
    assert header.difficulty == "normal"
    assert header.mods == ()
    assert header.turn == record.state.turn == 3
    assert header.date == record.state.day
    assert header.seed == 11
    assert header.saved_at.tzinfo is not None
    assert header.numpy_version
    # the header comes first in the file, on lines of its own
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n"header": {\n')
    assert text.index('"header"') < text.index('"body"')


def test_save_game_to_any_path_and_list_saves(
    tmp_path: Path, suiho: Rules, record: GameRecord
) -> None:
    path = tmp_path / "elsewhere" / "game.json"
    header = save_game(path, record)
    assert header.turn == 3 and load_save(path, suiho).state == record.state
    save_slot("first", record)
    (saves_dir() / "broken.json").write_text("{", encoding="utf-8")
    entries = {e.path.name: e for e in list_saves()}
    assert set(entries) == {"first.json", "broken.json"}
    assert entries["first.json"].header is not None
    assert entries["broken.json"].error is not None
    assert entries["broken.json"].error.reason == "truncated"


def test_autosave_keeps_the_last_five_of_each_game_and_nothing_else_is_deleted(
    suiho: Rules, record: GameRecord
) -> None:
    manual = save_slot("my own", record)
    named_like_one = save_slot("autosave-000001", record)  # a player's slot, whatever its name
    other_game = GameRecord.new(suiho, 11)  # the same scenario and seed: another game
    theirs = [autosave(other_game) for _ in range(3)]
    written = [autosave(record) for _ in range(8)]
    slots = sorted(p.name for p in saves_dir().iterdir() if p.is_file())
    assert slots == sorted([manual.name, named_like_one.name])
    kept = sorted(p.name for p in autosaves_dir().iterdir())
    assert kept == sorted(p.name for p in [*theirs, *written[-5:]])
    assert written[0].name == f"suiho_1952-{record.game_id}-000001.json"
    assert all(load_save(p, suiho).state == record.state for p in written[-5:])
    assert autosave(record, keep=2).name.endswith("-000009.json")
    assert len([e for e in list_saves() if e.autosave]) == 2 + 3
    assert not next(e for e in list_saves() if e.path == named_like_one).autosave


def test_a_loaded_game_autosaves_beside_its_own_autosaves(suiho: Rules, record: GameRecord) -> None:
    first = autosave(record)
    loaded = load_save(first, suiho)
    assert loaded.game_id == record.game_id
    assert autosave(loaded).name.endswith("-000002.json")


def test_slot_names_keep_every_script_and_never_meet_in_silence(record: GameRecord) -> None:
    assert slot_path("日本").name == "日本.json"
    assert slot_path("한국").name == "한국.json"
    assert slot_path("Zürich 1952").name == "Zürich 1952.json"
    assert slot_path("a\u200bb\u202e").name == "ab.json"  # invisible characters dropped
    assert slot_path("..").name == "save.json" and slot_path("CON").name == "CON save.json"
    assert len(slot_path("字" * 200).name.encode("utf-8")) <= 190
    save_slot("日本", record)
    save_slot("한국", record)
    first = save_slot("a/b", record)
    before = first.read_bytes()
    another = GameRecord.new(record.rules, 5)
    with pytest.raises(SlotTaken) as info:
        save_slot("a:b", another)
    assert info.value.path == first and "a_b" in str(info.value)
    assert first.read_bytes() == before
    assert save_slot("a:b", another, replace=True) == first
    assert read_header(first).seed == 5
    assert {p.name for p in saves_dir().iterdir()} == {"日本.json", "한국.json", "a_b.json"}


def test_play_recorded_plays_the_same_game_as_the_core(suiho: Rules) -> None:
    state, _ = core_play(suiho, "historical", 5)
    record = play_recorded(suiho, "historical", 5)
    assert to_data(record.state) == to_data(state)
    assert len(record.orders) == len(record.digests) == state.turn - 1


def test_a_finished_game_records_no_more_turns(suiho: Rules) -> None:
    record = play_recorded(suiho, "historical", 2)
    assert record.over
    n = len(record.orders)
    snapshot = copy.deepcopy(to_data(record.state))
    result = record.play_turn(PLANNERS["historical"](suiho, player_view(suiho, record.state)))
    assert result.report.get("skipped") and len(record.orders) == n
    assert to_data(record.state) == snapshot


def test_no_temporary_files_are_left_behind(record: GameRecord) -> None:
    for i in range(3):
        save_slot(f"s{i}", record)
    assert sorted(os.listdir(saves_dir())) == ["s0.json", "s1.json", "s2.json"]
