"""Imports run one way: the rules (game.core) never reach for pygame, pytmx, files or the UI."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "game" / "core"
FORBIDDEN = ("pygame", "pytmx", "pygame_gui", "game.ui", "game.data", "game.save", "game.cli")


def _core_modules() -> list[str]:
    return sorted(
        "game.core" + ("" if p.stem == "__init__" else "." + p.stem) for p in CORE.glob("*.py")
    )


def test_importing_game_core_leaves_pygame_and_pytmx_out():
    modules = _core_modules()
    assert "game.core.turn" in modules and "game.core.summary" in modules
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(out.stdout))
    assert "game.core.turn" in loaded  # the import really happened
    assert not {"pygame", "pytmx", "pygame_gui"} & loaded
    assert not any(m.startswith(("game.ui", "game.data")) for m in loaded)


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_game_core_source_imports_nothing_from_outer_layers():
    files = sorted(CORE.glob("*.py"))
    assert len(files) > 5
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    ]
    assert offenders == []


def test_import_scan_would_catch_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    import pygame\n    from game.data.maps import load_map\n")
    assert _imports(bad) == ["pygame", "game.data.maps"]


def test_core_classes_refuse_unknown_keys_and_nan_whatever_was_imported_first():
    """The classes carry their own config: no other module has to be imported first."""
    code = (
        "from pydantic import TypeAdapter, ValidationError\n"
        "from game.core.orders import TurnOrders\n"
        "from game.core.model import MeterRules\n"
        "import sys\n"
        "for cls, raw in ((TurnOrders, {'bogus': 1}), (MeterRules, {'initial': float('nan')})):\n"
        "    try:\n"
        "        TypeAdapter(cls).validate_python(raw)\n"
        "    except ValidationError:\n"
        "        continue\n"
        "    sys.exit(f'{cls.__name__} accepted {raw}')\n"
        "assert not any(m.startswith(('game.data', 'game.save')) for m in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr or done.stdout
