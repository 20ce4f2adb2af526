"""Saves of every format version ever written keep loading (committed fixture files)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.core.model import Rules
from game.data.scenario import load_rules
from game.save import CURRENT_VERSION, MIGRATIONS, load_save, read_header
from game.save.codec import to_data

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAVES = sorted(FIXTURES.glob("v*_*.json"))


def _version(path: Path) -> int:
    match = re.match(r"v(\d+)_", path.name)
    assert match, path.name
    return int(match.group(1))


@pytest.fixture(scope="module")
def frozen_suiho() -> Rules:
    """The Suiho scenario and map as they were when the fixtures were written."""
    return load_rules(FIXTURES / "suiho_1952")


def test_there_is_a_fixture_of_every_version() -> None:
    assert sorted({_version(p) for p in SAVES}) == list(range(CURRENT_VERSION + 1))


def test_migrations_are_ordered_steps_from_every_older_version() -> None:
    assert sorted(MIGRATIONS) == list(range(CURRENT_VERSION))


@pytest.mark.parametrize("path", SAVES, ids=lambda p: p.name)
def test_every_fixture_loads(path: Path, frozen_suiho: Rules) -> None:
    header = read_header(path)
    assert header.version == CURRENT_VERSION  # migrated on reading
    record = load_save(path, frozen_suiho)
    assert record.state.turn == header.turn == 4
    assert len(record.orders) == 3
    assert record.seed == 1952


def test_the_v0_layout_really_differs_and_migrates_to_the_same_game(frozen_suiho: Rules) -> None:
    v0_text = (FIXTURES / "v0_suiho_1952.json").read_text(encoding="utf-8")
    assert '"orders_by_turn"' in v0_text and '"numpy_version"' not in v0_text
    v0 = load_save(FIXTURES / "v0_suiho_1952.json", frozen_suiho)
    v1 = load_save(FIXTURES / "v1_suiho_1952.json", frozen_suiho)
    assert to_data(v0.state) == to_data(v1.state)
    assert v0.orders == v1.orders
    assert v0.header is not None and v0.header.numpy_version == "unknown"
