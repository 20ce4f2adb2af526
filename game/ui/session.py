"""One game in progress: a :class:`~game.save.GameRecord` (rules, seed, state, its random
generator and every turn's orders) and turns run off the window's process (see
:mod:`game.ui.offload`). The only way the interface changes game state is
:meth:`GameSession.fly`, which calls ``run_turn``; each finished turn is recorded and
autosaved."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.core.intel import PlayerView, player_view
from game.core.model import GameState, Outcome, Rules
from game.core.orders import TurnOrders
from game.core.planners import PLANNERS
from game.core.turn import TurnResult
from game.save import GameRecord, autosave
from game.ui.offload import Offload

QUICK_SLOT = "Quick save"


@dataclass
class GameSession:
    record: GameRecord
    autosave_enabled: bool = True
    results: list[TurnResult] = field(default_factory=list)
    last_autosave: Path | None = None
    autosave_error: str = ""
    _job: Future[tuple[TurnResult, str]] | None = None
    _orders: TurnOrders | None = None

    @classmethod
    def start(cls, rules: Rules, seed: int | None = None) -> GameSession:
        """A new game; one seeded generator per game, nothing global."""
        return cls(GameRecord.new(rules, seed))

    @property
    def rules(self) -> Rules:
        return self.record.rules

    @property
    def seed(self) -> int:
        return self.record.seed

    @property
    def state(self) -> GameState:
        return self.record.state

    @property
    def rng(self) -> np.random.Generator:
        return self.record.rng

    @property
    def view(self) -> PlayerView:
        return player_view(self.rules, self.state)

    @property
    def over(self) -> bool:
        return self.state.outcome != Outcome.ONGOING

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def last_orders(self) -> TurnOrders | None:
        return self.record.orders[-1] if self.record.orders else None

    def historical_orders(self) -> TurnOrders:
        return PLANNERS["historical"](self.rules, self.view)

    def fly(self, orders: TurnOrders, worker: Offload) -> bool:
        """Run the turn on ``worker``, off the window's process; poll :meth:`collect`
        for the result."""
        if self.busy or self.over:
            return False
        self._orders = orders
        self._job = worker.turn(self.rules, self.state, orders, self.rng)
        return True

    def collect(self) -> TurnResult | None:
        """The finished turn, once: recorded, autosaved, and its state made current."""
        job = self._job
        if job is None or not job.done():
            return None
        self._job = None
        result, digest = job.result()  # the turn's own error is raised here
        assert self._orders is not None
        self.record.record_turn(self._orders, result, digest)
        self.results.append(result)
        if self.autosave_enabled:
            self._autosave()
        return result

    def _autosave(self) -> None:
        try:
            self.last_autosave = autosave(self.record)
            self.autosave_error = ""
        except OSError as exc:
            self.autosave_error = f"Autosave failed: {exc.strerror or exc}"
