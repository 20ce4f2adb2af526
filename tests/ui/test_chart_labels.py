"""The forecast chart's percentile labels never overlap ("10%" over "50%")."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ui.desk.forecast_panel import mark_labels


def _width(text: str) -> int:
    return 7 * len(text)


def test_close_marks_share_one_label() -> None:
    placed = mark_labels([(100.0, "10%"), (104.0, "50%"), (300.0, "90%")], _width, 400)
    assert [text for _, text in placed] == ["10–50%", "90%"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # pure: fixtures unused
@given(st.lists(st.floats(0, 400), min_size=3, max_size=3))
def test_labels_never_overlap(xs: list[float]) -> None:
    marks = list(zip(sorted(xs), ("10%", "50%", "90%"), strict=True))
    placed = mark_labels(marks, _width, 400)
    for (a, ta), (b, _) in itertools.pairwise(placed):
        assert a + _width(ta) <= b


def test_labels_held_back_by_the_right_edge_share_one_rather_than_overlap() -> None:
    placed = mark_labels([(348.0, "10%"), (373.0, "50%"), (373.0, "90%")], _width, 400)
    assert placed == [(pytest.approx(343.67, abs=0.01), "10–90%")]
