"""Mutated save files: the loader gives back a game or a SaveError, never another exception.

Three kinds of damage: random byte flips in the file; random structural edits (a key
deleted, a value replaced by one of another type) with the checksum left stale; and the
same edits re-signed, as a determined editor would, so that the checks behind the
checksum (types, shapes, consistency) are exercised too.
"""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.core.model import Rules
from game.save import GameRecord, SaveError, load_save, read_header
from game.save.document import checksum, serialize
from tests.save.conftest import play

EXAMPLES = 300

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["1952-06-23", "PCG64", "in_session", "sha256:00", "", "routine"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def saved(suiho: Rules) -> tuple[dict[str, Any], bytes]:
    record = play(GameRecord.new(suiho, 17), 2)
    doc = record.to_save()
    return doc, serialize(doc)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and index path in the document (the root excluded)."""
    out: list[tuple[Any, ...]] = []
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, child in items:
        out.append((*prefix, key))
        out.extend(_paths(child, (*prefix, key)))
    return out


def _load_or_refuse(path: Path, rules: Rules) -> str:
    try:
        load_save(path, rules)
    except SaveError as exc:
        assert str(exc)
        return exc.reason.value
    return "loaded"


@pytest.mark.slow  # a long fuzz
@SETTINGS
@given(data=st.data())
def test_byte_flips_never_escape_as_another_exception(
    data: st.DataObject, saved: tuple[dict[str, Any], bytes], suiho: Rules, tmp_path: Path
) -> None:
    raw = bytearray(saved[1])
    flips = data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=8))
    for i in flips:
        raw[i] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    path = tmp_path / "flipped.json"
    path.write_bytes(bytes(raw))
    event(_load_or_refuse(path, suiho))
    with contextlib.suppress(SaveError):
        read_header(path)


@pytest.mark.slow  # a long fuzz
@SETTINGS
@given(data=st.data())
def test_structural_edits_never_escape_as_another_exception(
    data: st.DataObject, saved: tuple[dict[str, Any], bytes], suiho: Rules, tmp_path: Path
) -> None:
    doc = copy.deepcopy(saved[0])
    paths = _paths(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent: Any = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent[path[-1]] = data.draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this path
    resign = data.draw(st.booleans())
    if resign and isinstance(doc.get("header"), dict):
        with contextlib.suppress(TypeError, ValueError):
            doc["header"]["checksum"] = checksum(doc["header"], doc.get("body"))
    file = tmp_path / "edited.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    event(("re-signed: " if resign else "") + _load_or_refuse(file, suiho))


def test_the_unmutated_save_loads(
    saved: tuple[dict[str, Any], bytes], suiho: Rules, tmp_path: Path
) -> None:
    path = tmp_path / "good.json"
    path.write_bytes(saved[1])
    assert _load_or_refuse(path, suiho) == "loaded"
