"""The Forecast tab's damage chart never packs its rows so close that names overlap: with
the eleven packages of a historical week at 1280x720, the rows that do not fit are
counted on a last line instead."""

from __future__ import annotations

import pytest

from game.ui.desk.forecast_panel import bar_rows


@pytest.mark.parametrize("items", [1, 3, 6, 11, 40])
@pytest.mark.parametrize("room", [90, 110, 200, 400])
def test_rows_keep_their_height_and_fit_the_chart(items, room):
    min_row = 15
    count, row_h = bar_rows(items, room, min_row)
    assert 1 <= count <= items
    assert row_h >= min_row
    rows = count + (1 if count < items else 0)  # the "N more" line
    assert rows * row_h <= room


def test_all_bars_shown_when_they_fit_and_a_few_dropped_when_not():
    assert bar_rows(3, 110, 15) == (3, 24)
    count, row_h = bar_rows(11, 110, 15)
    assert count == 6 and row_h >= 15  # 6 bars and "5 more in the list above"
