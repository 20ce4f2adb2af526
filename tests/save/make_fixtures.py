"""Write the save fixture of the current format version (run by hand, never by the tests).

    python -m tests.save.make_fixtures

Fixtures of older versions are history: they were written by the game of their time
and must never be regenerated. When the format changes, add a fixture of the new
version next to them. ``v0_suiho_1952.json`` was made by :func:`as_v0` from the same
game as ``v1_suiho_1952.json``: it is that game in the layout of format 0.

The game is played against a frozen copy of the Suiho scenario and its map
(``fixtures/suiho_1952``) so the fixtures keep matching their scenario's hash when
the shipped scenario is tuned.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.core.intel import player_view
from game.core.planners import PLANNERS
from game.data.scenario import load_rules
from game.save import CURRENT_VERSION, GameRecord
from game.save.document import checksum, serialize

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIO = FIXTURES / "suiho_1952"
SEED = 1952
TURNS = 3
SAVED_AT = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)


def fixture_record() -> GameRecord:
    rules = load_rules(SCENARIO)
    record = GameRecord.new(rules, SEED)
    for _ in range(TURNS):
        record.play_turn(PLANNERS["historical"](rules, player_view(rules, record.state)))
    return record


def as_v0(doc: dict[str, Any]) -> dict[str, Any]:
    """The layout of save format 0 (see game/save/migrations.py)."""
    doc = copy.deepcopy(doc)
    header, body = doc["header"], doc["body"]
    header["version"] = 0
    header["content_hash"] = header.pop("scenario_hash")
    del header["numpy_version"]
    body["orders_by_turn"] = {str(i + 1): o for i, o in enumerate(body.pop("orders"))}
    body["rng_state"] = body.pop("rng")
    header["checksum"] = checksum(header, body)
    return doc


def main() -> None:
    doc = fixture_record().to_save(saved_at=SAVED_AT)
    path = FIXTURES / f"v{CURRENT_VERSION}_suiho_1952.json"
    path.write_bytes(serialize(doc))
    print(f"wrote {path}")
    v0 = FIXTURES / "v0_suiho_1952.json"
    if not v0.exists():
        v0.write_bytes(serialize(as_v0(doc)))
        print(f"wrote {v0}")


if __name__ == "__main__":
    main()
