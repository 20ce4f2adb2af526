"""The air tasking order on the desk, driven by clicks: a package's days survive an
edit, budgets are per day, the historical plan fits what can fly, End Turn names what
the turn will refuse and asks first, and the Tasks tab's choices reach the orders."""

from __future__ import annotations

import pygame

from game.core.orders import validate_orders
from tests.ui.test_planning_desk import (
    build_package,
    centre,
    click,
    click_target,
    press,
    settle,
    to_desk,
    type_number,
    wait_for,
)


def _day_package(app, target: str, pool: str, n: int, day: int) -> None:
    """A package on one day of the week, through the builder's buttons."""
    click_target(app, target)
    builder = app.scene.builder
    if day not in app.scene.plan.draft.days:
        click(app, centre(builder.day_buttons[day]))
    for other in app.scene.plan.draft.days:  # the last package's days stay on until changed
        if other != day:
            click(app, centre(builder.day_buttons[other]))
    assert app.scene.plan.draft.days == (day,)
    type_number(app, builder.strike_spinners[pool], n)
    click(app, centre(builder.add_button))


def test_a_package_keeps_its_day_through_an_edit(app):
    to_desk(app, "campaign_1952")
    desk = app.scene
    _day_package(app, "chosin_plants", "fifth_af_fb", 40, 2)
    assert [p.days for p in desk.orders.packages] == [(2,)]
    assert "day 3" in desk.builder.verdict.html_text  # the confirmation, above Add
    click(app, centre(desk.tab_buttons["plan"]))
    click(app, centre(desk.plan_tab.list.item_list[0]["button_element"]))
    click(app, centre(desk.plan_tab.edit_button))
    assert desk.plan.draft.days == (2,)
    type_number(app, desk.builder.strike_spinners["fifth_af_fb"], 50)
    click(app, centre(desk.builder.add_button))
    (package,) = desk.orders.packages
    assert package.days == (2,) and package.strike == (("fifth_af_fb", 50),)
    assert "day 3" in desk.message and "updated" in desk.message


def test_a_pool_used_up_on_one_day_is_free_on_the_next(app):
    to_desk(app, "campaign_1952")
    desk = app.scene
    cap = desk.view.pools["fifth_af_fb"].sorties_per_day
    _day_package(app, "chosin_plants", "fifth_af_fb", cap, 0)
    _day_package(app, "fusen_plants", "fifth_af_fb", cap, 1)
    assert [p.days for p in desk.orders.packages] == [(0,), (1,)]
    assert validate_orders(desk.session.rules, desk.session.state, desk.orders) == []
    # The Plan tab's grid: nothing left on days 1 and 2, all on day 3.
    from game.core.orders import day_budgets

    capacity = {pid: pv.sorties_per_day for pid, pv in desk.view.pools.items()}
    budgets = day_budgets(desk.session.rules, capacity, desk.orders)
    assert [b["fifth_af_fb"] for b in budgets[:3]] == [0, 0, cap]


def test_the_historical_plan_is_scaled_to_the_aircraft_ready(app):
    to_desk(app, "campaign_1952")
    desk = app.scene
    rules, state = desk.session.rules, desk.session.state
    wanted = desk.session.historical_orders()
    assert wanted.packages, "the first week of the campaign has FEAF's raids"
    pool = wanted.packages[0].strike[0][0]
    state.pools[pool].ready //= 4  # losses: a quarter of the aircraft left
    desk.plan.forget_view()
    click(app, centre(desk.historical_button))
    assert validate_orders(rules, state, desk.orders) == []
    assert "scaled down to the aircraft ready" in desk.message
    assert rules.pools[pool].aircraft in desk.message


def test_end_turn_lists_what_will_not_fly_and_asks_first(app):
    to_desk(app, "campaign_1952")
    desk = app.scene
    build_package(app, "chosin_plants", {"fifth_af_fb": 40})
    # A package the neutral-zone card forbids, put in the plan as an order file could.
    from game.core.orders import StrikePackage
    from game.ui.desk.plan_state import with_package

    desk.plan.history.push(
        with_package(desk.orders, StrikePackage("kaesong", (("fifth_af_fb", 20),), days=(1,)))
    )
    desk.rebuild()
    click(app, centre(desk.end_button))
    assert app.scene is desk and not desk.session.busy, "the first press only asks"
    assert desk.tab == "plan" and desk.plan_tab.notes
    assert "will not fly" in desk.plan_tab.notes_box.html_text
    assert "End Turn again flies the rest" in desk.message
    assert desk.end_button.text == "End Turn anyway"
    click(app, centre(desk.end_button))
    wait_for(app, "report")
    refused = desk.session.results[-1].report["log"]["refused"]
    assert [r["target"] for r in refused] == ["kaesong"]


def test_the_tasks_tab_sets_the_focus_and_the_photographs(app):
    to_desk(app, "campaign_1952")
    desk = app.scene
    click(app, centre(desk.tab_buttons["tasks"]))
    tab = desk.tasks_tab
    line = tab.focus_list.item_list[0]
    click(app, centre(line["button_element"]))
    assert desk.orders.standing.interdiction_focus == (line["object_id"],)
    photo = tab.recon_list.item_list[1]
    click(app, centre(photo["button_element"]))
    assert desk.orders.recon_targets == (photo["object_id"],)
    assert "1 asked" in tab.recon_head.text
    click(app, centre(tab.recon_list.item_list[1]["button_element"]))  # off again
    assert desk.orders.recon_targets == ()
    assert validate_orders(desk.session.rules, desk.session.state, desk.orders) == []
    # Built again (another tab and back), the list shows the focus chosen, first.
    desk.show_tab("plan")
    desk.show_tab("tasks")
    settle(app)
    picked = desk.tasks_tab.focus_list.get_multi_selection(include_object_id=True)
    assert [p[1] for p in picked] == [line["object_id"]]
    assert desk.tasks_tab.focus_list.item_list[0]["object_id"] == line["object_id"]


def test_a_second_click_on_a_shared_spot_picks_the_other_target(app):
    to_desk(app, "campaign_1952")
    desk = app.scene
    click_target(app, "sinanju")
    first = desk.plan.draft.target
    assert first in ("sinanju", "sinanju_bridges")
    assert "click again" in desk.message
    pos = desk.map.to_screen(desk.session.rules.targets[first].position)
    click(app, pos)
    second = desk.plan.draft.target
    assert {first, second} == {"sinanju", "sinanju_bridges"}
    click(app, pos)
    assert desk.plan.draft.target == first


def test_the_day_buttons_tell_their_dates(app):
    to_desk(app, "campaign_1952")
    desk = app.scene
    click_target(app, "chosin_plants")
    buttons = desk.builder.day_buttons
    assert set(buttons) == {None, *range(7)}
    assert "Jul" in buttons[0].tool_tip_text
    click(app, centre(buttons[None]))
    assert desk.plan.draft.days == ()
    assert pygame.display.get_surface() is not None


def test_the_target_list_sorts_by_a_click_on_a_title_and_asks_photos(app):
    to_desk(app, "campaign_1952")
    desk = app.scene
    press(app, pygame.K_t)
    table = app.scene
    assert table.name == "targets"
    columns = dict((c.key, rect) for c, rect in table._columns())
    click(app, columns["flak"].center)
    flak = [r.flak for r in table.rows]
    assert flak == sorted(flak, reverse=True), "the first click: the heaviest flak first"
    click(app, columns["flak"].center)
    assert [r.flak for r in table.rows] == sorted(flak)
    click(app, columns["name"].center)
    assert [r.name for r in table.rows] == sorted(r.name for r in table.rows)
    # The Photo box of the first row asks reconnaissance; the row itself plans a package.
    first = table.rows[0]
    t = table.table_rect()
    row_y = t.y + 26 + 11
    click(app, (table.photo_rect().centerx, row_y))
    assert desk.orders.recon_targets == (first.id,)
    click(app, (t.x + 40, row_y))
    assert app.scene is desk and desk.plan.draft.target == first.id and desk.tab == "package"


def test_the_target_rows_read_the_picture(app):
    from game.ui.desk.target_rows import target_rows

    to_desk(app, "campaign_1952")
    desk = app.scene
    rows = {r.id: r for r in target_rows(desk.session.rules, desk.view)}
    assert rows["kaesong"].restriction == "forbidden"  # the neutral zone of the talks
    assert rows["sinuiju"].mig_reach == 1.0  # across the Yalu from Antung
    assert rows["sinuiju"].route_migs == 1.0
    assert all(r.damage is None and r.repair_days is None for r in rows.values())


def test_photographs_asked_stay_asked_next_turn(app):
    from tests.ui.test_planning_desk import end_turn

    to_desk(app)
    desk = app.scene
    click(app, centre(desk.tab_buttons["tasks"]))
    photo = desk.tasks_tab.recon_list.item_list[0]
    click(app, centre(photo["button_element"]))
    end_turn(app)
    assert desk.session.record.orders[-1].recon_targets == (photo["object_id"],)
    assert desk.orders.recon_targets == (photo["object_id"],)
