"""The game finds its own files, and says so plainly when they are missing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import game
from game import content
from game.data.scenario import SCENARIOS_DIR, ScenarioError, list_scenarios

ROOT = Path(__file__).resolve().parents[2]


def test_a_clone_reads_its_top_level_scenarios_and_assets() -> None:
    assert content.content_root() == ROOT
    assert SCENARIOS_DIR == ROOT / "scenarios"


def test_missing_content_names_the_folders_and_the_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "assets").mkdir()
    monkeypatch.setattr(content, "content_root", lambda: tmp_path)
    with pytest.raises(
        content.MissingContent, match=r"scenarios/ not found in .*Reinstall the game"
    ):
        content.check_content()


def test_the_launcher_stops_with_a_message_when_content_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.__main__ import main

    monkeypatch.setattr(content, "content_root", lambda: tmp_path)
    monkeypatch.setattr(sys, "argv", ["air-pressure", "scenarios"])
    assert main() == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the game's scenarios/ and assets/ not found in ")


def test_a_missing_scenarios_folder_is_an_error_not_an_empty_list(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="scenarios folder is missing"):
        list_scenarios(tmp_path / "scenarios")


@pytest.mark.parametrize("launcher", [["main.py"], ["-m", "game"]])
def test_version_comes_from_the_package(launcher: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, *launcher, "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"air-pressure {game.__version__}"
