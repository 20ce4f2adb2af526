"""Bad saves are refused with the right reason; other saves and the game are untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from game.core.model import Rules
from game.data.scenario import find_scenario, load_rules
from game.save import GameRecord, Reason, SaveError, load_save, read_header, save_slot, saves_dir
from game.save.codec import rng_to_data, to_data
from game.save.document import MAX_SAVE_BYTES, checksum, serialize


def _folder_fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def good(record: GameRecord) -> Path:
    """A good save, plus two other saves in the same folder."""
    save_slot("other one", record)
    save_slot("other two", record)
    return save_slot("good", record)


def _refused(path: Path, rules: Rules, reason: Reason, record: GameRecord) -> SaveError:
    others = {k: v for k, v in _folder_fingerprint(saves_dir()).items() if k != path.name}
    game_before = (to_data(record.state), rng_to_data(record.rng), len(record.orders))
    with pytest.raises(SaveError) as info:
        load_save(path, rules)
    assert info.value.reason == reason, str(info.value)
    assert str(info.value), "the refusal must say why"
    assert path.name in str(info.value)
    assert len(info.value.hint) > 10, "the refusal must say what the player can do"
    after = {k: v for k, v in _folder_fingerprint(saves_dir()).items() if k != path.name}
    assert after == others, "other saves must be untouched"
    assert (to_data(record.state), rng_to_data(record.rng), len(record.orders)) == game_before
    return info.value


def _rewrite(path: Path, edit, resign: bool = True) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc)
    if resign:
        doc["header"]["checksum"] = checksum(doc["header"], doc["body"])
    path.write_bytes(serialize(doc))


def test_every_reason_for_a_refusal_has_a_hint_of_its_own() -> None:
    hints = {reason: SaveError(reason, "save: why").hint for reason in Reason}
    assert all(len(h) > 10 and not h.endswith(".") for h in hints.values()), hints
    assert SaveError(Reason.CORRUPT, "save: why", "do this").hint == "do this"


@pytest.mark.parametrize("keep", [0.0, 0.01, 0.2, 0.5, 0.9, 0.999])
def test_truncated_save_is_refused(
    good: Path, suiho: Rules, record: GameRecord, keep: float
) -> None:
    raw = good.read_bytes()
    good.write_bytes(raw[: int(len(raw) * keep)])
    _refused(good, suiho, Reason.TRUNCATED, record)
    with pytest.raises(SaveError):
        read_header(good)


def test_bad_json_is_refused_as_corrupt(good: Path, suiho: Rules, record: GameRecord) -> None:
    raw = bytearray(good.read_bytes())
    colon = raw.index(b'":', len(raw) // 2) + 1  # a key's colon: never inside a string
    raw[colon : colon + 1] = b"}}]"
    good.write_bytes(bytes(raw))
    _refused(good, suiho, Reason.CORRUPT, record)


def test_binary_garbage_is_refused_as_corrupt(good: Path, suiho: Rules, record: GameRecord) -> None:
    good.write_bytes(b"\xff\xfe\x00garbage}")
    _refused(good, suiho, Reason.CORRUPT, record)


def test_json_that_is_not_a_save_is_refused(good: Path, suiho: Rules, record: GameRecord) -> None:
    good.write_text('{"hello": "world"}', encoding="utf-8")
    _refused(good, suiho, Reason.NOT_A_SAVE, record)


def test_an_edited_value_is_refused_as_tampered(
    good: Path, suiho: Rules, record: GameRecord
) -> None:
    def more_aircraft(doc: dict) -> None:
        doc["body"]["state"]["pools"]["b29"]["ready"] += 100

    _rewrite(good, more_aircraft, resign=False)
    _refused(good, suiho, Reason.TAMPERED, record)


def test_an_edited_header_is_refused_as_tampered(
    good: Path, suiho: Rules, record: GameRecord
) -> None:
    _rewrite(good, lambda doc: doc["header"].update(seed=99), resign=False)
    _refused(good, suiho, Reason.TAMPERED, record)


def test_a_save_of_another_scenario_is_refused(good: Path, record: GameRecord) -> None:
    dams = load_rules(find_scenario("dams_1953"))
    err = _refused(good, dams, Reason.WRONG_SCENARIO, record)
    assert "suiho_1952" in str(err) and "dams_1953" in str(err)


def test_a_save_at_another_difficulty_is_refused(good: Path, record: GameRecord) -> None:
    hard = load_rules(find_scenario("suiho_1952"), "hard")
    err = _refused(good, hard, Reason.WRONG_SCENARIO, record)
    assert "hard" in str(err)


def test_a_save_of_a_changed_scenario_is_refused_unless_allowed(
    tmp_path: Path, suiho: Rules, record: GameRecord
) -> None:
    folder = tmp_path / "suiho_1952"
    folder.mkdir()
    shutil.copy(Path(suiho.source_file), folder / "scenario.toml")
    rules = load_rules(folder)
    path = save_slot("copy", GameRecord.new(rules, 3))
    with (folder / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write("\n# a modder's comment\n")
    changed = load_rules(folder)
    _refused(path, changed, Reason.SCENARIO_CHANGED, record)
    assert load_save(path, changed, allow_changed_scenario=True).state.turn == 1


def test_a_newer_version_is_refused(good: Path, suiho: Rules, record: GameRecord) -> None:
    _rewrite(good, lambda doc: doc["header"].update(version=2, game_version="9.0"))
    err = _refused(good, suiho, Reason.NEWER_VERSION, record)
    assert "newer" in str(err)
    with pytest.raises(SaveError) as info:
        read_header(good)
    assert info.value.reason == Reason.NEWER_VERSION


def test_a_negative_version_is_refused(good: Path, suiho: Rules, record: GameRecord) -> None:
    _rewrite(good, lambda doc: doc["header"].update(version=-1))
    _refused(good, suiho, Reason.UNKNOWN_VERSION, record)


def test_a_wrong_type_inside_the_state_is_refused_even_when_signed(
    good: Path, suiho: Rules, record: GameRecord
) -> None:
    _rewrite(good, lambda doc: doc["body"]["state"].update(meter="high"))
    err = _refused(good, suiho, Reason.INVALID, record)
    assert "meter" in str(err)


def test_an_unknown_key_in_the_orders_is_refused(
    good: Path, suiho: Rules, record: GameRecord
) -> None:
    _rewrite(good, lambda doc: doc["body"]["orders"][0].update(nukes=1))
    err = _refused(good, suiho, Reason.INVALID, record)
    assert "turn 1" in str(err)


def test_a_header_that_disagrees_with_the_state_is_refused(
    good: Path, suiho: Rules, record: GameRecord
) -> None:
    _rewrite(good, lambda doc: doc["header"].update(turn=9))
    _refused(good, suiho, Reason.INCONSISTENT, record)


def test_a_state_that_does_not_match_its_last_digest_is_refused(
    good: Path, suiho: Rules, record: GameRecord
) -> None:
    _rewrite(good, lambda doc: doc["body"]["state"].update(meter=99.0))
    _refused(good, suiho, Reason.INCONSISTENT, record)


def test_a_missing_file_and_an_oversized_file_are_refused(
    good: Path, suiho: Rules, record: GameRecord
) -> None:
    with pytest.raises(SaveError) as info:
        load_save(saves_dir() / "nothing.json", suiho)
    assert info.value.reason == Reason.MISSING
    with good.open("ab") as f:
        f.truncate(MAX_SAVE_BYTES + 1)
    _refused(good, suiho, Reason.TOO_LARGE, record)
