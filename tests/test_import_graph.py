"""The modules of game/ import one way: no cycles, counting imports inside functions.

The graph is read from the source, so an import hidden in a function to dodge a cycle at
load time still counts. Imports under `if TYPE_CHECKING:` are for the type checker only
and do not run, so they are left out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run, at any depth, outside `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return found


def import_graph(package: Path, root: Path = ROOT) -> dict[str, set[str]]:
    """Each module of the package, and the modules of the package it imports."""
    paths = {module_name(p, root): p for p in sorted(package.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets: set[str] = set()
        for node in _runtime_imports(tree):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
                continue
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, base] if base else here)
            targets.add(base)
            targets.update(f"{base}.{a.name}" for a in node.names)
        graph[name] = {t for t in targets if t in paths and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(groups)


def test_game_has_no_import_cycles():
    graph = import_graph(GAME)
    assert "game.core.turn" in graph and "game.ui.app" in graph
    assert cycles(graph) == []


def test_cycle_finder_sees_a_cycle_through_a_function_import(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from pkg.c import g\n")
    (pkg / "c.py").write_text("from . import a\n")
    (pkg / "d.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n"
    )
    graph = import_graph(pkg, tmp_path)
    assert graph["pkg.d"] == set()
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]


SCENE_BASES = {"Scene", "OverlayScene"}


def scene_modules(graph: dict[str, set[str]], package: Path = GAME / "ui") -> set[str]:
    """The interface modules that define a scene (a class on Scene or OverlayScene)."""
    found = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name not in SCENE_BASES:
                bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                if bases & SCENE_BASES:
                    found.add(module_name(path))
    return found & set(graph)


def test_no_scene_imports_another():
    graph = import_graph(GAME)
    scenes = scene_modules(graph)
    assert {"game.ui.screens.planning", "game.ui.screens.title", "game.ui.screens.report"} <= scenes
    assert sorted(f"{m} -> {t}" for m in scenes for t in graph[m] & scenes) == []


# The interface's rooms, lowest first: a room imports only the rooms before it, so the
# drawing kit knows no map, the map no desk, and the desk no screen.
ROOMS = ("kit", "map", "desk", "screens")
MAX_TOP_MODULES = 12
MAX_METHODS = 25


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return (
        parts[2] if len(parts) >= 3 and parts[:2] == ["game", "ui"] and parts[2] in ROOMS else None
    )


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in graph.items():
        here = room_of(module)
        for target in targets:
            there = room_of(target)
            if here and there and ROOMS.index(there) > ROOMS.index(here):
                found.append(f"{module} -> {target}")
    return sorted(found)


def test_the_interface_rooms_import_only_downward():
    graph = import_graph(GAME)
    assert {room_of(m) for m in graph} >= set(ROOMS)
    assert upward_imports(graph) == []


def test_a_room_importing_upward_is_caught():
    graph = {"game.ui.kit.style": {"game.ui.map.icons"}, "game.ui.map.icons": set()}
    assert upward_imports(graph) == ["game.ui.kit.style -> game.ui.map.icons"]


def test_few_modules_stand_directly_in_the_interface_folder():
    top = [p.name for p in (GAME / "ui").glob("*.py") if p.name != "__init__.py"]
    assert len(top) <= MAX_TOP_MODULES, sorted(top)


def test_no_class_has_more_than_25_methods():
    too_big = []
    for path in sorted(GAME.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods = [
                    b for b in node.body if isinstance(b, ast.FunctionDef | ast.AsyncFunctionDef)
                ]
                if len(methods) > MAX_METHODS:
                    too_big.append(f"{module_name(path)}.{node.name}: {len(methods)}")
    assert too_big == []


def test_the_desk_controller_runs_without_pygame():
    """The plan, its undo and End Turn's checks are plain Python (the views are pygame's)."""
    tree = ast.parse((GAME / "ui" / "desk" / "controller.py").read_text(encoding="utf-8"))
    imported = {
        a.name for n in _runtime_imports(tree) if isinstance(n, ast.Import) for a in n.names
    }
    imported |= {n.module or "" for n in _runtime_imports(tree) if isinstance(n, ast.ImportFrom)}
    graph = import_graph(GAME)
    reached, todo = set(), ["game.ui.desk.controller"]
    while todo:
        m = todo.pop()
        if m not in reached:
            reached.add(m)
            todo.extend(graph[m])
    paths = {module_name(p): p for p in GAME.rglob("*.py")}
    uses_pygame = re.compile(r"^\s*(import|from) pygame", re.M)
    pygame_users = {m for m in reached if uses_pygame.search(paths[m].read_text(encoding="utf-8"))}
    assert "pygame" not in imported
    assert pygame_users == set()
