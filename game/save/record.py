"""A game as a record: rules, seed, the current state and generator, and every turn's orders.

The record is what a save holds and what a replay re-runs. It advances only through
``run_turn`` and writes down, for each turn, the orders given and a digest of the state
that followed, so a replay can name the first turn that came out differently.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from pydantic import ValidationError

from game.core.intel import player_view
from game.core.model import GameState, Outcome, Rules
from game.core.orders import TurnOrders
from game.core.planners import PLANNERS
from game.core.turn import TurnResult, new_game, run_turn
from game.save.codec import (
    decode_orders,
    decode_state,
    rng_from_data,
    rng_to_data,
    state_digest,
    to_data,
)
from game.save.document import (
    FORMAT,
    Document,
    SaveHeader,
    check,
    first_error,
    game_version,
    numpy_version,
    scenario_hash,
    sign,
)
from game.save.errors import Reason, SaveError
from game.save.invariants import state_problems
from game.save.migrations import CURRENT_VERSION


def new_game_id() -> str:
    """A game's own id: its autosaves are kept apart from every other game's."""
    return secrets.token_hex(4)


@dataclass
class GameRecord:
    """One game: everything needed to save it, continue it and replay it."""

    rules: Rules
    seed: int
    state: GameState
    rng: np.random.Generator
    orders: list[TurnOrders] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)  # state digest after each turn played
    mods: tuple[str, ...] = ()
    scenario_hash: str = ""
    header: SaveHeader | None = None  # set when the record came from a save
    game_id: str = field(default_factory=new_game_id)  # which game, for its autosaves

    @classmethod
    def new(cls, rules: Rules, seed: int | None = None, mods: tuple[str, ...] = ()) -> GameRecord:
        """A new game: the scenario's first day and ``np.random.default_rng(seed)``.

        ``seed`` defaults to the scenario's own (``rules.seed``).
        """
        if seed is None:
            seed = int(getattr(rules, "seed", 1))
        return cls(
            rules,
            seed,
            new_game(rules),
            np.random.default_rng(seed),
            mods=mods or rules.mods,
            scenario_hash=scenario_hash(rules),
        )

    @property
    def over(self) -> bool:
        return self.state.outcome != Outcome.ONGOING

    def play_turn(self, orders: TurnOrders) -> TurnResult:
        """Run one turn through ``run_turn`` and record it (nothing is recorded once over)."""
        was_over = self.over  # run_turn skips a finished game; nothing to record then
        result = run_turn(self.rules, self.state, orders, self.rng)
        if not was_over:
            self.record_turn(orders, result)
        return result

    def record_turn(
        self, orders: TurnOrders, result: TurnResult, digest: str | None = None
    ) -> None:
        """Record a turn run elsewhere (e.g. in a worker process) with this record's
        ``rng``; ``digest`` is the new state's, when the worker has worked it out."""
        self.orders.append(orders)
        self.digests.append(digest or state_digest(result.state))
        self.state = result.state

    # ----------------------------------------------------------------------- saving

    def to_save(self, saved_at: datetime | None = None) -> Document:
        """The save document (header and body, signed); the game itself is not changed."""
        when = (saved_at or datetime.now(UTC)).astimezone(UTC)
        body = {
            "state": to_data(self.state),
            "rng": rng_to_data(self.rng),
            "orders": [to_data(o) for o in self.orders],
            "digests": list(self.digests),
        }
        header: dict[str, Any] = {
            "format": FORMAT,
            "version": CURRENT_VERSION,
            "game_version": game_version(),
            "scenario": self.rules.scenario_id,
            "scenario_name": self.rules.name,
            "scenario_hash": self.scenario_hash,
            "difficulty": self.rules.difficulty,
            "mods": list(self.mods),
            "turn": self.state.turn,
            "date": self.state.day.isoformat(),
            "seed": self.seed,
            "outcome": self.state.outcome.value,
            "saved_at": when.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "numpy_version": numpy_version(),
            "game_id": self.game_id,
            "checksum": "",
        }
        if self.rules.options:
            header["options"] = list(self.rules.options)
        return sign({"header": header, "body": body})

    @classmethod
    def from_save(
        cls,
        doc: Document,
        rules: Rules,
        *,
        allow_changed_scenario: bool = False,
        name: str = "save",
    ) -> GameRecord:
        """Check, migrate and decode a save document against ``rules``.

        Refuses with :class:`SaveError` a tampered, newer, wrong-scenario or inconsistent
        save; ``allow_changed_scenario`` accepts a save whose scenario files changed since
        (same id and difficulty), which the player may choose to try.
        """
        doc, header = check(doc, name)
        _check_scenario(header, rules, allow_changed_scenario, name)
        body = doc["body"]
        missing = [k for k in ("state", "rng", "orders", "digests") if k not in body]
        if missing:
            raise SaveError(Reason.INVALID, f"{name}: body: missing {', '.join(missing)}")
        try:
            state = decode_state(body["state"])
        except ValidationError as exc:
            raise SaveError(Reason.INVALID, f"{name}: state: {first_error(exc)}") from None
        changed = allow_changed_scenario and header.scenario_hash != scenario_hash(rules)
        _check_invariants(state, rules, name, changed)
        raw_orders = body["orders"]
        if not isinstance(raw_orders, list):
            raise SaveError(Reason.INVALID, f"{name}: orders: not a list")
        orders: list[TurnOrders] = []
        for i, raw in enumerate(raw_orders):
            try:
                orders.append(decode_orders(raw))
            except ValidationError as exc:
                raise SaveError(
                    Reason.INVALID, f"{name}: orders of turn {i + 1}: {first_error(exc)}"
                ) from None
        digests = body["digests"]
        if not isinstance(digests, list) or not all(isinstance(d, str) for d in digests):
            raise SaveError(Reason.INVALID, f"{name}: digests: not a list of text")
        try:
            rng = rng_from_data(body["rng"])
        except (ValidationError, ValueError, TypeError):
            raise SaveError(Reason.INVALID, f"{name}: rng: not a random generator state") from None
        record = cls(
            rules,
            header.seed,
            state,
            rng,
            orders,
            list(digests),
            mods=header.mods,
            scenario_hash=header.scenario_hash,
            header=header,
            game_id=header.game_id or _older_game_id(header),
        )
        _check_consistency(record, header, name)
        return record


def _older_game_id(header: SaveHeader) -> str:
    """A save from before game ids: its games are told apart by scenario and seed."""
    text = f"{header.scenario}/{header.difficulty}/{header.seed}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


_NOT_THIS_GAME = (
    "open it without naming a scenario: a save names its own scenario, difficulty and history"
)


def _check_scenario(header: SaveHeader, rules: Rules, allow_changed: bool, name: str) -> None:
    if header.scenario != rules.scenario_id:
        raise SaveError(
            Reason.WRONG_SCENARIO,
            f"{name}: a save of scenario '{header.scenario}', not of '{rules.scenario_id}'",
            _NOT_THIS_GAME,
        )
    if header.difficulty != rules.difficulty:
        raise SaveError(
            Reason.WRONG_SCENARIO,
            f"{name}: a save at difficulty '{header.difficulty}', not '{rules.difficulty}'",
            _NOT_THIS_GAME,
        )
    if tuple(header.options) != tuple(rules.options):
        raise SaveError(
            Reason.WRONG_SCENARIO,
            f"{name}: a save of the history '{', '.join(header.options) or 'as it happened'}', "
            f"not '{', '.join(rules.options) or 'as it happened'}'",
            _NOT_THIS_GAME,
        )
    if not allow_changed and header.scenario_hash != scenario_hash(rules):
        raise SaveError(
            Reason.SCENARIO_CHANGED,
            f"{name}: scenario '{rules.scenario_id}' has changed since this game was saved "
            "(its scenario or map file differs)",
        )


def _check_invariants(state: GameState, rules: Rules, name: str, changed: bool) -> None:
    """A state the rules could not have made is refused, even in a file signed anew."""
    for label, saved, defined in (
        ("aircraft pools", state.pools, rules.pools),
        ("targets", state.targets, rules.targets),
        ("restriction cards", state.cards, rules.cards),
    ):
        if set(saved) != set(defined):
            odd = sorted(set(saved) ^ set(defined))[:5]
            raise SaveError(
                Reason.INCONSISTENT,
                f"{name}: the {label} do not match the scenario's ({', '.join(odd)})",
            )
    problems = state_problems(state, rules, changed_scenario=changed)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SaveError(
            Reason.INVALID, f"{name}: {problems[0]}{more}; the rules cannot make this state"
        )


def _check_consistency(record: GameRecord, header: SaveHeader, name: str) -> None:
    state = record.state

    def fail(what: str) -> SaveError:
        return SaveError(Reason.INCONSISTENT, f"{name}: {what}")

    if state.turn != header.turn or state.day != header.date:
        raise fail(f"the header says turn {header.turn} on {header.date}, the state disagrees")
    if state.outcome.value != header.outcome:
        raise fail("the header's outcome and the state's disagree")
    if len(record.orders) != state.turn - 1:
        raise fail(f"{len(record.orders)} turns of orders for a game at turn {state.turn}")
    if len(record.digests) != len(record.orders):
        raise fail("the turn digests and the orders disagree in number")
    if record.digests and record.digests[-1] != state_digest(state):
        raise fail("the state does not match the digest of the last turn played")


def play_recorded(rules: Rules, planner: str, seed: int, max_turns: int = 10_000) -> GameRecord:
    """Like ``game.core.summary.play`` (same seed, same game), keeping the record."""
    plan = PLANNERS[planner]
    record = GameRecord.new(rules, seed)
    for _ in range(max_turns):
        if record.over:
            break
        record.play_turn(plan(rules, player_view(rules, record.state)))
    return record
