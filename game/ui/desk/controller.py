"""The planning desk's controller: the turn's plan with undo and redo, the package being
built, the checks before End Turn, and the forecast it asks for.

No pygame here. The desk's views read this and turn clicks and keys into its commands
(the package builder also edits the package being built, ``draft``, a plain value);
a command that changes the plan returns the words to tell the player, or None when it
did nothing (the game is busy flying a turn, or there was nothing to undo).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.core.intel import PlayerView
from game.core.orders import Preflight, TurnOrders, fit_to_capacity, preflight, validate_orders
from game.core.planners import historical_fill_note
from game.ui.desk.forecasting import Forecaster, with_draft
from game.ui.desk.plan_state import Draft, PlanHistory, carry_over, press_refusal
from game.ui.offload import Offload
from game.ui.session import GameSession


def confirm_words(notes: list[Preflight]) -> str:
    """The message when End Turn would fly a plan the turn partly refuses."""
    refused = sum(1 for n in notes if n.cancels)
    cut = len(notes) - refused
    parts = []
    if refused:
        parts.append(f"{refused} package{'s' if refused != 1 else ''} will not fly")
    if cut:
        parts.append("some will be cut down")
    return "; ".join(parts).capitalize() + " (Plan tab). End Turn again flies the rest."


@dataclass(frozen=True)
class EndTurn:
    """What End Turn did: flew the plan, refused it, or asks to be pressed again."""

    flying: bool
    message: str = ""
    confirm: bool = False  # packages the turn refuses: the Plan tab lists them


class DeskPlan:
    """The plan the player is building this turn, and how it is committed."""

    def __init__(self, session: GameSession, worker: Offload) -> None:
        self.session = session
        self.worker = worker  # the turns and forecasts run there
        self.history = PlanHistory()
        self.draft = Draft()
        self.confirmation = ""  # the last package added, shown above the Add button
        self.confirm_refusals: TurnOrders | None = None  # End Turn pressed once on these
        self.before: PlayerView | None = None  # what the player saw when ordering the turn
        self.forecaster = Forecaster(session.rules, worker)
        self._view_cache: tuple[int, PlayerView] | None = None
        self.new_turn()

    @property
    def view(self) -> PlayerView:
        """The intelligence picture of the current state, made once per state."""
        key = id(self.session.state)
        if self._view_cache is None or self._view_cache[0] != key:
            self._view_cache = (key, self.session.view)
        return self._view_cache[1]

    def forget_view(self) -> None:
        """The state was changed in place (a test, a debugging session): see it afresh."""
        self._view_cache = None

    @property
    def orders(self) -> TurnOrders:
        return self.history.current

    @property
    def idle(self) -> bool:
        """The plan may be edited: no turn is being flown and the war goes on."""
        return not self.session.busy and not self.session.over

    def new_turn(self) -> None:
        """A fresh plan: standing tasks, press and photographs carried over, no packages."""
        last = self.session.last_orders
        plan = TurnOrders()
        if last is not None:
            press = last.press
            if press_refusal(self.session.rules, self.session.state, press) is not None:
                press = plan.press
            active = set(self.view.active_targets)  # photographs asked stay asked
            recon = tuple(t for t in last.recon_targets if t in active)
            plan = TurnOrders(standing=last.standing, press=press, recon_targets=recon)
        self.history.reset(plan)
        # In a turn of several days a new package flies on the first day until told
        # otherwise: one raid, as the historical operations are.
        self.draft = Draft(days=(0,) if self.session.rules.turn_days > 1 else ())
        self.confirmation = ""

    def edited(self) -> None:
        """The plan changed under the package builder: start a fresh package."""
        self.draft = self.draft.next()
        self.confirmation = ""

    def pick(self, target: str) -> None:
        """A target chosen on the map or in the list goes into the package builder."""
        self.draft.target = target
        self.confirmation = ""

    def undo(self) -> str | None:
        if self.session.busy or not self.history.undo():
            return None
        return "Undone."

    def redo(self) -> str | None:
        if self.session.busy or not self.history.redo():
            return None
        return "Redone."

    def _capacity(self) -> dict[str, int]:
        return {pid: pv.sorties_per_day for pid, pv in self.view.pools.items()}

    def repeat_last(self) -> str | None:
        """Last turn's orders again, fitted to the aircraft ready and to what is allowed."""
        last = self.session.last_orders
        if last is None or self.session.busy:
            return None
        rules = self.session.rules
        fitted, cuts = fit_to_capacity(rules, self._capacity(), last)  # last turn's losses
        plan, dropped = carry_over(rules, self.session.state, fitted)
        self.history.push(plan)
        cut = ("Scaled down to the aircraft ready (" + "; ".join(cuts) + "). ") if cuts else ""
        if dropped:
            return f"{cut}Last turn's plan, without {len(dropped)}: " + "; ".join(dropped)
        return f"{cut}Last turn's plan filled in: edit it, then End Turn."

    def fill_historical(self) -> str | None:
        """The orders FEAF actually gave this turn, fitted to the aircraft ready."""
        if not self.idle:
            return None
        rules, view = self.session.rules, self.view
        historical = self.session.historical_orders()
        orders, cuts = fit_to_capacity(rules, self._capacity(), historical)
        self.history.push(orders)
        if cuts:  # FEAF planned for aircraft the player no longer has ready
            count = len(orders.packages)
            return (
                f"FEAF's orders filled in ({count} package{'s' if count != 1 else ''}), "
                "scaled down to the aircraft ready: " + "; ".join(cuts) + "."
            )
        return historical_fill_note(rules, view, orders)

    def end_turn(self) -> EndTurn | None:
        """Hand the orders to the turn, off the window's thread; None when it cannot be."""
        if not self.idle:
            return None
        orders = self.orders
        rules, state = self.session.rules, self.session.state
        # Packages the turn refuses or cuts down are the player's to accept (below);
        # orders the turn cannot read at all are not.
        problems = validate_orders(rules, state, replace(orders, packages=()))
        if problems:
            return EndTurn(False, "Cannot fly yet: " + problems[0].reason)
        notes = preflight(rules, state, orders)
        if notes and self.confirm_refusals != orders:
            self.confirm_refusals = orders
            return EndTurn(False, confirm_words(notes), confirm=True)
        self.confirm_refusals = None
        self.before = self.view
        self.session.fly(orders, self.worker)
        return EndTurn(True)

    def asks_again(self) -> bool:
        """End Turn was pressed once on exactly this plan and warned about refusals."""
        return self.confirm_refusals is not None and self.confirm_refusals == self.orders

    def forecast_tick(self) -> bool:
        """Want the current plan's forecast (with the package being built) and collect
        results; True while one is outstanding."""
        if self.idle:
            self.forecaster.want(self.view, with_draft(self.orders, self.draft)[0])
        return self.forecaster.poll()
