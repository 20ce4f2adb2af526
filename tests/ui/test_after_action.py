"""The after-action report: charts reachable in play (the planner's picture only) and at
the end (the truth beside it), the CSV they export, and an end screen that fits."""

from __future__ import annotations

import csv
import io
import os
import warnings
from pathlib import Path

import pygame
import pytest

from game.core.aar import csv_file_name, timeline
from game.core.planners import PLANNERS
from game.data.scenario import find_scenario, load_rules
from game.save import GameRecord
from game.ui.kit.chart import draw_chart, hover_index, layout, y_axis
from game.ui.kit.style import STANDARD
from game.ui.screens.end import EndScene
from game.ui.screens.history_view import HistoryScene
from game.ui.screens.planning import PlanningScene
from game.ui.session import GameSession
from tests.ui.test_planning_desk import SIZES, centre, click, press, resize_window, to_desk

EXPORTS = Path(os.environ["AIR_PRESSURE_HOME"]) / "exports"


def played(scenario: str, turns: int | None = None) -> GameSession:
    """A session flown with the historical plan: ``turns`` turns, or to the end."""
    rules = load_rules(find_scenario(scenario))
    session = GameSession(GameRecord.new(rules, 11), autosave_enabled=False)
    plan = PLANNERS["historical"]
    while not session.over and (turns is None or len(session.state.history) < turns):
        session.record.play_turn(plan(rules, session.view))
    return session


@pytest.fixture(scope="module")
def campaign_over() -> GameSession:
    return played("campaign_1952")


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _assert_csv_equals_charts(path: Path, session: GameSession, revealed: bool) -> None:
    tl = timeline(session.rules, session.state)
    assert tl.revealed == revealed
    table = _csv(path)
    lines = [ln for c in tl.charts for ln in c.lines]
    assert len(table) == len(tl) + 1 and len(table[0]) == 2 + len(lines)
    for i, row in enumerate(table[1:]):
        assert row[1] == tl.dates[i].isoformat()
        assert [float(c) for c in row[2:]] == [ln.values[i] for ln in lines]


def test_g_opens_the_charts_of_the_estimates_and_exports_them(app):
    to_desk(app, "suiho_1952")
    desk = app.scene
    plan = PLANNERS["historical"]
    for _ in range(2):
        desk.session.record.play_turn(plan(desk.session.rules, desk.session.view))
    press(app, pygame.K_g)
    assert app.scene.name == "history"
    charts = app.scene.timeline.charts
    assert not app.scene.timeline.revealed
    assert [ln.label for ln in charts[0].lines] == ["Your estimate"]
    view = desk.session.view  # the status bar's gauges: the charts end where they stand
    assert charts[0].lines[0].values[-1] == round(view.meter_estimate, 1)
    assert charts[4].lines[0].values[-1] == round(view.front_supply_estimate, 1)
    click(app, centre(app.scene.csv_button))
    path = EXPORTS / "suiho_1952_1952-06-24.csv"
    assert path.is_file()
    assert str(path) in app.scene.message
    _assert_csv_equals_charts(path, desk.session, revealed=False)
    header = _csv(path)[0]
    assert not any("actual" in h for h in header)  # no hidden truth during play
    press(app, pygame.K_ESCAPE)
    assert app.stack.names() == ["title", "planning"]


def test_the_turn_report_has_a_button_to_the_charts(app):
    from game.ui.screens.report import ReportScene

    to_desk(app, "suiho_1952")
    desk = app.scene
    session = desk.session
    before = session.view
    result = session.record.play_turn(PLANNERS["historical"](session.rules, before))
    app.push(ReportScene(app, desk, session, result, before))
    app.step([])
    click(app, centre(app.scene.charts_button))
    assert app.stack.names() == ["title", "planning", "report", "history"]
    assert len(app.scene.timeline) == 1


def test_hovering_a_chart_picks_the_turn_under_the_mouse(campaign_over):
    tl = timeline(campaign_over.rules, campaign_over.state)
    surface = pygame.Surface((400, 260))
    rect = pygame.Rect(10, 10, 380, 240)
    chart = tl.charts[0]
    geo = layout(rect, chart, y_axis(chart)[0])
    last = (geo.plot.right, geo.plot.centery)
    assert draw_chart(surface, rect, chart, tl.dates, last, pal=STANDARD) == len(tl) - 1
    assert hover_index(geo, len(tl), (geo.plot.x, geo.plot.y)) == 0
    outside = (rect.x, rect.bottom + 40)
    assert draw_chart(surface, rect, chart, tl.dates, outside, pal=STANDARD) is None


def test_hovering_a_total_gives_the_turns_own_figure(campaign_over, monkeypatch):
    import game.ui.kit.chart

    shown: list[list[tuple[str, bool]]] = []
    monkeypatch.setattr(
        game.ui.kit.chart, "draw_tooltip", lambda s, at, lines, b, pal: shown.append(lines)
    )
    tl = timeline(campaign_over.rules, campaign_over.state)
    chart = next(c for c in tl.charts if c.series.key == "aircraft_lost")
    rect = pygame.Rect(0, 0, 400, 260)
    geo = layout(rect, chart, y_axis(chart)[0])
    at = geo.plot.midright
    index = draw_chart(pygame.Surface(rect.size), rect, chart, tl.dates, at, pal=STANDARD)
    values = chart.lines[0].values
    assert index == len(tl) - 1
    turn_losses = values[-1] - values[-2]
    assert shown[-1][1][0] == f"Aircraft lost: {values[-1]:,.0f} (+{turn_losses:,.0f} this turn)"


def test_axes_have_round_ticks_and_room_for_every_value(campaign_over):
    tl = timeline(campaign_over.rules, campaign_over.state)
    for chart in tl.charts:
        top, step = y_axis(chart)
        values = [v for ln in chart.lines for v in ln.values if v is not None]
        assert max(values) <= top
        assert abs(top / step - round(top / step)) < 1e-9 and 2 <= top / step <= 8
        if chart.series.decimals == 0:
            assert step == int(step)


@pytest.mark.parametrize("size", SIZES)
def test_the_end_screen_fits_without_overlap(shared_app, campaign_over, size):
    a = shared_app
    a.to_title()
    resize_window(a, size)
    try:
        desk = PlanningScene(a, campaign_over)
        a.push(desk)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            end = EndScene(a, desk, campaign_over)
            a.push(end)
            click(a, centre(end.csv_button))  # the message takes its place too
        assert not [w for w in caught if "too small" in str(w.message)]
        assert "Turn history written to" in end.message
        panel = end.panel_rect()
        assert pygame.Rect((0, 0), size).contains(panel)
        names = [name for name, _ in end.blocks]
        extra = ["opinion charts"] if size[1] >= 1080 else []
        assert names == ["header", "figures", "record", "summary", *extra, "charts", "message"]
        buttons = [b.get_abs_rect() for b in (end.charts_button, end.csv_button, end.title_button)]
        rects = [r for _, r in end.blocks] + buttons
        for r in rects:
            assert panel.contains(r), r
        for i, r1 in enumerate(rects):
            for r2 in rects[i + 1 :]:
                assert not r1.colliderect(r2), (r1, r2)
        path = EXPORTS / csv_file_name(campaign_over.rules, campaign_over.state)
        assert str(path) in end.message
        _assert_csv_equals_charts(path, campaign_over, revealed=True)
    finally:
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        a._resized()


def test_all_charts_from_the_end_screen_show_the_truth(app, campaign_over):
    desk = PlanningScene(app, campaign_over)
    app.push(desk)
    app.push(EndScene(app, desk, campaign_over))
    app.step([])
    click(app, centre(app.scene.charts_button))
    assert isinstance(app.scene, HistoryScene)
    labels = [ln.label for ln in app.scene.timeline.charts[0].lines]
    assert labels == ["Actual", "Your estimate"]
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "end"
    click(app, centre(app.scene.title_button))
    assert app.stack.names() == ["title"]


def test_a_save_from_before_the_estimates_were_kept_still_charts_and_ends(app):
    """Older saves have no estimates in their history and their scenario no record."""
    from game.save import load_save

    fixtures = Path(__file__).resolve().parents[1] / "save" / "fixtures"
    rules = load_rules(fixtures / "suiho_1952")
    record = load_save(fixtures / "v1_suiho_1952.json", rules)
    session = GameSession(record, autosave_enabled=False)
    assert "meter_estimate" not in session.state.history[0]
    desk = PlanningScene(app, session)
    app.push(desk)
    press(app, pygame.K_g)
    assert app.scene.name == "history"
    meter = app.scene.timeline.charts[0].lines[0]
    assert meter.values == (None,) * len(session.state.history)  # a gap, never the truth
    press(app, pygame.K_ESCAPE)
    end = EndScene(app, desk, session)
    app.push(end)
    app.step([])
    assert rules.record is None
    assert [name for name, _ in end.blocks][:3] == ["header", "figures", "record"]


def test_an_export_that_cannot_be_written_says_where_and_why(monkeypatch, tmp_path):
    import game.save.exports
    from game.ui.screens.chart_pages import export_message

    in_the_way = tmp_path / "exports"
    in_the_way.write_text("a file where the folder should be")
    monkeypatch.setattr(game.save.exports, "exports_dir", lambda: in_the_way)
    session = played("suiho_1952", turns=1)
    message = export_message(session, timeline(session.rules, session.state))
    assert message.startswith(f"The CSV could not be written to {in_the_way}: ")
    assert in_the_way.read_text() == "a file where the folder should be"


def test_the_armistice_fanfare_plays_only_for_an_armistice(app, campaign_over, monkeypatch):
    from game.core.model import Outcome

    heard: list[str] = []
    monkeypatch.setattr(app.sound, "play", lambda name, volume=None: heard.append(name))
    desk = PlanningScene(app, campaign_over)
    app.push(desk)
    for outcome in (Outcome.ARMISTICE, Outcome.RECALL, Outcome.TIME_OUT):
        monkeypatch.setattr(campaign_over.state, "outcome", outcome)
        heard.clear()
        EndScene(app, desk, campaign_over)
        assert ("armistice" in heard) == (outcome == Outcome.ARMISTICE), outcome


@pytest.mark.parametrize("turns", [0, 1])
def test_charts_draw_before_the_first_turn_and_after_one(turns, monkeypatch):
    """No history, or a single point: no division by a zero span, a readable screen."""
    import game.ui.kit.chart
    from game.ui.screens.chart_pages import draw_charts, grid_cells

    session = played("suiho_1952", turns=turns)
    tl = timeline(session.rules, session.state)
    assert len(tl) == turns
    drawn: list[str] = []
    real = game.ui.kit.chart.draw_chart

    def counted(surface, rect, chart, *rest, pal):
        drawn.append(chart.title)
        return real(surface, rect, chart, *rest, pal=pal)

    monkeypatch.setattr("game.ui.screens.chart_pages.draw_chart", counted)
    surface = pygame.Surface((1280, 720))
    cells = grid_cells(pygame.Rect(20, 60, 1240, 560), 7, 4)
    draw_charts(surface, cells, tl, None, cells[0].center, surface.get_rect(), pal=STANDARD)
    assert len(drawn) == (0 if turns == 0 else 7 + 1)  # and the tooltip of the hovered one
    if turns:
        chart = tl.charts[0]
        geo = layout(cells[0], chart, y_axis(chart)[0])
        assert hover_index(geo, 1, geo.plot.center) == 0
        assert geo.x_of(0, 1) == geo.plot.centerx  # one point stands in the middle


def test_the_source_letters_are_explained_where_they_appear():
    """The (A), (V), (E) closing notes, reasons and record lines have a key beside them."""
    from game.core.intel import player_view
    from game.core.turn import new_game
    from game.data.scenario import SCENARIOS_DIR, load_rules
    from game.ui.desk.target_panel import target_info
    from game.ui.kit.words import SOURCE_KEY

    rules = load_rules(SCENARIOS_DIR / "suiho_1952")
    lines = [
        text for text, _ in target_info(rules, player_view(rules, new_game(rules)), "suiho_dam")
    ]
    assert any("(A)" in text for text in lines)
    assert lines[-1] == SOURCE_KEY
    assert all(f"{letter} " in SOURCE_KEY for letter in "AVE")
