"""Sound effects: synthesised in range, and silent without harm in tests."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.ui import sound
from game.ui.sound import EFFECTS, RATE, SoundBoard, sound_allowed, synthesise


@pytest.mark.parametrize("name", sorted(EFFECTS))
def test_every_effect_is_short_audible_and_in_range(name):
    wave = synthesise(name)
    assert wave.ndim == 1 and 0.03 * RATE < wave.size < 2.0 * RATE
    assert np.isfinite(wave).all() and np.abs(wave).max() <= 1.0
    assert np.abs(wave).max() > 0.1  # not silence
    assert abs(wave[-1]) < 0.05  # fades out: no click at the end


def test_the_dummy_audio_driver_means_no_sound(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    assert not sound_allowed()
    board = SoundBoard(100)
    assert not board.available
    for name in (*EFFECTS, "no such effect"):
        board.play(name)  # harmless


def test_sound_can_be_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "pulseaudio")
    monkeypatch.setenv("AIR_PRESSURE_SOUND", "off")
    assert not sound_allowed()
    monkeypatch.setenv("AIR_PRESSURE_SOUND", "on")
    assert sound_allowed()


def test_a_mixer_that_cannot_open_leaves_the_game_silent(monkeypatch):
    monkeypatch.setattr(sound, "sound_allowed", lambda: True)

    def broken(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", broken)
    board = SoundBoard(70)
    assert not board.available
    board.play("click")
    board.set_volume(150)
    assert board.volume == 100
