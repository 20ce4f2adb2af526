"""Every problem of a scenario at once, each with its file, key path, line and a hint:
syntax errors do not stop the reading, a broken [scenario] table does not hide the
other tables, and validate goes on to the next file after a broken one."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.cli import main
from game.data.problems import parse
from game.data.scenario import SCENARIOS_DIR, ScenarioError, load_rules
from game.data.syntax import MAX_SYNTAX_ERRORS

SUIHO = (SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text(encoding="utf-8")
DUPLICATE_EVENT = '\n[[events]]\nid = "london_protest"\ntitle = "Again"\ntext = "t"\n'

# (name, text replaced, replacement, text appended, the key path a problem must name)
BROKEN: list[tuple[str, str, str, str, str]] = [
    ("wrong type", "mig_vulnerability = 0.05", 'mig_vulnerability = "lots"', "", "pools.fifth_af_fb.mig_vulnerability"),
    ("percent for a share", "accuracy = 0.45", "accuracy = 45", "", "pools.fifth_af_fb.accuracy"),
    ("negative count", "establishment = 300", "establishment = -3", "", "pools.fifth_af_fb.establishment"),
    ("unknown pool id", 'escort_pool = "f86"', 'escort_pool = "f87"', "", "scenario.escort_pool"),
    ("unknown role", 'role = "navy"', 'role = "navvy"', "", "pools.tf77.role"),
    ("undeclared difficulty", "hard = 26000 }", "brutal = 26000 }", "", "enemy.labour"),
    ("syntax: two values", "demand = 2000", "demand = 2000 2000", "", "supply.demand"),
    ("syntax: key twice", "demand = 2000", "demand = 2000\ndemand = 3000", "", "supply.demand"),
    ("syntax: no value", "flak_mobile = 60", "flak_mobile =", "", "enemy.flak_mobile"),
    ("syntax: header unclosed", "[pools.b26]", "[pools.b26", "", "pools.b26"),
    ("syntax: bad date", "start = 1952-06-23", "start = 1952-06-2x", "", "scenario.start"),
    ("duplicate event id", "", "", DUPLICATE_EVENT, "events.london_protest.id"),
    ("unknown header key", "seed = 1952", "sed = 1952", "", "scenario.sed"),
    ("unknown metric", 'metric = "power_destroyed_pct"', 'metric = "power_destroyd"', "", "events.london_protest.conditions.0.metric"),
    ("unknown effect", 'kind = "world_opinion"', 'kind = "world_opinon"', "", "events.london_protest.effects.0.kind"),
    ("unknown zone kind", 'zone_kinds = ["sanctuary"]', 'zone_kinds = ["sanctuar"]', "", "cards.sanctuary.scope.zone_kinds.0"),
    ("id not snake_case", "[cards.prisoner_camps]", "[cards.Prisoner_camps]", "", "cards.Prisoner_camps"),
    ("header wrong type", "turn_days = 1 ", 'turn_days = "one" ', "", "scenario.turn_days"),
    ("target not on the map", "[targets]\n", "[targets]\nnowhere_plant = {}\n", "", "targets.nowhere_plant"),
    ("difficulties not a list", 'difficulties = ["easy", "normal", "hard"]', "difficulties = 3", "", "scenario.difficulties"),
    ("unknown default level", 'default_difficulty = "normal"', 'default_difficulty = "brutal"', "", "scenario.default_difficulty"),
    ("chance above 1", 'source = "V"\n\n#', 'source = "V"\nchance = 3\n\n#', "", "events.london_protest.chance"),
    ("odds not adding up", "6 = [0.6, 0.3, 0.1]", "6 = [0.6, 0.3, 0.3]", "", "weather.odds.6"),
    ("unknown map", 'map = "korea.tmx"', 'map = "nowhere.tmx"', "", "scenario.map"),
    ("end before start", "end = 1952-06-27", "end = 1952-06-01", "", "scenario.end"),
]  # fmt: skip


def _write(tmp_path: Path, edits: list[tuple[str, str, str, str, str]]) -> Path:
    text = SUIHO
    for name, old, new, extra, _ in edits:
        assert old in text, f"{name}: fixture text not found: {old!r}"
        text = (text.replace(old, new, 1) if old else text) + extra
    folder = tmp_path / "broken"
    folder.mkdir(exist_ok=True)
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_rules(folder)
    return info.value.problems


def _audit(found: list[str], folder: Path) -> None:
    """Every problem names the file, a key path, a hint and, where the key is in the file,
    its line."""
    file = folder / "scenario.toml"
    text = file.read_text(encoding="utf-8")
    for line in found:
        p = parse(line)
        assert p.file == str(file), line
        assert p.key, f"no key path: {line}"
        assert p.hint, f"no hint: {line}"
        named = [part for part in p.key.split(".") if not part.isdigit()]
        if not p.message.startswith("Field required") and named[-1] in text:
            assert p.line is not None, f"no line: {line}"
            # The line holds the key, or the header of the table or entry it lies in.
            written = text.splitlines()[p.line - 1]
            assert any(part in written for part in named) or written.startswith("[["), line


@pytest.mark.parametrize("case", BROKEN, ids=[c[0] for c in BROKEN])
def test_each_kind_of_mistake_is_named_with_file_key_line_and_hint(
    tmp_path: Path, case: tuple[str, str, str, str, str]
) -> None:
    folder = _write(tmp_path, [case])
    found = _problems(folder)
    assert any(parse(p).key == case[4] for p in found), found
    _audit(found, folder)


def test_every_mistake_at_once_is_every_problem_at_once(tmp_path: Path) -> None:
    # Left out: a second edit of the same line, and the mistakes that leave nothing to
    # check against (with no map, no target can be placed; with no start, no end).
    apart = ("syntax: key twice", "unknown map", "syntax: bad date")
    combined = [c for c in BROKEN if c[0] not in apart]
    folder = _write(tmp_path, combined)
    found = _problems(folder)
    keys = {parse(p).key for p in found}
    missing = [c[0] for c in combined if c[4] not in keys]
    assert not missing, f"not reported when all come together: {missing}\n" + "\n".join(found)
    _audit(found, folder)


def test_syntax_errors_in_several_tables_come_with_the_other_problems(tmp_path: Path) -> None:
    folder = _write(
        tmp_path,
        [c for c in BROKEN if c[0] in ("syntax: no value", "syntax: two values", "wrong type")],
    )
    found = _problems(folder)
    syntax = [p for p in found if "TOML syntax" in p]
    assert [parse(p).key for p in syntax] == ["supply.demand", "enemy.flak_mobile"]
    assert all(parse(p).line for p in syntax)
    assert any("mig_vulnerability" in p and "valid number" in p for p in found)
    # The blanked lines are not reported a second time as missing keys.
    assert not any("Field required" in p for p in found), found


def test_a_broken_scenario_table_does_not_hide_the_other_tables(tmp_path: Path) -> None:
    for header in ("scenario = 3\n[x]", "[scenario]\nname = 5"):
        text = SUIHO.replace("[scenario]", header, 1).replace("accuracy = 0.45", "accuracy = 45", 1)
        folder = tmp_path / "broken"
        folder.mkdir(exist_ok=True)
        (folder / "scenario.toml").write_text(text, encoding="utf-8")
        found = _problems(folder)
        assert any(p.startswith(f"{folder / 'scenario.toml'}: scenario") for p in found), found
        assert any("pools.fifth_af_fb.accuracy" in p and "0.45" in p for p in found), found


def test_syntax_recovery_is_bounded_on_a_large_broken_file(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    garbage = "".join(f"\nbad_{i} = = {i}" for i in range(2000))
    padding = "\n".join(f"# {'x' * 200}" for _ in range(8000))  # about 1.6 MB
    (folder / "scenario.toml").write_text(SUIHO + padding + garbage, encoding="utf-8")
    start = time.perf_counter()
    found = _problems(folder)
    assert time.perf_counter() - start < 10
    syntax = [p for p in found if "TOML syntax" in p]
    assert 1 <= len(syntax) <= MAX_SYNTAX_ERRORS


def test_validate_checks_every_file_after_a_broken_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AIR_PRESSURE_MODS", raising=False)
    folder = tmp_path / "several"
    for name, text in (
        ("a_broken", SUIHO.replace("demand = 2000", "demand = = 2000", 1)),
        ("b_wrong", SUIHO.replace("sortie_rate = 1.0", 'sortie_rate = "x"', 1)),
        ("c_fine", SUIHO),
    ):
        (folder / name).mkdir(parents=True)
        (folder / name / "scenario.toml").write_text(
            text.replace('id = "suiho_1952"', f'id = "{name}"'), encoding="utf-8"
        )
    capsys.readouterr()
    code = main(["validate", str(folder), str(folder / "b_wrong")])
    out = capsys.readouterr().out
    assert code == 1
    assert "a_broken/scenario.toml: supply.demand: TOML syntax" in out
    assert out.count("b_wrong/scenario.toml: pools.fifth_af_fb.sortie_rate") == 2
    assert f"{folder / 'c_fine'}: ok" in out


def test_only_a_file_that_cannot_be_read_stops_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "huge"
    folder.mkdir()
    (folder / "scenario.toml").write_text(SUIHO + "#" * 2_000_001, encoding="utf-8")
    [line] = _problems(folder)
    assert "larger than 2,000,000 bytes" in line and parse(line).hint
