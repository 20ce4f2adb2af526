"""Save games and replays: JSON files that never lose a campaign and never run code.

For the interface and the headless commands (``game.save`` imports no pygame)::

    from game.save import GameRecord, SaveError, autosave, list_saves, load_save, save_slot

    record = GameRecord.new(rules, seed)      # new game: new_game + np.random.default_rng(seed)
    result = record.play_turn(orders)         # run_turn, then the orders and a state digest
    #   (ran run_turn yourself with record.rng, e.g. on a worker thread?
    #    call record.record_turn(orders, result) instead)
    save_slot("Before Suiho", record)         # <saves>/Before Suiho.json, written atomically;
    #   SlotTaken if that slot holds a save (replace=True once the player said yes)
    autosave(record)                          # <saves>/autosaves/<scenario>-<game id>-NNNNNN.json,
    #                                           the newest 5 of each game kept
    for entry in list_saves():                # the load menu, newest first, headers only
        entry.path, entry.header, entry.error # header: SaveHeader, or error: SaveError
    try:
        record = load_save(path, rules)       # rules: load_rules(find_scenario(header.scenario),
    except SaveError as exc:                  #        header.difficulty)
        show(str(exc))                        # exc.reason is a Reason code; nothing changed
    record.state, record.rng, record.orders   # continue playing where the save left off
    replay(record)                            # ReplayReport(ok, turns, message, mismatch_turn)

The saves folder is ``$AIR_PRESSURE_HOME/saves`` when that variable is set, else
``platformdirs.user_data_dir("air-pressure")/saves`` (:func:`saves_dir`; the same data
folder as the user mods of ``game.data.mods``). ``python main.py replay SAVE [--mods DIR]``
re-runs a save from the command line (exit 0: the state matches; 1: mismatch or bad save).

File format (``version`` 1; older versions are migrated, see ``migrations.py``)::

    {"header": {"format": "air-pressure-save", "version": 1, "game_version": "0.1.0",
                "scenario": "suiho_1952", "scenario_name": ..., "scenario_hash": "sha256:...",
                "difficulty": "normal", "mods": [], "turn": 3, "date": "1952-06-25",
                "seed": 1952, "outcome": "ongoing", "saved_at": "2025-01-01T12:00:00Z",
                "numpy_version": "2.4.1", "game_id": "1f2e3d4c", "checksum": "sha256:..."},
     "body": {"state": {GameState as JSON}, "rng": {numpy PCG64 state},
              "orders": [{TurnOrders of turn 1}, ...], "digests": ["sha256:...", ...]}}

``scenario_hash`` covers the bytes of ``scenario.toml``, its mod overrides and its map; ``checksum``
covers the whole document but itself; ``digests[i]`` is the digest of the state after
turn ``i + 1`` (:func:`state_digest`). Refusals (:class:`Reason`): missing, too_large,
truncated, corrupt, not_a_save, newer_version, unknown_version, tampered, wrong_scenario,
scenario_changed (``load_save(..., allow_changed_scenario=True)`` lets the player try
anyway), invalid, inconsistent.
"""

from __future__ import annotations

from game.save.codec import state_digest
from game.save.document import MAX_SAVE_BYTES, SaveHeader, read_header, scenario_hash
from game.save.errors import Reason, SaveError
from game.save.migrations import CURRENT_VERSION, MIGRATIONS
from game.save.record import GameRecord, play_recorded
from game.save.replay import ReplayReport, replay
from game.save.storage import (
    AUTOSAVES_KEPT,
    SaveEntry,
    SlotTaken,
    atomic_write,
    autosave,
    data_home,
    list_saves,
    load_save,
    save_game,
    save_slot,
    saves_dir,
    slot_path,
)

__all__ = [
    "AUTOSAVES_KEPT",
    "CURRENT_VERSION",
    "MAX_SAVE_BYTES",
    "MIGRATIONS",
    "GameRecord",
    "Reason",
    "ReplayReport",
    "SaveEntry",
    "SaveError",
    "SaveHeader",
    "SlotTaken",
    "atomic_write",
    "autosave",
    "data_home",
    "list_saves",
    "load_save",
    "play_recorded",
    "read_header",
    "replay",
    "save_game",
    "save_slot",
    "saves_dir",
    "scenario_hash",
    "slot_path",
    "state_digest",
]
