"""Air Pressure — Korea 1952–53. ``python main.py`` opens the game; ``--help`` lists commands."""

from __future__ import annotations

import multiprocessing
import sys

from game.__main__ import main

if __name__ == "__main__":
    # The standalone build starts from this file; its turn worker starts as the same
    # program, which multiprocessing must take over before the game opens.
    multiprocessing.freeze_support()
    sys.exit(main())
