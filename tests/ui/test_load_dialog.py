"""The Load game dialog offers its Load button only when there is a save to load."""

from __future__ import annotations

import game.ui.save_dialog
from game.ui.save_dialog import LoadDialog


def test_load_is_greyed_out_when_there_are_no_saves(app, monkeypatch):
    monkeypatch.setattr(game.ui.save_dialog, "list_saves", lambda: [])
    title = app.scene
    app.push(LoadDialog(app, title))
    app.step([])
    dialog = app.scene
    assert dialog.entries == []
    assert not dialog.load_button.is_enabled
    assert dialog.cancel_button.is_enabled
    app.pop()
