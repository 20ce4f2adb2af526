"""What pyproject.toml cannot say: the wheel carries the top-level scenarios/ and assets/
folders inside the game package, where game.content finds them once installed."""

from pathlib import Path

from setuptools import find_packages, setup

CONTENT = ("scenarios", "assets")


def content_packages() -> dict[str, str]:
    """Each content folder and its subfolders as a data-only package of ``game``."""
    folders = {}
    for name in CONTENT:
        for folder in [Path(name), *sorted(p for p in Path(name).rglob("*") if p.is_dir())]:
            if folder.name != "__pycache__":
                folders[".".join(("game", *folder.parts))] = folder.as_posix()
    return folders


DATA = content_packages()

setup(
    packages=[*find_packages(include=["game", "game.*"]), *DATA],
    package_dir=DATA,
    # The game's own data files beside its code, and every file of the content folders.
    package_data={
        **{package: ["*.toml", "*.json"] for package in find_packages(include=["game.*"])},
        **{package: ["*"] for package in DATA},
    },
)
