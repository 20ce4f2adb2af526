"""Build the standalone game with PyInstaller: one folder, dist/air-pressure/, that runs
without Python. ``--check`` then runs the built program's headless commands.

    python -m pip install -e ".[standalone]"
    python tools/build_standalone.py [--check]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
NAME = "air-pressure"
RELEASE_FILES = ("LICENSE", "THIRD_PARTY.md", "CHANGELOG.md", "README.md")


def build() -> Path:
    import PyInstaller.__main__

    sep = os.pathsep
    PyInstaller.__main__.run(
        [
            str(ROOT / "main.py"),
            "--name", NAME,
            "--onedir",
            "--noconfirm",
            "--distpath", str(DIST),
            "--workpath", str(ROOT / "build" / "pyinstaller"),
            "--specpath", str(ROOT / "build"),
            # The content folders go where game.content looks in an installed game.
            "--add-data", f"{ROOT / 'scenarios'}{sep}game/scenarios",
            "--add-data", f"{ROOT / 'assets'}{sep}game/assets",
            "--collect-data", "game",  # theme.json, tutorial.toml
            "--collect-submodules", "game",
            "--collect-data", "pygame_gui",  # fonts, default theme, translations
        ]
    )  # fmt: skip
    folder = DIST / NAME
    for name in RELEASE_FILES:
        if (ROOT / name).is_file():
            shutil.copy(ROOT / name, folder / name)
    copy_licences(folder / "licenses")
    return folder


def runtime_distributions() -> list[str]:
    """The game's dependencies and theirs, without extras: what the build bundles."""
    from importlib.metadata import distribution

    names, todo = [], ["air-pressure"]
    while todo:
        name = todo.pop()
        for req in distribution(name).requires or []:
            dep = re.match(r"[A-Za-z0-9._-]+", req)
            if dep and "extra ==" not in req and dep.group(0) not in names:
                names.append(dep.group(0))
                todo.append(dep.group(0))
    return sorted(names)


def copy_licences(out: Path) -> None:
    """Each bundled library's licence files, as its package ships them."""
    from importlib.metadata import distribution

    for name in runtime_distributions():
        dist = distribution(name)
        for file in dist.files or []:
            if any(word in file.name.upper() for word in ("LICENSE", "LICENCE", "COPYING")):
                target = out / name / "__".join(file.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(Path(str(dist.locate_file(file))), target)


def check(folder: Path) -> int:
    """The frozen program's headless commands, and its window's first frame."""
    program = folder / (NAME + (".exe" if os.name == "nt" else ""))
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    commands = [
        ["--version"],
        ["scenarios"],
        ["validate"],
        ["simulate", "suiho_1952", "--runs", "2"],
        # The planning desk starts the turn worker: a spawned copy of this program.
        ["screenshot", "suiho_1952", "--scene", "planning", "--out", str(DIST / "check.png")],
        [],
    ]
    for args in commands:
        extra = {} if args else {"AIR_PRESSURE_EXIT_AFTER_FIRST_FRAME": "1"}
        done = subprocess.run(
            [str(program), *args], cwd=DIST, env={**env, **extra},
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        print(f"$ {NAME} {' '.join(args)}\n{done.stdout.strip()}")
        if done.returncode != 0 or "Traceback" in done.stderr or "usage:" in done.stderr:
            print(f"standalone check failed:\n{done.stderr}", file=sys.stderr)
            return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="run the built program's commands")
    args = parser.parse_args()
    folder = build()
    print(f"built {folder}")
    return check(folder) if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
