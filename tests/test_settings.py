"""Settings survive a restart; a damaged settings file never stops the game."""

from __future__ import annotations

import json
from pathlib import Path

from game.settings import Settings, load_settings, save_settings


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings(
        window_size=(1600, 900),
        fullscreen=True,
        ui_scale=150,
        colour_blind=True,
        volume=25,
        default_difficulty="hard",
        hangul_names=True,
        tutorial_done=True,
    )
    save_settings(chosen, path)
    loaded, problem = load_settings(path)
    assert problem is None
    assert loaded == chosen


def test_missing_file_gives_defaults_quietly(tmp_path: Path) -> None:
    loaded, problem = load_settings(tmp_path / "nothing.json")
    assert loaded == Settings()
    assert problem is None


def test_corrupt_file_gives_defaults_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"{not json")
    loaded, problem = load_settings(path)
    assert loaded == Settings()
    assert problem is not None and "settings.json" in problem
    assert path.read_bytes() == b"{not json"


def test_bad_values_are_dropped_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"ui_scale": 130, "volume": 10, "fullscreen": "maybe"}))
    loaded, problem = load_settings(path)
    assert loaded.volume == 10
    assert loaded.ui_scale == 100 and loaded.fullscreen is False
    assert problem is not None and "ui_scale" in problem and "fullscreen" in problem
    assert "volume" not in problem


def test_settings_default_to_the_data_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path))
    save_settings(Settings(volume=5))
    assert (tmp_path / "settings.json").exists()
    assert load_settings()[0].volume == 5


def test_a_window_size_no_display_could_open_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for size in ([60000, 40000], [0, 0], [1600, -900]):
        path.write_text(json.dumps({"window_size": size, "volume": 30}))
        loaded, problem = load_settings(path)
        assert loaded.window_size is None and loaded.volume == 30, size
        assert problem is not None and "window_size" in problem
    path.write_text(json.dumps({"window_size": [2560, 1440]}))
    assert load_settings(path) == (Settings(window_size=(2560, 1440)), None)
