"""Every scene renders headless to a PNG at both checked sizes, as the docs use them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
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


SCENES_BY_NAME = (
    "planning", "politics", "forecast", "targets", "target", "pressure", "tasks", "report", "end",
    "history", "encyclopedia", "settings", "tutorial", "save", "load",
)  # fmt: skip


def test_every_tab_and_dialog_renders_by_name(tmp_path: Path, monkeypatch) -> None:
    """Each name opens its own screen: a picture with real content, unlike the others."""
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path / "home"))
    from game.settings import load_settings
    from game.ui.screenshot import SCENES, render_scene

    pictures = {}
    for scene in SCENES_BY_NAME:
        assert scene in SCENES
        picture = render_scene("suiho_1952", scene, (1280, 720))
        assert picture.get_size() == (1280, 720)
        small = pygame.transform.scale(picture, (160, 90))
        colours = {small.get_at((x, y))[:3] for x in range(0, 160, 4) for y in range(0, 90, 4)}
        assert len(colours) > 20, f"{scene} looks blank"
        pictures[scene] = pygame.image.tobytes(small, "RGB")
    assert len(set(pictures.values())) == len(SCENES_BY_NAME)  # no two names show the same
    assert load_settings()[0].fullscreen is False


def test_screenshot_honours_size_and_never_goes_full_screen(tmp_path: Path, monkeypatch) -> None:
    """The player's full-screen setting is theirs: a screenshot keeps --size and a window."""
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path / "home"))
    from game.settings import Settings, load_settings, save_settings
    from game.ui.app import App
    from game.ui.screenshot import render_scene, screenshot_settings

    save_settings(Settings(fullscreen=True, window_size=(1600, 900), ui_scale=150))
    picture = render_scene("suiho_1952", "title", (1280, 720))
    assert picture.get_size() == (1280, 720)
    app = App((1920, 1080), settings=screenshot_settings(150, colour_blind=True))
    assert not app.fullscreen and app.window.get_size() == (1920, 1080)
    assert app.scale_percent == 150
    assert load_settings()[0].fullscreen is True  # the player's settings are left alone
