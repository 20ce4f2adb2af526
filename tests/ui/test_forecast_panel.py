"""The Forecast tab of the planning desk: ranges in words after the background forecast
finishes, the same figures as a direct call of the forecast engine, a new forecast when
the plan changes, and a window that keeps drawing while it computes."""

from __future__ import annotations

import os
import threading
import time
import warnings

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame
import pytest

import game.core.forecast
import game.ui.desk.forecast_panel
import game.ui.offload
from game.core.forecast import forecast
from game.ui.app import App
from game.ui.desk.forecast_panel import FORECASTING, forecast_lines, span
from game.ui.desk.forecasting import forecast_rng
from tests.ui.test_planning_desk import build_package, centre, click, press, resize_window, to_desk

SIZES = [(1280, 720), (1920, 1080)]


def wait_forecast(app: App, limit_s: float = 20.0):
    """Step the window until the desk's forecast is in (bounded)."""
    desk = app.scene
    deadline = time.monotonic() + limit_s
    while desk.plan.forecaster.result is None and time.monotonic() < deadline:
        app.step()
        time.sleep(0.005)
    app.step()
    assert desk.plan.forecaster.result is not None, "the forecast did not finish in time"
    return desk.plan.forecaster.result


def text_of(desk) -> str:
    return desk.forecast_tab.text.html_text


def test_the_tab_shows_the_ranges_of_a_direct_forecast_call(app):
    to_desk(app, "suiho_1952")
    desk = app.scene
    click(app, centre(desk.historical_button))
    click(app, centre(desk.tab_buttons["forecast"]))
    assert desk.tab == "forecast" and desk.forecast_tab is not None
    shown = wait_forecast(app)
    rules, view, orders = desk.session.rules, desk.view, desk.orders
    direct = forecast(rules, view, orders, forecast_rng(view))
    assert shown.losses_total == direct.losses_total
    assert shown.losses_by_pool == direct.losses_by_pool
    assert shown.damage_by_target == direct.damage_by_target
    assert shown.civilian_casualties == direct.civilian_casualties
    assert shown.meter_change == direct.meter_change
    assert shown.talks_disrupted == direct.talks_disrupted
    assert shown.refused == direct.refused
    # The figures in the tab are the direct call's, in words.
    text = text_of(desk)
    assert FORECASTING not in desk.forecast_tab.status.text
    for line in forecast_lines(rules, view, direct):
        assert line in text
    assert direct.damage_by_target, "the historical plan strikes something"
    for tid, r in direct.damage_by_target.items():
        assert f"{rules.targets[tid].name}: {span(r, '%')}" in text
    assert span(direct.losses_total) in text
    # The chart is drawn, and switches to the losses histogram.
    assert desk.forecast_tab.chart.image.get_at((2, 2))[:3] is not None
    click(app, centre(desk.forecast_tab.chart_buttons["losses"]))
    assert desk.plan.forecaster.chart == "losses"


def test_changing_the_plan_runs_a_new_forecast_and_drops_the_stale_one(app):
    to_desk(app, "suiho_1952")
    desk = app.scene
    press(app, pygame.K_4)
    assert desk.tab == "forecast"
    first = wait_forecast(app)
    assert first.damage_by_target == {}  # no packages yet
    started = desk.plan.forecaster.started
    # A package added through the builder: the forecast runs again and names the target.
    build_package(app, "chosin_plants", {"fifth_af_fb": 40})
    assert desk.orders.packages
    press(app, pygame.K_4)
    second = wait_forecast(app)
    assert desk.plan.forecaster.started > started
    assert "chosin_plants" in second.damage_by_target
    assert desk.session.rules.targets["chosin_plants"].name in text_of(desk)
    # Set through the plan history (the historical plan), then undone: each is forecast.
    click(app, centre(desk.historical_button))
    assert desk.plan.forecaster.result is None  # the old figures are stale at once
    third = wait_forecast(app)
    direct = forecast(desk.session.rules, desk.view, desk.orders, forecast_rng(desk.view))
    assert third.damage_by_target == direct.damage_by_target
    press(app, pygame.K_z, pygame.KMOD_CTRL)
    assert wait_forecast(app).damage_by_target == second.damage_by_target


def test_a_refused_package_is_listed_with_its_reason(app):
    from dataclasses import replace

    from game.core.orders import StrikePackage

    to_desk(app, "suiho_1952")
    desk = app.scene
    rules = desk.session.rules
    target = sorted(desk.view.active_targets)[0]
    fighters = rules.escort_pool  # fighters carry no bombs: the package is refused
    bad = StrikePackage(target=target, strike=((fighters, 4),))
    plan = replace(desk.orders, packages=(bad,))
    desk.plan.history.push(plan)
    desk.act(lambda: "")
    desk.show_tab("forecast")
    fc = wait_forecast(app)
    assert fc.refused
    assert "Left out" in text_of(desk)
    assert rules.targets[target].name in text_of(desk)
    assert "do not carry bombs" in text_of(desk)


def test_the_window_keeps_drawing_while_the_forecast_computes(app, monkeypatch):
    gate = threading.Event()
    real = game.core.forecast.forecast

    def slow(*args, **kwargs):
        gate.wait(10)
        return real(*args, **kwargs)

    here = game.ui.offload.Offload(in_process=True)  # a slow forecast on a thread here
    monkeypatch.setattr(app, "worker", here)
    monkeypatch.setattr(game.ui.offload, "forecast", slow)
    to_desk(app, "suiho_1952")
    desk = app.scene
    desk.show_tab("forecast")
    click(app, centre(desk.historical_button))
    drawn = app.frames_drawn
    t0 = time.monotonic()
    for _ in range(30):
        app.step()
    longest = (time.monotonic() - t0) / 30
    assert desk.plan.forecaster._worker is not None and not desk.plan.forecaster._worker.done()
    assert app.frames_drawn >= drawn + 25  # it keeps drawing, the forecast is pending
    assert longest < 0.2
    assert desk.forecast_tab.status.text.startswith("Forecasting")
    gate.set()
    wait_forecast(app)
    assert not desk.forecast_tab.status.text.startswith("Forecasting")


@pytest.mark.parametrize("size", SIZES)
def test_the_forecast_tab_fits_the_window(shared_app, size):
    from tests.ui.test_planning_desk import _widgets

    a = shared_app
    a.to_title()
    resize_window(a, size)
    try:
        to_desk(a, "campaign_1952")
        desk = a.scene
        desk.act(desk.plan.fill_historical)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            desk.show_tab("forecast")
            wait_forecast(a)
        clipped = [str(w.message) for w in caught if "too small" in str(w.message)]
        assert clipped == []
        panel = desk.panel_rect()
        # The panel's widgets (the map has its own, from other parts of the desk).
        rects = [(e, e.get_abs_rect()) for e in _widgets(desk)]
        rects = [(e, r) for e, r in rects if r.x >= panel.x]
        for e, r in rects:
            assert panel.contains(r), (e, r)
        for i, (e1, r1) in enumerate(rects):
            for e2, r2 in rects[i + 1 :]:
                nested = r1.contains(r2) or r2.contains(r1)
                assert nested or not r1.colliderect(r2), (e1, r1, e2, r2)
        for button in desk._buttons:
            assert button.tool_tip_text, button.text
        tab = desk.forecast_tab
        for element in (tab.status, tab.text, tab.chart):
            assert element.tool_tip_text
        for b in desk.tab_buttons.values():
            assert b.text_surface is None or b.text_surface.get_width() <= b.rect.w
    finally:
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        a._resized()


def test_bar_names_are_whole_at_the_charts_width(app):
    """ "Hungnam chemical complex" and the other long names fit the damage chart's
    label column at the width the tab gives the chart at 1280x720."""
    from pathlib import Path

    from game.data.scenario import load_rules
    from game.ui.desk.forecast_panel import bar_labels
    from game.ui.kit.style import font

    rules = load_rules(Path(__file__).resolve().parents[2] / "scenarios" / "campaign_1952")
    tids = [t for t, d in rules.targets.items() if d.kind != "rail_segment"]
    names, name_w = bar_labels(rules, tids, font(12), 396)
    assert names["hungnam"] == "Hungnam chemical complex"
    assert name_w <= 396 // 2
    for tid, name in names.items():
        assert font(12).size(name)[0] <= name_w - 6, tid


def test_the_package_being_built_is_forecast_too(app):
    """A package not yet added is in the forecast, beside the plan's own."""
    to_desk(app, "suiho_1952")
    desk = app.scene
    desk.plan.draft.target = "chosin_plants"
    desk.plan.draft.strike = {"fifth_af_fb": 40}
    desk.show_tab("forecast")
    fc = wait_forecast(app)
    assert not desk.orders.packages  # not added: only being built
    assert "chosin_plants" in fc.damage_by_target
    assert "one being built" in desk.forecast_tab.status.text
    text = text_of(desk)
    assert "World opinion" in text and "US patience" in text and "Standing tasks" in text
