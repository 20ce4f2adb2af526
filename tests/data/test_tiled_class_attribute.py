"""An object's Tiled class comes from ``type`` (written by Tiled up to 1.8, the one in
Debian 12, and again from 1.10) or ``class`` (Tiled 1.9): both give the same map, checked here
through the real Tiled when it is installed. ``map-objects`` lists what the game reads."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.data.maps import load_map
from game.data.scenario import MAPS_DIR

KOREA = MAPS_DIR / "korea.tmx"
TILED = shutil.which("tiled")


def _kinds(path: Path) -> dict[str, str]:
    return {f.id: f.kind for f in load_map(path).features.values()}


def _as_class(tmp_path: Path) -> Path:
    """korea.tmx as Tiled 1.9 writes it: each object's ``type`` attribute as ``class``."""
    for extra in ("terrain.tsx", "terrain.png"):
        shutil.copy(MAPS_DIR / extra, tmp_path / extra)
    text = KOREA.read_text(encoding="utf-8")
    text = re.sub(r'(<object [^>]*?) type="', r'\1 class="', text)
    assert ' class="city"' in text
    out = tmp_path / "korea_class.tmx"
    out.write_text(text, encoding="utf-8")
    return out


def test_type_and_class_give_the_same_kinds(tmp_path: Path) -> None:
    kinds = _kinds(KOREA)
    assert kinds and all(kinds.values())
    assert _kinds(_as_class(tmp_path)) == kinds


HEADLESS = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _tiled_export(source: Path, out: Path) -> str:
    done = subprocess.run(
        [str(TILED), "--export-map", "tmx", str(source), str(out)],
        env=HEADLESS, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


def _tiled_version() -> tuple[int, int]:
    done = subprocess.run(
        [str(TILED), "--version"], env=HEADLESS, capture_output=True, text=True, timeout=60
    )
    found = re.search(r"(\d+)\.(\d+)", done.stdout + done.stderr)
    assert found, done.stdout + done.stderr
    return int(found.group(1)), int(found.group(2))


@pytest.mark.skipif(TILED is None, reason="Tiled is not installed")
def test_a_map_saved_again_by_the_real_tiled_keeps_its_kinds(tmp_path: Path) -> None:
    for extra in ("korea.tmx", "terrain.tsx", "terrain.png"):
        shutil.copy(MAPS_DIR / extra, tmp_path / extra)
    written = _tiled_export(tmp_path / "korea.tmx", tmp_path / "resaved.tmx")
    version = _tiled_version()
    attribute = "class" if version[:2] == (1, 9) else "type"  # 1.10 went back to type
    assert f' {attribute}="city"' in written
    assert _kinds(tmp_path / "resaved.tmx") == _kinds(KOREA)


@pytest.mark.skipif(TILED is None, reason="Tiled is not installed")
def test_tiled_before_1_9_drops_the_class_attribute_and_the_loader_says_so(
    tmp_path: Path,
) -> None:
    if _tiled_version() >= (1, 9):
        pytest.skip("this Tiled writes class itself")
    written = _tiled_export(_as_class(tmp_path), tmp_path / "resaved.tmx")
    assert ' class="city"' not in written  # what MODDING.md warns of
    assert not any(_kinds(tmp_path / "resaved.tmx").values())


def test_map_objects_lists_ids_layers_and_classes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map-objects", "korea.tmx"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^suiho_dam\s+targets\s+hydro_plant\s+point$", out, re.MULTILINE), out[:500]
    assert out.rstrip().endswith(f"{len(_kinds(KOREA))} objects in {KOREA}")
    assert main(["map-objects", str(KOREA), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"id": "suiho_dam", "layer": "targets", "class": "hydro_plant", "shape": "point"} in rows


def test_map_objects_names_a_bad_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<map", encoding="utf-8")
    assert main(["map-objects", str(bad)]) == 1
    assert str(bad) in capsys.readouterr().err
