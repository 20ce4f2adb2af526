"""Replays: re-run a saved game from its scenario, seed and orders, and compare.

The game is deterministic (same seed, same orders, same events), so a save's state must
come out of its own orders exactly; a turn whose state digest differs from the one
recorded is the first place the game went another way (a changed rule, an edited
order, another numpy).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np

from game.core.model import GameState
from game.core.turn import new_game, run_turn
from game.save.codec import rng_to_data, state_digest, to_data
from game.save.record import GameRecord


@dataclass(frozen=True)
class ReplayReport:
    ok: bool
    turns: int  # turns re-run
    message: str
    mismatch_turn: int | None = None  # the first turn whose result differs
    mismatch_date: date | None = None  # that turn's first day


def replay(record: GameRecord) -> ReplayReport:
    """Re-run ``record``'s orders from a new game and its seed through ``run_turn``."""
    rules = record.rules
    rng = np.random.default_rng(record.seed)
    state = new_game(rules)
    recorded = _recorded_history_keys(record.state)
    for index, orders in enumerate(record.orders):
        turn, day = state.turn, state.day
        try:
            state = run_turn(rules, state, orders, rng).state
        except Exception as exc:  # recorded orders are data from a file: report, never crash
            return ReplayReport(
                False,
                index,
                f"mismatch at turn {turn} ({day.isoformat()}): the recorded orders cannot be "
                f"run ({type(exc).__name__}: {exc})",
                turn,
                day,
            )
        if state_digest(_as_recorded(state, recorded)) != record.digests[index]:
            return ReplayReport(
                False,
                index + 1,
                f"mismatch at turn {turn} ({day.isoformat()}): the state after this turn "
                "differs from the one recorded",
                turn,
                day,
            )
    replayed, saved = to_data(_as_recorded(state, recorded)), to_data(record.state)
    if replayed != saved:
        where = ", ".join(_differences(replayed, saved)[:5])
        return ReplayReport(
            False,
            len(record.orders),
            f"mismatch in the final state after turn {len(record.orders)}: {where}",
            len(record.orders) or None,
        )
    if rng_to_data(rng) != rng_to_data(record.rng):
        return ReplayReport(
            False,
            len(record.orders),
            "mismatch in the random generator's state after the last turn",
            len(record.orders) or None,
        )
    return ReplayReport(
        True,
        len(record.orders),
        f"{len(record.orders)} turns re-run from seed {record.seed}: the final state "
        f"(turn {state.turn}, {state.day.isoformat()}, {state.outcome.value}) matches the save",
    )


def _differences(a: Any, b: Any, path: str = "state") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{path}.{key}")
            else:
                out.extend(_differences(a[key], b[key], f"{path}.{key}"))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _differences(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [path]


def _recorded_history_keys(saved: GameState) -> frozenset[str] | None:
    """The columns of the saved turn history, over all its rows (a row holds only the
    meter causes of its own turn); None when it has no rows."""
    return frozenset().union(*saved.history) if saved.history else None


def _as_recorded(state: GameState, keys: frozenset[str] | None) -> GameState:
    """``state`` with its turn history cut to the columns an older save recorded.

    History rows gain columns as the game grows (the planner's estimates came later);
    a save from before such a change is compared on what it did record.
    """
    if keys is None or all(set(row) <= keys for row in state.history):
        return state
    history = [{k: v for k, v in row.items() if k in keys} for row in state.history]
    return replace(state, history=history)
