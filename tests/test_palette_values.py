"""The palette and the settings are values handed down, never module state rewritten at
run time: no module of the interface assigns an attribute of a module-level name (a
class, a module, a palette), calls setattr on one, rebinds a global, or mutates a
module-level colour table; the palette and the settings cannot be changed in place."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import re
from pathlib import Path

from game.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "game" / "ui"
COLOUR_TABLE = re.compile(r"COLOU?R|PAL|ZONE", re.IGNORECASE)
MUTATORS = {"update", "clear", "pop", "popitem", "setdefault", "__setitem__", "__delitem__"}
# Not state of the game's: pygame_gui's font class, replaced once at start so that text
# of only zero-width characters never closes the game.
ALLOWED = {"game/ui/kit/safe_text.py: assigns gui_font_pygame.Font"}


def _module_names(tree: ast.Module) -> set[str]:
    """Names bound at a module's top level: imports, classes, functions, constants."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def _local_names(func: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> set[str]:
    args = func.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    names = {a.arg for a in params if a is not None}
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def offences(source: str, where: str = "<source>") -> list[str]:
    """What in ``source`` changes module state at run time (inside a function)."""
    tree = ast.parse(source)
    module = _module_names(tree)
    out: list[str] = []
    funcs = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
    ]
    for func in funcs:
        local = _local_names(func)

        def shared(node: ast.expr, local: set[str] = local) -> str | None:
            """The module-level name ``node`` is, if it is one (not shadowed)."""
            if isinstance(node, ast.Name) and node.id in module and node.id not in local:
                return node.id
            return None

        for node in ast.walk(func):
            at = f"{where}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Global | ast.Nonlocal):
                out.append(f"{at}: rebinds {', '.join(node.names)}")
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
                if name := shared(node.value):
                    out.append(f"{at}: assigns {name}.{node.attr}")
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del):
                if (name := shared(node.value)) and COLOUR_TABLE.search(name):
                    out.append(f"{at}: writes into {name}")
            elif isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Name) and f.id in ("setattr", "delattr") and node.args:
                    if name := shared(node.args[0]):
                        out.append(f"{at}: {f.id} on {name}")
                elif (
                    isinstance(f, ast.Attribute)
                    and f.attr in MUTATORS
                    and (name := shared(f.value))
                    and COLOUR_TABLE.search(name)
                ):
                    out.append(f"{at}: {name}.{f.attr}()")
    return out


def test_the_scan_finds_each_way_of_rewriting_module_state():
    source = """
from game.ui.kit.style import PAL, Palette
from game.ui.map import map_render
ZONE_COLORS = {}
_current = {"on": False}

def switch(on, table):
    global _current
    setattr(PAL, "GOOD", (1, 2, 3))
    Palette.DANGER = (1, 2, 3)
    map_render.ZONE_COLORS = {}
    ZONE_COLORS.update(table)
    ZONE_COLORS["mig_alley"] = (1, 2, 3, 4)

def fine(element, pal):
    setattr(element, "tool_tip", None)
    element.colour = pal.GOOD
    cache = {}
    cache.update({})
    ZONE_COLORS = {}
    ZONE_COLORS.update({})
"""
    found = offences(source)
    assert len(found) == 6, found
    assert [f.split(": ", 1)[1] for f in found] == [
        "rebinds _current",
        "setattr on PAL",
        "assigns Palette.DANGER",
        "assigns map_render.ZONE_COLORS",
        "ZONE_COLORS.update()",
        "writes into ZONE_COLORS",
    ]


def test_no_module_of_the_interface_rewrites_palettes_or_colour_tables_at_run_time():
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 40
    found = [
        f
        for path in files
        for f in offences(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert [f for f in found if re.sub(r":\d+:", ":", f, count=1) not in ALLOWED] == []


def test_palettes_and_settings_are_frozen_values_and_only_two_palettes_exist():
    from game.ui.kit.style import Palette

    assert Palette.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert Settings.model_config.get("frozen") is True
    assert {f.name for f in dataclasses.fields(Palette)} >= {"GOOD", "DANGER", "ZONES"}
    # No module keeps a palette of its own beside the two: a "current" one would be read
    # behind the caller's back.
    held = {}
    for path in sorted(UI.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, Palette):
                held.setdefault(id(value), set()).add(attr)
    assert sorted(sorted(names) for names in held.values()) == [["COLOUR_BLIND"], ["STANDARD"]]
