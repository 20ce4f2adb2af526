"""docs/MODDING.md, followed word by word: every command runs, every file is written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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
