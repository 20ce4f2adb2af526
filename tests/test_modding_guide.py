"""docs/MODDING.md, followed word by word: every command runs, every file is written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.data.schema import scenario_schema

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "MODDING.md"
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1).strip(), m.group(2)) for m in FENCE.finditer(GUIDE.read_text("utf-8"))]


def test_the_guide_walks_from_nothing_to_a_playable_modded_scenario(tmp_path: Path) -> None:
    home = tmp_path / "home"
    mods = home / "mods"
    env = {
        **os.environ,
        "AIR_PRESSURE_HOME": str(home),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    output = ""
    ran = wrote = checked = 0
    for info, body in blocks():
        body = body.replace("<mods>", str(mods))
        words = info.replace("<mods>", str(mods)).split()
        kind = words[0] if words else ""
        if kind == "sh":
            for line in body.splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                command = line.replace("python ", f"{sys.executable} ", 1)
                done = subprocess.run(
                    command,
                    shell=True,
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
                output = done.stdout
                ran += 1
        elif kind == "toml" and len(words) == 2:
            path = Path(words[1])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
            wrote += 1
        elif kind == "xml" and words[1:2] == ["targets-of"]:
            path = Path(words[2])
            text = path.read_text(encoding="utf-8")
            opening = re.search(r'<objectgroup[^>]*name="targets"[^>]*>\n', text)
            assert opening, "the map has no targets layer"
            path.write_text(text[: opening.end()] + body + text[opening.end() :], "utf-8")
            wrote += 1
        elif kind == "text" and words[1:2] == ["expect"]:
            for expected in filter(None, (ln.strip() for ln in body.splitlines())):
                assert expected in output, f"expected {expected!r} in:\n{output}"
                checked += 1
    assert ran >= 6 and wrote >= 3 and checked >= 3
    # The scenario really is playable with the map edit: the new target is in play.
    scenario = mods / "wonsan_raid" / "scenarios" / "wonsan_1952"
    assert 'name="wonsan_oil_depot"' in (scenario / "wonsan.tmx").read_text("utf-8")


def _fields(schema: dict, node: dict) -> set[str]:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    for key in ("additionalProperties", "items"):
        if isinstance(node.get(key), dict) and "properties" in node[key]:
            node = node[key]
    return set(node.get("properties", {}))


def test_the_reference_explains_every_field_of_the_format() -> None:
    schema = scenario_schema()
    text = GUIDE.read_text("utf-8")
    names = set(schema["properties"])
    for section in schema["properties"].values():
        names |= _fields(schema, section)
    for nested in ("CardScope", "OperationEntry", "Condition"):
        names |= set(schema["$defs"][nested]["properties"])
    missing = sorted(
        n for n in names if f"`{n}`" not in text and f"[{n}]" not in text and f"[{n}." not in text
    )
    assert not missing, f"MODDING.md does not explain: {missing}"


def test_the_guides_example_of_a_mistake_is_what_validate_prints(tmp_path: Path) -> None:
    text = GUIDE.read_text("utf-8")
    section = text[text.index("## 6. Mistakes") : text.index("## 7.")]
    [example] = [b for info, b in _blocks_of(section) if info == "text"]
    home = tmp_path / "home"
    override = home / "mods" / "broken" / "overrides" / "suiho_1952.toml"
    override.parent.mkdir(parents=True)
    override.write_text('# a typo\n[pools.f86]\nsortie_rate = "lots"\n', encoding="utf-8")
    env = {**os.environ, "AIR_PRESSURE_HOME": str(home)}
    env.pop("AIR_PRESSURE_MODS", None)
    done = subprocess.run(
        [sys.executable, "main.py", "validate", "suiho_1952"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert example.strip().replace("<mods>", str(home / "mods")) in done.stdout.splitlines()


def _blocks_of(text: str) -> list[tuple[str, str]]:
    return [(m.group(1).strip(), m.group(2)) for m in FENCE.finditer(text)]


def _section(number: int) -> str:
    text = GUIDE.read_text("utf-8")
    start = text.index(f"## {number}. ")
    return text[start : text.index("\n## ", start + 1)]


def test_one_data_folder_holds_saves_mods_settings_and_the_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.data.mods import user_mods_dir
    from game.save.storage import saves_dir
    from game.settings import settings_path
    from game.ui.crash import log_path

    assert "`logs/crash.log`" in _section(1) and "`AIR_PRESSURE_HOME`" in _section(1)
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path))
    assert log_path() == tmp_path / "logs" / "crash.log"
    for path in (saves_dir(), user_mods_dir(), settings_path()):
        assert path.parent == tmp_path


def test_every_command_the_guide_gives_mods_to_takes_them() -> None:
    from game.cli import build_parser

    section = _section(1)
    commands = re.findall(r"`(\w+)`", section[section.index("--mods DIR") :].split(", or")[0])
    assert commands == ["scenarios", "validate", "simulate", "replay", "screenshot"]
    needs = {"simulate": ["x"], "replay": ["x.json"], "screenshot": ["x", "--out", "x.png"]}
    for command in commands:
        args = build_parser().parse_args([command, *needs.get(command, []), "--mods", "a"])
        assert args.mods == ["a"]
    assert build_parser().parse_args(["--mods", "a"]).mods == ["a"]


def test_mods_named_in_the_environment_variable_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.data.mods import mod_folders

    assert "`AIR_PRESSURE_MODS`" in _section(1)
    one, many = tmp_path / "one_mod", tmp_path / "many"
    (one / "overrides").mkdir(parents=True)
    (many / "first").mkdir(parents=True)
    (many / "second").mkdir()
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AIR_PRESSURE_MODS", os.pathsep.join([str(one), str(many)]))
    assert mod_folders() == [one, many / "first", many / "second"]


def test_validate_warns_of_a_target_no_pool_reaches_and_an_event_that_never_fires(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.cli import main
    from game.data.scenario import SCENARIOS_DIR

    assert "a target no pool can reach, an event that can never fire" in _section(6)
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AIR_PRESSURE_MODS", raising=False)
    text = (SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text("utf-8")
    text = re.sub(r"(?m)^range_km = \d+", "range_km = 10", text)
    text = text.replace(
        "start = 1952-06-24\nend = 1952-06-27", "start = 1952-06-28\nend = 1952-06-27"
    )
    folder = tmp_path / "suiho_1952"
    folder.mkdir()
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 0  # legal: warned of, not refused
    out = capsys.readouterr().out
    assert "targets.suiho_dam: warning: no strike pool can reach it" in out
    assert "events.london_protest.start: warning: starts after it ends: it can never fire" in out
    assert out.rstrip().endswith(f"{folder}: ok")


def test_mods_apply_in_the_order_the_guide_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.data.scenario import find_scenario, load_rules

    assert "the mods folder's by name, then `--mods` folders as given" in _section(7)
    home = tmp_path / "home"
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(home))
    monkeypatch.delenv("AIR_PRESSURE_MODS", raising=False)

    def mod(folder: Path, flak: int) -> Path:
        (folder / "overrides").mkdir(parents=True)
        (folder / "overrides" / "suiho_1952.toml").write_text(
            f"[targets.suiho_dam]\nflak = {flak}\n", encoding="utf-8"
        )
        return folder

    def flak(*extra: Path) -> float:
        return load_rules(find_scenario("suiho_1952", extra)).targets["suiho_dam"].flak

    mod(home / "mods" / "b_later", 41)
    mod(home / "mods" / "a_first", 40)
    assert flak() == 41  # by name: b_later is laid over a_first
    assert flak(mod(tmp_path / "z_given", 43), mod(tmp_path / "y_given", 42)) == 42


def _schema_setup(tmp_path: Path) -> tuple[Path, Path]:
    """Section 9 followed: the override schema in the mod, named in the override's first
    line; the override is section 7's. Returns the mod and the override file."""
    mods = tmp_path / "mods"
    (mods / "wonsan_raid").mkdir(parents=True)  # made in step 2
    [write] = [b for info, b in _blocks_of(_section(9)) if info == "sh"]
    command = write.strip().replace("<mods>", str(mods)).replace("python ", f"{sys.executable} ")
    subprocess.run(command, shell=True, cwd=ROOT, check=True, capture_output=True, timeout=60)
    [directive] = [b for info, b in _blocks_of(_section(9)) if info == "toml"]
    [(info, body)] = [(i, b) for i, b in _blocks_of(_section(7)) if i.startswith("toml ")]
    override = Path(info.split()[1].replace("<mods>", str(mods)))
    override.parent.mkdir(parents=True)
    override.write_text(directive + body, encoding="utf-8")
    return mods / "wonsan_raid", override


@pytest.mark.skipif(shutil.which("taplo") is None, reason="taplo (pip install taplo) not installed")
def test_a_mod_kept_elsewhere_is_checked_by_taplo_through_its_schema_line(tmp_path: Path) -> None:
    _, override = _schema_setup(tmp_path)
    check = ["taplo", "check", str(override)]
    done = subprocess.run(check, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr  # the schema was found, and the file fits it
    override.write_text(override.read_text("utf-8") + "treshold = 1\n", encoding="utf-8")
    done = subprocess.run(check, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "treshold" in done.stderr


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema missing")
def test_the_guides_check_jsonschema_line_checks_an_override(tmp_path: Path) -> None:
    mod, override = _schema_setup(tmp_path)
    [line] = re.findall(r"`(check-jsonschema [^`]+)`", _section(9))
    command = line.split()
    done = subprocess.run(command, cwd=mod, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    override.write_text(override.read_text("utf-8") + "treshold = 1\n", encoding="utf-8")
    done = subprocess.run(command, cwd=mod, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "treshold" in done.stdout


FOUR_TABLES = """
[scenario]
id = "mini"
name = "Mini"
map = "korea.tmx"
start = 1952-08-04
end = 1952-08-06
turn_days = 1

[supply]
entries = { kowon = 900 }
depots = ["pyonggang"]
demand = 600

[pools.tf77]
name = "Task Force 77"
aircraft = "AD Skyraider"
role = "navy"
base = "tf77_area"
range_km = 600
establishment = 200
initial_ready = 180
sortie_rate = 0.6
replacements_per_month = 8
repair_days = 4
bomb_tons = 1.5

[targets]
wonsan = {}
pyonggang = {}
kowon = {}
rail_wonsan_kowon = {}
rail_wonsan_pyonggang = {}
"""


@pytest.mark.parametrize("table", ["scenario", "supply", "pools", "targets"])
def test_the_four_tables_on_the_shipped_map_make_a_scenario_and_each_is_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, table: str
) -> None:
    from game.cli import main

    assert "Four tables are needed (`[scenario]`,\n`[supply]`, `[pools.*]`, `[targets]`)" in (
        _section(4)
    )
    assert '(`map = "korea.tmx"`)' in _section(2)
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AIR_PRESSURE_MODS", raising=False)
    folder = tmp_path / "mod" / "scenarios" / "mini"
    folder.mkdir(parents=True)
    (folder / "scenario.toml").write_text(FOUR_TABLES, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--mods", str(tmp_path / "mod"), "mini"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"{folder}: ok")
    assert main(["simulate", "--mods", str(tmp_path / "mod"), "mini"]) == 0
    header = f"[{table}.tf77]" if table == "pools" else f"[{table}]"
    start = FOUR_TABLES.index(header)
    end = FOUR_TABLES.find("\n[", start + 1)
    (folder / "scenario.toml").write_text(FOUR_TABLES[:start] + FOUR_TABLES[end:], "utf-8")
    capsys.readouterr()
    assert main(["validate", "--mods", str(tmp_path / "mod"), "mini"]) == 1
    assert f"{folder / 'scenario.toml'}: {table}" in capsys.readouterr().out


def test_the_guides_hints_for_a_share_in_percent_and_a_misspelt_key_are_what_it_gets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.data.scenario import ScenarioError, find_scenario, load_rules

    section = " ".join(_section(6).split())
    assert '`accuracy = 45` is refused with "a share: write 45% as 0.45"' in section
    assert "a misspelt `sortie_rat` with \"unknown key; did you mean 'sortie_rate'?\"" in section
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path))
    monkeypatch.delenv("AIR_PRESSURE_MODS", raising=False)
    override = tmp_path / "mods" / "m" / "overrides" / "suiho_1952.toml"
    override.parent.mkdir(parents=True)
    override.write_text("[pools.f86]\naccuracy = 45\nsortie_rat = 1\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_rules(find_scenario("suiho_1952"))
    text = "\n".join(info.value.problems)
    assert "pools.f86.accuracy: " in text and "a share: write 45% as 0.45" in text
    assert "pools.f86.sortie_rat: unknown key; did you mean 'sortie_rate'? (line 3)" in text
