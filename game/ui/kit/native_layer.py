"""The map at the window's own resolution under a scaled interface.

At 150% or 200% scenes lay out on a smaller canvas that is stretched to the window, and
a stretched picture is soft. The map is drawn instead straight onto the window, at the
window's resolution, and the canvas is left clear over it; the stretched canvas is then
laid over the window, so what a scene draws over the map (its status bar, tooltips, a
dialog's shade) still shows above it.
"""

from __future__ import annotations

import pygame

CLEAR = (0, 0, 0, 0)


class NativeLayer:
    """The window under a canvas ``factor`` times smaller. A scene that draws here
    clears its canvas there with :meth:`open`, and :meth:`compose` lays the canvas over."""

    def __init__(self, window: pygame.Surface, canvas: pygame.Surface) -> None:
        self.window = window
        self.canvas = canvas
        # Window pixels per canvas pixel; the height's is the same within a pixel, as the
        # canvas is the window's size divided by the scale.
        self.factor = window.get_width() / canvas.get_width()
        self._stretched = pygame.Surface(window.get_size(), pygame.SRCALPHA)
        self.used = False  # this frame drew on the window

    def open(self, area: pygame.Rect) -> pygame.Rect:
        """Clear ``area`` of the canvas to show the window beneath; the same area on the
        window, where the caller draws at the window's resolution."""
        self.canvas.fill(CLEAR, area)
        self.used = True
        return self.window_rect(area)

    def window_rect(self, area: pygame.Rect) -> pygame.Rect:
        return grown(area, self.factor)

    def compose(self, crisp_doubling: bool) -> None:
        """Stretch the canvas over the window: pixel doubling when ``crisp_doubling``
        (exactly 200%), smooth otherwise."""
        size = self.window.get_size()
        if self.used:  # smoothed edges of a clear area must not darken: premultiplied
            self.canvas.premul_alpha_ip()
        if crisp_doubling:
            pygame.transform.scale(self.canvas, size, self._stretched)
        else:
            pygame.transform.smoothscale(self.canvas, size, self._stretched)
        self.window.blit(self._stretched, (0, 0), special_flags=pygame.BLEND_PREMULTIPLIED)
        self.used = False


class Pen:
    """Where a scene draws over the map: its canvas, or the window beneath it at the
    window's resolution. Positions and sizes are given in the canvas's pixels."""

    def __init__(self, canvas: pygame.Surface, native: NativeLayer | None) -> None:
        if native is not None and native.canvas is canvas and native.used:
            self.surface, self.k = native.window, native.factor
        else:
            self.surface, self.k = canvas, 1.0

    def at(self, p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] * self.k, p[1] * self.k)

    def n(self, pixels: float) -> int:
        """A size in the canvas's pixels, in the drawn ones."""
        return max(1, round(pixels * self.k))

    def rect(self, r: pygame.Rect) -> pygame.Rect:
        return grown(r, self.k)

    def back(self, r: pygame.Rect) -> pygame.Rect:
        """A rectangle drawn with this pen, in the canvas's pixels."""
        return grown(r, 1 / self.k)


def grown(r: pygame.Rect, k: float) -> pygame.Rect:
    """``r`` scaled by ``k``, its edges rounded to the nearest pixel."""
    left, top = round(r.left * k), round(r.top * k)
    return pygame.Rect(left, top, round(r.right * k) - left, round(r.bottom * k) - top)
