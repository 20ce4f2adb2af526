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
    from game.ui.app import run_app

    return run_app()


if __name__ == "__main__":
    # The turn worker is a spawned process; in the standalone build it starts as this
    # same program, which must hand it to multiprocessing at once.
    multiprocessing.freeze_support()
    sys.exit(main())
