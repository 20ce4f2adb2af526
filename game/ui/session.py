"""One game in progress: rules, state, its random generator, and turns run off the
window's thread. The only way the interface changes game state is :meth:`GameSession.fly`,
which calls ``run_turn``."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from game.core.intel import PlayerView, player_view
from game.core.model import GameState, Outcome, Rules
from game.core.orders import TurnOrders
from game.core.planners import PLANNERS
from game.core.turn import TurnResult, new_game, run_turn


@dataclass
class GameSession:
    rules: Rules
    seed: int
    state: GameState
    rng: np.random.Generator
    results: list[TurnResult] = field(default_factory=list)
    _worker: threading.Thread | None = None
    _pending: TurnResult | None = None
    _error: BaseException | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def start(cls, rules: Rules, seed: int | None = None) -> GameSession:
        """A new game; one seeded generator per game, nothing global."""
        if seed is None:
            seed = rules.seed
        return cls(rules, seed, new_game(rules), np.random.default_rng(seed))

    @property
    def view(self) -> PlayerView:
        return player_view(self.rules, self.state)

    @property
    def over(self) -> bool:
        return self.state.outcome != Outcome.ONGOING

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def historical_orders(self) -> TurnOrders:
        return PLANNERS["historical"](self.rules, self.view)

    def fly(self, orders: TurnOrders) -> None:
        """Run the turn in a background thread; poll :meth:`collect` for the result."""
        if self.busy or self.over:
            return
        state = self.state
        self._worker = threading.Thread(
            target=self._run, args=(state, orders), name="enemy-turn", daemon=True
        )
        self._worker.start()

    def _run(self, state: GameState, orders: TurnOrders) -> None:
        try:
            result = run_turn(self.rules, state, orders, self.rng)
        except BaseException as exc:  # reported on the window's thread
            with self._lock:
                self._error = exc
            return
        with self._lock:
            self._pending = result

    def collect(self) -> TurnResult | None:
        """The finished turn, once: the new state replaces the old one here."""
        with self._lock:
            result, error = self._pending, self._error
            self._pending = self._error = None
        if error is not None:
            self._worker = None
            raise error
        if result is None:
            return None
        self._worker = None
        self.state = result.state
        self.results.append(result)
        return result
