"""``python -m game`` and the ``air-pressure`` command do what ``python main.py`` does:
open the game, or run a headless command."""

from __future__ import annotations

import multiprocessing
import os
import sys


def main() -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.content import MissingContent, check_content

    try:
        check_content()
    except MissingContent as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from game.cli import main as run_command

    code = run_command(sys.argv[1:])
    if code != -1:
        return code
    problem = no_display(os.environ, sys.platform)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    from game.ui.app import run_app

    return run_app()


def no_display(env: os._Environ[str] | dict[str, str], platform: str) -> str | None:
    """Why the game's window cannot open here, or None: without a display SDL would
    fall back to drawing nowhere, and the game would wait for input that never comes."""
    if env.get("SDL_VIDEODRIVER"):  # chosen on purpose (tests, a headless framebuffer)
        return None
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display to open the game's window on (neither DISPLAY nor WAYLAND_DISPLAY is "
        "set). Run it from a desktop session; the headless commands are listed by "
        "'python main.py --help'."
    )


if __name__ == "__main__":
    # The turn worker is a spawned process; in the standalone build it starts as this
    # same program, which must hand it to multiprocessing at once.
    multiprocessing.freeze_support()
    sys.exit(main())
