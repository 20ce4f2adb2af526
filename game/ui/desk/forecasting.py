"""The forecast the desk asks for (GAME.md §8), without pygame: the current plan run many
times on the player's intelligence picture, off the window's process (see
:mod:`game.ui.offload`), with its own random generator (seeded from the turn number, never
the game's). A run starts a moment after the plan last changed, and a result computed for
a plan that has since changed is thrown away."""

from __future__ import annotations

import dataclasses
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.core.forecast import DEFAULT_REPLICATIONS, Forecast
from game.core.intel import PlayerView
from game.core.model import Rules
from game.core.orders import TurnOrders
from game.ui.offload import Offload

if TYPE_CHECKING:
    from game.ui.desk.plan_state import Draft

DEBOUNCE_S = 0.3  # wait this long after the last change before forecasting


def forecast_rng(view: PlayerView) -> np.random.Generator:
    """The forecast's own generator: the same draw for every plan of a turn, so two plans
    are compared on the same luck, and never the game's generator."""
    return np.random.default_rng(view.turn)


@dataclass(frozen=True)
class _Job:
    view: PlayerView
    orders: TurnOrders

    def same(self, other: _Job | None) -> bool:
        return other is not None and other.view is self.view and other.orders == self.orders


class Forecaster:
    """Runs :func:`game.core.forecast.forecast` off the window's thread for the plan the
    desk wants, debounced; keeps only a result whose plan is still the current one."""

    def __init__(
        self,
        rules: Rules,
        worker: Offload,
        replications: int = DEFAULT_REPLICATIONS,
        debounce_s: float = DEBOUNCE_S,
    ) -> None:
        self.rules = rules
        self.replications = replications
        self.debounce_s = debounce_s
        self.chart = "damage"  # which chart the tab shows; kept across rebuilds
        self.started = 0  # forecasts started (tests count them)
        self.error = ""
        self._wanted: _Job | None = None
        self._changed_at = 0.0
        self._worker: Future[Forecast] | None = None
        self._running: _Job | None = None
        self._result: tuple[_Job, Forecast] | None = None
        self.worker = worker
        worker.start()  # the worker process takes a moment to start
        worker.prepare(rules)

    @property
    def result(self) -> Forecast | None:
        """The forecast of the wanted plan, or None while it is being worked out."""
        if self._result is not None and self._result[0].same(self._wanted):
            return self._result[1]
        return None

    @property
    def computing(self) -> bool:
        return self._wanted is not None and self.result is None and not self.error

    def want(self, view: PlayerView, orders: TurnOrders, now: float | None = None) -> None:
        job = _Job(view, orders)
        if job.same(self._wanted):
            return
        self._wanted = job
        self.error = ""
        self._changed_at = time.monotonic() if now is None else now

    def poll(self, now: float | None = None) -> bool:
        """Collect a finished run and start the next; True while work is outstanding."""
        now = time.monotonic() if now is None else now
        worker, job = self._worker, self._running
        if worker is not None and worker.done() and job is not None:
            self._worker = self._running = None
            if job.same(self._wanted):
                try:
                    self._result = (job, worker.result())
                except Exception as exc:  # shown in the tab
                    self.error = f"The forecast failed: {exc}"
        wanted = self._wanted
        if (
            wanted is not None
            and self._worker is None
            and self.result is None
            and not self.error
            and now - self._changed_at >= self.debounce_s
        ):
            self._start(wanted)
        return self._worker is not None or self.computing

    def wait(self, limit_s: float = 30.0) -> Forecast | None:
        """Block until the wanted forecast is in (for tests and the benchmark)."""
        deadline = time.monotonic() + limit_s
        while self.poll(time.monotonic() + self.debounce_s) and time.monotonic() < deadline:
            time.sleep(0.005)
        return self.result

    def _start(self, job: _Job) -> None:
        self.started += 1
        self._running = job
        self._worker = self.worker.forecast(
            self.rules, job.view, job.orders, forecast_rng(job.view), self.replications
        )


def with_draft(orders: TurnOrders, draft: Draft) -> tuple[TurnOrders, bool]:
    """The plan with the package being built in it (in place of the one it edits), and
    whether that package is in; a draft without a target or sorties is left out."""
    package = draft.package()
    if package is None or package.strike_sorties() == 0:
        return orders, False
    packages = list(orders.packages)
    if draft.editing is not None and 0 <= draft.editing < len(packages):
        packages[draft.editing] = dataclasses.replace(package, days=packages[draft.editing].days)
    else:
        packages.append(package)
    return dataclasses.replace(orders, packages=tuple(packages)), True
