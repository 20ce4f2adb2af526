"""The enemy turn and the forecast, computed in a worker process so that the window's
interpreter is free to draw while they run.

Jobs travel as JSON text (the save format's encoding of rules, state, orders and the
random generator) and come back the same way, so the worker's answer is exactly what
the same call would have returned here. If no worker process can be started, or one
dies, the job runs on a thread of this process instead, as it always did.

Nothing here imports pygame: the worker process loads only the rules and the codec.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, TypeVar

import numpy as np

from game.core.forecast import Forecast, Range, forecast
from game.core.intel import PlayerView
from game.core.model import GameState, Rules
from game.core.orders import TurnOrders
from game.core.turn import TurnResult, run_turn
from game.save.codec import (
    _adapter,
    decode_orders,
    decode_state,
    dumps_compact,
    encoded_state_digest,
    rng_from_data,
    rng_to_data,
    state_digest,
    to_data,
)

T = TypeVar("T")
RULES_KEPT = 4  # rules the worker keeps decoded (a game's, and a few before it)
PARENT_CHECK_S = 1.0  # how often the worker looks whether the game still runs
STATES_KEPT = 8  # states the worker keeps after the turns it ran, to run the next turn on


# --------------------------------------------------------------------- encoding


def encode_forecast(fc: Forecast) -> dict[str, Any]:
    data = to_data(dataclasses.replace(fc, samples={}))
    data["samples"] = {k: np.asarray(v, dtype=float).tolist() for k, v in fc.samples.items()}
    return data


def decode_forecast(data: dict[str, Any]) -> Forecast:
    def ranges(m: dict[str, Any]) -> dict[str, Range]:
        return {k: Range(**v) for k, v in m.items()}

    return Forecast(
        replications=int(data["replications"]),
        losses_by_pool=ranges(data["losses_by_pool"]),
        losses_total=Range(**data["losses_total"]),
        damage_by_target=ranges(data["damage_by_target"]),
        civilian_casualties=Range(**data["civilian_casualties"]),
        meter_change=Range(**data["meter_change"]),
        talks_disrupted=float(data["talks_disrupted"]),
        world_opinion_change=Range(**data["world_opinion_change"]),
        us_patience_change=Range(**data["us_patience_change"]),
        refused=tuple(data["refused"]),
        samples={k: np.asarray(v, dtype=float) for k, v in data["samples"].items()},
    )


# --------------------------------------------------------------------- in the worker

_rules: OrderedDict[str, Rules] = OrderedDict()
_states: OrderedDict[str, GameState] = OrderedDict()


class UnknownState(LookupError):
    """The worker no longer holds the state or the rules a job named: send them whole."""


def _watch_parent(parent: int) -> None:
    """In the worker: leave when the game is gone, even killed without a goodbye."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def forget_states() -> None:
    """Drop the states and rules the worker keeps (tests check that a job then sends
    its own)."""
    _states.clear()
    _rules.clear()


def _worker_rules(key: str, text: str) -> Rules:
    """The rules under ``key``, decoded from ``text`` the first time (later jobs send
    the key alone)."""
    rules = _rules.get(key)
    if rules is None:
        if not text:
            raise UnknownState(key)
        rules = _adapter(Rules).validate_json(text, strict=True)
        _rules[key] = rules
        while len(_rules) > RULES_KEPT:
            _rules.popitem(last=False)
    _rules.move_to_end(key)
    return rules


def turn_job(rules_key: str, rules_text: str, job: str) -> tuple[str, str, str]:
    """``run_turn`` on JSON: the result, the generator's state after it, and the digest
    of the new state (which the worker keeps, so the next turn need not send it back)."""
    data = json.loads(job)
    rules = _worker_rules(rules_key, rules_text)
    if "state_ref" in data:
        state = _states.get(data["state_ref"])
        if state is None:
            raise UnknownState(data["state_ref"])
    else:
        state = decode_state(data["state"])
    rng = rng_from_data(data["rng"])
    result = run_turn(rules, state, decode_orders(data["orders"]), rng)
    encoded = to_data(result)
    digest = encoded_state_digest(encoded["state"])
    _states[digest] = result.state
    while len(_states) > STATES_KEPT:
        _states.popitem(last=False)
    return dumps_compact(encoded), dumps_compact(rng_to_data(rng)), digest


def forecast_job(rules_key: str, rules_text: str, job: str) -> str:
    """``forecast`` on JSON."""
    data = json.loads(job)
    rules = _worker_rules(rules_key, rules_text)
    view = _adapter(PlayerView).validate_json(dumps_compact(data["view"]), strict=True)
    fc = forecast(
        rules,
        view,
        decode_orders(data["orders"]),
        rng_from_data(data["rng"]),
        int(data["replications"]),
    )
    return dumps_compact(encode_forecast(fc))


# --------------------------------------------------------------------- in the window


class Offload:
    """Runs turns and forecasts in one worker process, or on a thread here while the
    process is starting, when ``in_process`` is set, or when no process can be had."""

    def __init__(self, in_process: bool = False) -> None:
        self.in_process = in_process
        self._pool: ProcessPoolExecutor | None = None
        self._starting = False
        self._ready = threading.Event()
        self._threads: ThreadPoolExecutor | None = None
        self._rules_text: dict[int, tuple[Rules, str, str]] = {}
        self._known_states: dict[int, tuple[GameState, str]] = {}  # held by the worker
        self._rules_sent: set[str] = set()  # rules the worker has decoded
        self._lock = threading.Lock()

    # -- the executors
    def start(self) -> None:
        """Start the worker process in the background (it takes a moment); jobs given
        before it answers run here."""
        with self._lock:
            if self._starting or self.in_process:
                return
            self._starting = True
        threading.Thread(target=self._boot, name="offload-start", daemon=True).start()

    def _boot(self) -> None:
        pool = None
        try:
            pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=_context(),
                initializer=_watch_parent,
                initargs=(os.getpid(),),
            )
            pool.submit(int).result(timeout=120)  # it answers: it works
        except Exception:  # no process here: threads, as before
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            with self._lock:
                self.in_process = True
        else:
            with self._lock:
                if self.in_process:  # closed meanwhile
                    pool.shutdown(wait=False, cancel_futures=True)
                else:
                    self._pool = pool
        self._ready.set()

    def prepare(self, rules: Rules) -> None:
        """Encode ``rules`` for the worker now, while a screen loads, not at the first job."""
        if not self.in_process:
            self._rules_json(rules)

    def wait_ready(self, limit_s: float = 120.0) -> bool:
        """Start and wait for the worker process; True if jobs will go to it."""
        self.start()
        if not self.in_process:
            self._ready.wait(limit_s)
        return self._pool is not None

    def _thread_pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._threads is None:
                self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="offload")
            return self._threads

    def close(self) -> None:
        if self._starting and not self._ready.is_set():
            self._ready.wait(5.0)  # a worker cut off while it starts prints its error
        with self._lock:
            self.in_process = True
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
            if self._threads is not None:
                self._threads.shutdown(wait=False, cancel_futures=True)
                self._threads = None

    @property
    def uses_process(self) -> bool:
        return self._pool is not None

    # -- jobs
    def turn(
        self, rules: Rules, state: GameState, orders: TurnOrders, rng: np.random.Generator
    ) -> Future[tuple[TurnResult, str]]:
        """``run_turn(rules, state, orders, rng)`` and the digest of the state after it;
        ``rng`` has moved on when it is done."""
        known = self._known_states.get(id(state))
        ref = known[1] if known is not None and known[0] is state else None

        def job(whole: bool = False) -> dict[str, Any]:
            data = {"orders": to_data(orders), "rng": rng_to_data(rng)}
            if ref is not None and not whole:
                data["state_ref"] = ref
            else:
                data["state"] = to_data(state)
            return data

        def finish(answer: tuple[str, str, str]) -> tuple[TurnResult, str]:
            result_text, rng_text, digest = answer
            rng.bit_generator.state = rng_from_data(json.loads(rng_text)).bit_generator.state
            result: TurnResult = _adapter(TurnResult).validate_json(result_text, strict=True)
            self._known_states = {id(result.state): (result.state, digest)}
            return result, digest

        def here() -> tuple[TurnResult, str]:
            result = run_turn(rules, state, orders, rng)
            return result, state_digest(result.state)

        return self._run(rules, turn_job, job, finish, here)

    def forecast(
        self,
        rules: Rules,
        view: PlayerView,
        orders: TurnOrders,
        rng: np.random.Generator,
        replications: int,
    ) -> Future[Forecast]:
        """``forecast(rules, view, orders, rng, replications)``."""

        def finish(text: str) -> Forecast:
            return decode_forecast(json.loads(text))

        def job(whole: bool = False) -> dict[str, Any]:
            return {
                "view": to_data(view),
                "orders": to_data(orders),
                "rng": rng_to_data(rng),
                "replications": replications,
            }

        def here() -> Forecast:
            return forecast(rules, view, orders, rng, replications)

        return self._run(rules, forecast_job, job, finish, here)

    def _run(
        self,
        rules: Rules,
        fn: Callable[[str, str, str], Any],
        job: Callable[..., dict[str, Any]],
        finish: Callable[[Any], T],
        here: Callable[[], T],
    ) -> Future[T]:
        self.start()
        pool = self._pool
        if pool is None:
            return self._thread_pool().submit(here)
        key, text = self._rules_json(rules)
        out: Future[T] = Future()

        def send(whole: bool) -> None:
            known = key in self._rules_sent and not whole
            self._rules_sent.add(key)  # the worker takes its jobs in order
            try:
                sent = pool.submit(fn, key, "" if known else text, dumps_compact(job(whole)))
            except (RuntimeError, BrokenProcessPool):
                self._give_up_process()
                _chain(self._thread_pool().submit(here), out)
                return
            sent.add_done_callback(partial(done, whole))

        def done(whole: bool, f: Future[Any]) -> None:
            try:
                out.set_result(finish(f.result()))
            except UnknownState:
                send(whole=True)
            except BrokenProcessPool:  # the worker died: do it here instead
                self._give_up_process()
                _chain(self._thread_pool().submit(here), out)
            except BaseException as exc:  # the job's own error, shown by the caller
                out.set_exception(exc)

        send(whole=False)
        return out

    def _give_up_process(self) -> None:
        with self._lock:
            self.in_process = True
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    def _rules_json(self, rules: Rules) -> tuple[str, str]:
        kept = self._rules_text.get(id(rules))
        if kept is None or kept[0] is not rules:
            text = dumps_compact(to_data(rules))
            kept = (rules, "sha256:" + hashlib.sha256(text.encode()).hexdigest(), text)
            self._rules_text[id(rules)] = kept
            if len(self._rules_text) > RULES_KEPT:
                self._rules_text.pop(next(iter(self._rules_text)))
        return kept[1], kept[2]


def _chain(source: Future[T], target: Future[T]) -> None:
    def copy(f: Future[T]) -> None:
        exc = f.exception()
        if exc is not None:
            target.set_exception(exc)
        else:
            target.set_result(f.result())

    source.add_done_callback(copy)


def _context() -> Any:
    """A fresh interpreter for the worker, never a fork of the window's (SDL, threads).
    ``spawn`` rather than ``forkserver``: a forkserver still starting when the game
    quits could keep the game from exiting."""
    return multiprocessing.get_context("spawn")
