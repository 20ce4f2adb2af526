"""Headless pygame for the interface tests: set before pygame is imported anywhere.

Saves (autosaves after every turn, F5) go to a throwaway folder, never the player's.
"""

from __future__ import annotations

import os
import tempfile

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["AIR_PRESSURE_HOME"] = tempfile.mkdtemp(prefix="air-pressure-ui-tests-")
