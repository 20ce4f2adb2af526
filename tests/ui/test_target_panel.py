"""The target panel, the overlay toggles and edge scrolling on the planning map."""

from __future__ import annotations

from datetime import timedelta

import pygame

from game.core.model import Estimate
from game.ui.app import App
from game.ui.map import overlays
from game.ui.screens.planning import PlanningScene


def post(app: App, *events: pygame.event.Event) -> None:
    app.step(list(events))


def show(desk: PlanningScene, tid: str) -> tuple[int, int]:
    """Centre the map on a target and return its screen position."""
    desk.map.center_on(desk.session.rules.targets[tid].position)
    x, y = desk.map.to_screen(desk.session.rules.targets[tid].position)
    return (round(x), round(y))


def right_click(app: App, pos: tuple[int, int]) -> None:
    post(
        app,
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=3),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=3),
    )


def panel_text(desk: PlanningScene) -> str:
    return "\n".join(text for text, _ in desk.extras._lines())


def test_right_click_opens_the_panel_with_the_guarding_card_and_the_estimate(app, desk):
    state = desk.session.state
    state.targets["kaesong"].damage = 90.0  # the truth, which the player may not see
    seen = state.day - timedelta(days=3)
    state.intel.bda["kaesong"] = Estimate(damage=37.0, confidence=0.5, seen=seen)
    desk.plan.forget_view()
    right_click(app, show(desk, "kaesong"))
    assert desk.extras.target == "kaesong"
    assert desk.plan.draft.target is None  # a right click does not pick it for the builder
    text = panel_text(desk)
    card = desk.session.rules.cards["neutral_zones"]
    assert f"Forbidden: {card.name}" in text
    assert card.reason in text
    assert "Estimated damage: 37%" in text
    assert "90%" not in text
    assert "Repairs under way" in text
    assert "neutral zone" in text.lower()  # the historical note
    rect = desk.extras.panel_rect()
    assert rect is not None and desk.map.rect.contains(rect)
    assert not rect.colliderect(desk.panel_rect())
    assert desk.extras.plan_button is not None
    desk.extras.plan()
    assert desk.plan.draft.target == "kaesong" and desk.tab == "package"
    assert desk.extras.target == "kaesong"  # the panel stays after the rebuild
    post(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode=""))
    assert desk.extras.target is None
    assert app.scene is desk  # Esc closed the panel, not opened the menu


def test_flak_ring_toggle_changes_the_pixels(app, desk):
    tid = "suiho_dam"
    desk.session.state.intel.flak_estimate[tid] = 60.0  # the picture, not the guns there
    desk.plan.forget_view()
    view = desk.view
    x, y = show(desk, tid)
    r = overlays.flak_radius_px(desk.map, view.flak_estimate[tid])
    probe = (x, round(y + r - 3))  # just inside the ring, below the icon and its label
    assert "flak" not in desk.map.overlays
    app.draw()
    before = app.screen.get_at(probe)
    post(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_f, mod=0, unicode="f"))
    assert "flak" in desk.map.overlays
    app.draw()
    after = app.screen.get_at(probe)
    assert before != after
    assert after.r > after.b  # orange-red over the map


def test_zone_toggles_and_z_for_all(app, desk):
    pos = show(desk, "kaesong")
    probe = (pos[0] - 11, pos[1] + 6)  # inside the Kaesong circle, off the icon
    app.draw()
    on = app.screen.get_at(probe)
    desk.extras.toggle("neutral")
    app.draw()
    assert app.screen.get_at(probe) != on
    assert "neutral" not in desk.map.overlays
    post(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z, mod=0, unicode="z"))
    assert not desk.map.overlays & overlays.ZONE_OVERLAYS  # Z: all the zones off
    post(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z, mod=0, unicode="z"))
    assert desk.map.overlays >= overlays.ZONE_OVERLAYS  # and all on again
    assert all(b.is_selected for k, b in desk.extras.toggles.items() if k != "flak")


def test_edge_scroll_moves_the_map_and_not_over_the_side_panel(app, desk, monkeypatch):
    monkeypatch.setattr(overlays, "window_focused", lambda: True)
    desk.map.center_on(desk.session.rules.targets["kaesong"].position)
    start = list(desk.map.offset)
    edge = desk.extras.edge
    edge.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(2, 400), rel=(0, 0)))
    for _ in range(12):
        desk.extras.update(0.05)
    assert desk.map.offset[0] < start[0]  # the view moves left: the map slides right
    assert desk.map.offset[1] == start[1]
    # Over the side panel at the right edge of the window: nothing moves.
    moved = list(desk.map.offset)
    edge.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(1278, 400), rel=(0, 0)))
    for _ in range(12):
        desk.extras.update(0.05)
    assert desk.map.offset == moved
    # Without focus nothing moves either.
    monkeypatch.setattr(overlays, "window_focused", lambda: False)
    edge.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(2, 400), rel=(0, 0)))
    for _ in range(12):
        desk.extras.update(0.05)
    assert desk.map.offset == moved


def test_the_hover_tooltip_stays_off_the_open_target_panel(app, desk, monkeypatch):
    import game.ui.screens.planning

    drawn: list[pygame.Rect] = []
    real = game.ui.desk.desk_drawing.draw_tooltip

    def spy(surface, at, lines, bounds, pal):
        drawn.append(real(surface, at, lines, bounds, pal=pal))
        return drawn[-1]

    monkeypatch.setattr(game.ui.desk.desk_drawing, "draw_tooltip", spy)
    at = show(desk, "kaesong")
    right_click(app, at)
    panel = desk.extras.panel_rect()
    assert panel is not None
    app.dirty = True
    app.step([])
    assert not any(r.colliderect(panel) for r in drawn)
    # The pointer moves on the target: its tooltip shows, left of the panel.
    nudge = (at[0] + 2, at[1])
    post(app, pygame.event.Event(pygame.MOUSEMOTION, pos=nudge, rel=(2, 0), buttons=(0, 0, 0)))
    app.dirty = True
    app.step([])
    assert desk.hover == "kaesong" and drawn
    assert not any(r.colliderect(panel) for r in drawn)
    # Over the panel, no map tooltip at all.
    drawn.clear()
    inside = (panel.centerx, panel.centery)
    post(app, pygame.event.Event(pygame.MOUSEMOTION, pos=inside, rel=(1, 0), buttons=(0, 0, 0)))
    app.dirty = True
    app.step([])
    assert drawn == []


def test_the_carriers_area_is_named_and_explained_on_hover(app, desk, monkeypatch):
    import game.ui.screens.planning
    from game.ui.map import naval_areas

    rules = desk.session.rules
    (area,) = naval_areas.naval_areas(rules)
    assert naval_areas.area_name(rules, area) == "Task Force 77"
    x0, y0, x1, y1 = area.bounds
    desk.map.center_on(((x0 + x1) / 2, (y0 + y1) / 2))
    tips: list[list[tuple[str, bool]]] = []
    real = game.ui.desk.desk_drawing.draw_tooltip

    def spy(surface, at, lines, bounds, pal):
        tips.append(lines)
        return real(surface, at, lines, bounds, pal=pal)

    monkeypatch.setattr(game.ui.desk.desk_drawing, "draw_tooltip", spy)
    names = monkeypatch.setattr  # keep the names drawn for the check below
    drawn: list[list[pygame.Rect]] = []
    real_names = naval_areas.draw_area_names

    def names_spy(*args):
        drawn.append(real_names(*args))
        return drawn[-1]

    names(naval_areas, "draw_area_names", names_spy)
    centre = desk.map.rect.center
    post(app, pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(1, 0), buttons=(0, 0, 0)))
    app.dirty = True
    app.step([])
    assert desk.hover is None
    assert any("Task Force 77" in text for lines in tips for text, _ in lines)
    assert drawn and len(drawn[-1]) == 1 and desk.map.rect.contains(drawn[-1][0])
    # With the Limits overlay off, the area is not drawn: no name, no tooltip.
    desk.extras.toggle("restrict")
    tips.clear()
    app.dirty = True
    app.step([])
    assert tips == [] and drawn[-1] == []
