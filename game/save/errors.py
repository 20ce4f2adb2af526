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


class SaveError(Exception):
    """A save that cannot be loaded; ``reason`` is a :class:`Reason`, ``str(exc)`` says why."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail

    def __repr__(self) -> str:
        return f"SaveError({self.reason.value!r}, {self.detail!r})"
