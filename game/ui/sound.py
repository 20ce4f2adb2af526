"""Short sound effects, synthesised with numpy when the game starts: no sound files.

The board is silent, and never fails, when there is no audio device, when the audio
driver is the dummy one (tests, screenshots), when ``AIR_PRESSURE_SOUND=off`` is set,
or at volume 0.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np
import pygame

RATE = 22050
OFF_VALUES = frozenset({"0", "off", "no", "false"})

Wave = np.ndarray


def _t(seconds: float) -> Wave:
    return np.arange(int(RATE * seconds)) / RATE


def _tone(freq: float | Wave, seconds: float, decay: float = 8.0, shape: str = "sine") -> Wave:
    """A tone (``freq`` may sweep: an array as long as the tone) fading exponentially."""
    t = _t(seconds)
    freq = np.broadcast_to(freq, t.shape) if np.ndim(freq) else np.full(t.shape, freq)
    phase = 2 * np.pi * np.cumsum(freq) / RATE
    if shape == "square":
        wave = np.sign(np.sin(phase)) * 0.5
    elif shape == "triangle":
        wave = 2 / np.pi * np.arcsin(np.sin(phase))
    else:
        wave = np.sin(phase)
    edges = np.minimum(1.0, np.minimum(t / 0.004, (seconds - t) / 0.006))  # no clicks
    return wave * edges * np.exp(-decay * t)


def _noise(seconds: float, decay: float, smooth: int, seed: int) -> Wave:
    """Low rumbling noise (a moving average of white noise), fading."""
    rng = np.random.default_rng(seed)
    t = _t(seconds)
    white = rng.uniform(-1.0, 1.0, t.size + smooth)
    rumble = np.convolve(white, np.ones(smooth) / smooth, mode="valid")[: t.size]
    rumble /= max(1e-9, float(np.abs(rumble).max()))
    return rumble * np.exp(-decay * t)


def _then(*parts: Wave, gap: float = 0.0) -> Wave:
    silence = np.zeros(int(RATE * gap))
    out: list[Wave] = []
    for part in parts:
        out += [part, silence]
    return np.concatenate(out[:-1])


def _click() -> Wave:
    return _tone(1400, 0.045, decay=90) * 0.5


def _package_added() -> Wave:
    return _then(_tone(660, 0.07, 30), _tone(990, 0.11, 25), gap=0.01) * 0.6


def _refused() -> Wave:
    return _then(_tone(220, 0.11, 12, "square"), _tone(175, 0.16, 12, "square"), gap=0.02) * 0.5


def _end_turn() -> Wave:
    return (_tone(392, 0.5, 6) + 0.6 * _tone(587, 0.5, 7) + 0.3 * _tone(784, 0.5, 9)) * 0.45


def _bombs() -> Wave:
    fall = _tone(np.linspace(1700, 500, int(RATE * 0.55)), 0.55, 1.5) * 0.25
    return _then(fall, _impact())


def _impact() -> Wave:
    return (_noise(0.45, 9, 40, seed=7) + 0.6 * _tone(55, 0.45, 7)) * 0.8


def _aircraft_lost() -> Wave:
    dive = _tone(np.linspace(700, 140, int(RATE * 0.8)), 0.8, 2.5, "triangle") * 0.45
    return dive + 0.2 * _noise(0.8, 3, 8, seed=3)


def _talks() -> Wave:
    dot, dash = _tone(880, 0.07, 4), _tone(880, 0.2, 2)
    return _then(dash, dot, dash, dot, gap=0.06) * 0.4


def _armistice() -> Wave:
    notes = (523, 659, 784, 1047)
    parts = [
        _tone(f, 0.22 if i < 3 else 0.8, 3 if i < 3 else 2.5, "triangle")
        for i, f in enumerate(notes)
    ]
    return _then(*parts, gap=0.03) * 0.45


EFFECTS: dict[str, Callable[[], Wave]] = {
    "click": _click,
    "package_added": _package_added,
    "refused": _refused,
    "end_turn": _end_turn,
    "bombs": _bombs,
    "impact": _impact,
    "aircraft_lost": _aircraft_lost,
    "talks": _talks,
    "armistice": _armistice,
}


def synthesise(name: str) -> Wave:
    """One effect as floats in -1..1 at :data:`RATE` samples a second."""
    return np.clip(EFFECTS[name](), -1.0, 1.0)


def sound_allowed() -> bool:
    """False in tests and headless runs: the dummy audio driver, or switched off."""
    if os.environ.get("SDL_AUDIODRIVER", "").lower() == "dummy":
        return False
    return os.environ.get("AIR_PRESSURE_SOUND", "").strip().lower() not in OFF_VALUES


class SoundBoard:
    """Plays the named effects at the player's volume (0-100); silent when it cannot."""

    def __init__(self, volume: int) -> None:
        self.volume = volume
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.available = sound_allowed() and self._open()
        if self.available:
            self._make_sounds()

    @staticmethod
    def _open() -> bool:
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(RATE, -16, 2, 512)
            return bool(pygame.mixer.get_init())
        except (pygame.error, OSError):
            return False

    def _make_sounds(self) -> None:
        init = pygame.mixer.get_init()
        if not init:
            return
        freq, _, channels = init
        for name in EFFECTS:
            wave = synthesise(name)
            if freq != RATE:  # the device chose its own rate: resample
                x = np.linspace(0, wave.size - 1, int(wave.size * freq / RATE))
                wave = np.interp(x, np.arange(wave.size), wave)
            pcm = (wave * 32767).astype(np.int16)
            if channels > 1:
                pcm = np.repeat(pcm[:, None], channels, axis=1)
            try:
                self._sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(pcm))
            except (pygame.error, ValueError):
                self.available = False
                self._sounds.clear()
                return

    def set_volume(self, volume: int) -> None:
        self.volume = max(0, min(100, volume))

    def play(self, name: str, volume: int | None = None) -> None:
        """Play an effect at the set volume (or at ``volume``, to try a new one)."""
        volume = self.volume if volume is None else volume
        if not self.available or volume <= 0:
            return
        sound = self._sounds.get(name)
        if sound is None:
            return
        try:
            sound.set_volume(volume / 100)
            sound.play()
        except pygame.error:
            self.available = False
