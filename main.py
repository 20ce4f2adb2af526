"""Air Pressure — Korea 1952–53. ``python main.py`` opens the game; ``--help`` lists commands."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def run() -> int:
    from game.cli import main

    code = main(sys.argv[1:])
    if code != -1:
        return code
    from game.ui.app import run_app

    return run_app()


if __name__ == "__main__":
    sys.exit(run())
