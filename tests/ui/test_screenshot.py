"""Every scene renders headless to a PNG at both checked sizes, as the docs use them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("size", ["1280x720", "1920x1080"])
@pytest.mark.parametrize("scene", ["title", "scenario", "planning", "report", "end", "history"])
def test_screenshot_writes_a_png_of_the_requested_size(
    tmp_path: Path, scene: str, size: str
) -> None:
    out = tmp_path / f"{scene}.png"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env["AIR_PRESSURE_HOME"] = str(tmp_path / "home")  # nothing touches the player's saves
    done = subprocess.run(
        [sys.executable, "main.py", "screenshot", "suiho_1952", "--scene", scene, "--out", str(out), "--size", size],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert f"{width}x{height}" == size
    assert not (tmp_path / "home" / "saves").exists()


def test_an_unknown_scene_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "main.py", "screenshot", "suiho_1952", "--scene", "lobby", "--out", str(tmp_path / "x.png")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "no scene 'lobby'" in done.stderr


def test_screenshot_takes_mods_like_the_game(tmp_path: Path) -> None:
    """A mod's own scenario renders with ``--mods``, and is unknown without it."""
    import shutil

    folder = tmp_path / "mods" / "my_mod" / "scenarios" / "my_raid"
    shutil.copytree(ROOT / "scenarios" / "suiho_1952", folder)
    text = (folder / "scenario.toml").read_text(encoding="utf-8")
    (folder / "scenario.toml").write_text(
        text.replace('id = "suiho_1952"', 'id = "my_raid"', 1), encoding="utf-8"
    )
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env["AIR_PRESSURE_HOME"] = str(tmp_path / "home")
    env.pop("AIR_PRESSURE_MODS", None)
    out = tmp_path / "raid.png"
    command = [sys.executable, "main.py", "screenshot", "my_raid", "--out", str(out)]
    done = subprocess.run(
        [*command, "--mods", str(tmp_path / "mods")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    without = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert without.returncode == 1 and "no such scenario" in without.stderr
