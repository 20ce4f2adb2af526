"""The Load game dialog offers its Load button only when there is a save to load."""

from __future__ import annotations

import game.ui.screens.save_dialog
from game.ui.screens.save_dialog import LoadDialog


def test_load_is_greyed_out_when_there_are_no_saves(app, monkeypatch):
    monkeypatch.setattr(game.ui.screens.save_dialog, "list_saves", lambda: [])
    title = app.scene
    app.push(LoadDialog(app, title))
    app.step([])
    dialog = app.scene
    assert dialog.entries == []
    assert not dialog.load_button.is_enabled
    assert dialog.cancel_button.is_enabled
    app.pop()


def test_every_row_fits_its_line_and_keeps_the_turn_and_time_saved(app, tmp_path, monkeypatch):
    """Long save and scenario names give way; the row's end (turn, time saved) shows."""
    from game.data.scenario import find_scenario, load_rules
    from game.save import GameRecord, list_saves
    from game.save.storage import save_slot
    from game.ui.kit.style import font
    from game.ui.screens.save_dialog import LIST_FONT, LIST_TEXT_PAD, SCROLLBAR_W

    rules = load_rules(find_scenario("pressure_pump_1952"))
    for i in range(3):
        save_slot(f"a very long name for a saved game number {i} of many", GameRecord.new(rules))
    monkeypatch.setattr(game.ui.screens.save_dialog, "list_saves", list_saves)
    app.push(LoadDialog(app, app.scene))
    app.step([])
    dialog = app.scene
    room = dialog.list.rect.w - 2 * LIST_TEXT_PAD - SCROLLBAR_W
    rows = [item["text"] for item in dialog.list.item_list]
    for row in rows:
        assert font(LIST_FONT).size(row)[0] <= room, row
    mine = [row for row in rows if row.startswith("a very long")]
    assert len(mine) == 3
    for row in mine:  # the name gave way, the end of the line did not
        assert "…" in row and " · turn 1 · saved " in row
    app.pop()


def test_a_refused_save_says_what_to_do_about_it(app, monkeypatch):
    """A damaged save is named with why it cannot load and the hint at what to do."""
    from game.save import list_saves, saves_dir
    from game.save.errors import HINTS, Reason

    (saves_dir() / "broken game.json").write_text('{"format": "air-pressure-save", ', "utf-8")
    monkeypatch.setattr(game.ui.screens.save_dialog, "list_saves", list_saves)
    app.push(LoadDialog(app, app.scene))
    app.step([])
    dialog = app.scene
    index = next(i for i, e in enumerate(dialog.entries) if e.path.stem == "broken game")
    assert dialog.entries[index].error is not None
    monkeypatch.setattr(dialog, "selected", lambda: dialog.entries[index])
    dialog.load()
    hint = dialog.entries[index].error.hint
    assert hint in HINTS.values() and hint != HINTS[Reason.MISSING]
    assert dialog.error.startswith("Cannot load broken game.json")
    assert hint in dialog.error_label.tool_tip_text
    app.pop()
