"""The wheel is the whole game: built from the source, installed in a fresh virtual
environment and run from a folder that is not the clone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import game

ROOT = Path(__file__).resolve().parents[2]
BIN = "Scripts" if os.name == "nt" else "bin"


def run(*args: str | Path, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", **extra_env}
    env.pop("PYTHONPATH", None)  # the installed game, never the clone's
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900, env=env
    )


def shipped_files() -> list[str]:
    """Every file the game reads: the content folders and the data beside its code."""
    files = [p for folder in ("scenarios", "assets") for p in (ROOT / folder).rglob("*")]
    files += [p for ext in ("*.toml", "*.json") for p in (ROOT / "game").rglob(ext)]
    out = []
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(ROOT).as_posix()
            out.append(rel if rel.startswith("game/") else f"game/{rel}")
    return sorted(out)


@pytest.mark.slow
def test_the_installed_wheel_plays_from_any_folder(tmp_path: Path) -> None:
    built = run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", "wheels", ROOT,
                cwd=tmp_path)  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "wheels").glob("air_pressure-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [f for f in shipped_files() if f not in names]
    assert {"game/__main__.py", "game/content.py"} <= names

    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / BIN / "python"
    installed = run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    away = tmp_path / "elsewhere"
    away.mkdir()
    command = tmp_path / "venv" / BIN / "air-pressure"
    out = run(command, "--version", cwd=away)
    assert out.stdout.strip() == f"air-pressure {game.__version__}", out.stderr
    out = run(command, "scenarios", cwd=away)
    assert out.returncode == 0, out.stderr
    shipped = sorted(p.name for p in (ROOT / "scenarios").iterdir() if p.is_dir())
    assert [line.split()[0] for line in out.stdout.splitlines()] == shipped
    out = run(command, "validate", cwd=away)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "encyclopedia" in out.stdout
    out = run(python, "-m", "game", "simulate", "suiho_1952", "--runs", "2", "--json", cwd=away)
    assert out.returncode == 0, out.stderr
    runs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["seed"] for r in runs] == [1, 2]

    # The window opens and draws the title screen (with the dummy video driver).
    out = run(command, cwd=away, AIR_PRESSURE_EXIT_AFTER_FIRST_FRAME="1")
    assert out.returncode == 0, out.stderr
    assert "first-frame " in out.stdout

    # An install that lost its scenarios says so, instead of offering no scenario.
    package = Path(run(python, "-c", "import game; print(game.__file__)", cwd=away).stdout.strip())
    shutil.rmtree(package.parent / "scenarios")
    out = run(command, "scenarios", cwd=away)
    assert out.returncode == 2
    assert f"the game's scenarios/ not found in {package.parent}" in out.stderr
    assert "Traceback" not in out.stderr
