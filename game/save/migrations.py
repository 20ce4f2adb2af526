"""Older save layouts upgraded to the current one, one ordered step per version.

``MIGRATIONS[n]`` turns a version ``n`` document (``{"header": ..., "body": ...}``)
into a version ``n + 1`` one. A step may rename, move or fill in keys; it must not
need the rules. Every version ever written has a fixture under ``tests/save/fixtures``
that must keep loading, so a change to the layout means: bump ``CURRENT_VERSION``, add
the step, add a fixture of the new version and keep the old ones.

History:

- **0**: header without ``numpy_version``, the scenario hash named ``content_hash``;
  the body's orders keyed by turn number (``"orders_by_turn": {"1": ..., "2": ...}``)
  and the generator state named ``rng_state``.
- **1**: ``numpy_version`` in the header, ``scenario_hash``; orders as a list
  (``"orders"``, the first turn first) and ``rng``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_VERSION = 1

Document = dict[str, Any]


def _v0_to_v1(doc: Document) -> Document:
    header = dict(doc["header"])
    body = dict(doc["body"])
    header["scenario_hash"] = header.pop("content_hash")
    header.setdefault("numpy_version", "unknown")
    by_turn = body.pop("orders_by_turn")
    if not isinstance(by_turn, dict):
        raise TypeError("orders_by_turn must be a table keyed by turn")
    turns = sorted(int(k) for k in by_turn)
    if turns != list(range(1, len(turns) + 1)):
        raise ValueError(f"orders_by_turn skips turns: {turns}")
    body["orders"] = [by_turn[str(t)] for t in turns]
    body["rng"] = body.pop("rng_state")
    return {"header": header, "body": body}


MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    0: _v0_to_v1,
}


def migrate(doc: Document, version: int) -> Document:
    """Apply every step from ``version`` up to :data:`CURRENT_VERSION`.

    Raises ``KeyError``, ``TypeError`` or ``ValueError`` for a document whose layout
    does not fit its version; the caller turns those into a refusal.
    """
    while version < CURRENT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc["header"]["version"] = version
    return doc
