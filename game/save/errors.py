"""Why a save file was refused: a short code for programs and a sentence for the player."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    MISSING = "missing"  # no such file, or it cannot be read
    TOO_LARGE = "too_large"  # larger than any save the game writes
    TRUNCATED = "truncated"  # the file stops before its end (a crash mid-copy)
    CORRUPT = "corrupt"  # not JSON, not UTF-8, or the structure is broken
    NOT_A_SAVE = "not_a_save"  # JSON, but not an Air Pressure save
    NEWER_VERSION = "newer_version"  # written by a newer game than this one
    UNKNOWN_VERSION = "unknown_version"  # a version no migration starts from
    TAMPERED = "tampered"  # the content does not match its checksum
    WRONG_SCENARIO = "wrong_scenario"  # another scenario or difficulty than the rules given
    SCENARIO_CHANGED = "scenario_changed"  # same scenario id, but its files have changed
    INVALID = "invalid"  # the checksum holds but a value has the wrong type or shape
    INCONSISTENT = "inconsistent"  # header, state, orders and digests disagree


# What the player can do about each reason: the hint after the reason itself.
HINTS: dict[Reason, str] = {
    Reason.MISSING: "check the file's name and folder (python main.py paths prints the saves folder)",
    Reason.TOO_LARGE: "this is not a save of the game; pick another file",
    Reason.TRUNCATED: "the file was cut short (a copy or a download stopped): copy it again, "
    "or load an autosave of the same game",
    Reason.CORRUPT: "the file is damaged or not a save: load an autosave of the same game",
    Reason.NOT_A_SAVE: "pick a .json file the game wrote (Save game, or simulate --save)",
    Reason.NEWER_VERSION: "load it with the newer version of the game that wrote it",
    Reason.UNKNOWN_VERSION: "the file is damaged or not a save: load an autosave of the same game",
    Reason.TAMPERED: "a save cannot be edited by hand: load an autosave, or start the game again",
    Reason.WRONG_SCENARIO: "install the scenario or mod it was played with, then load it again",
    Reason.SCENARIO_CHANGED: "put the scenario back as it was, or load it anyway from the Load "
    "dialog (the game then plays on by the changed rules)",
    Reason.INVALID: "the game could not have made this state: load an autosave of the same game",
    Reason.INCONSISTENT: "the parts of the file disagree: load an autosave of the same game",
}


class SaveError(Exception):
    """A save that cannot be loaded; ``reason`` is a :class:`Reason`, ``str(exc)`` says why
    and ``hint`` what the player can do about it."""

    def __init__(self, reason: Reason, detail: str, hint: str | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.hint = HINTS[reason] if hint is None else hint

    def __repr__(self) -> str:
        return f"SaveError({self.reason.value!r}, {self.detail!r})"
