"""Keeping the cyclic garbage collector's full passes short while the game is played.

Loading a scenario leaves hundreds of thousands of objects that live as long as the
game (rules, the map, widgets); a full pass of the collector walks every one of them
and stalls a frame for tens of milliseconds. Once a screen has loaded what it keeps, the
heap is collected once and what survives is set aside (``gc.freeze``), so later passes
walk only what the game makes while it runs.
"""

from __future__ import annotations

import gc


def settle_heap() -> None:
    """Collect what loading left behind, then set the survivors aside from later passes
    (those set aside before are looked at again first, so an old game can be freed)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
