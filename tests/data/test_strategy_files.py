"""Strategy files: checked with errors naming file and key, and played like the built-ins."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from game.core.calendar import moon_illumination
from game.core.intel import player_view
from game.core.planners import PackageRule, strategy_planner
from game.core.summary import play, summary
from game.core.turn import new_game
from game.data.scenario import find_scenario, load_rules
from game.data.strategy import STRATEGY_DIR, StrategyError, load_strategy

GOOD = 'name = "test"\ninterdiction = 0.2\nclose_support = 0.1\npressure_share = 0.5\n'


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("bogus = 1\n", "bogus"),
        ('kinds = ["castle"]\n', "kinds"),
        ('press = "shouted"\n', "press"),
    ],
)
def test_a_bad_key_or_value_is_named_with_the_file(tmp_path: Path, extra: str, key: str) -> None:
    path = _write(tmp_path, GOOD + extra)
    with pytest.raises(StrategyError) as err:
        load_strategy(path)
    assert any(str(path) in line and key in line for line in err.value.problems)


def test_an_unknown_key_suggests_the_nearest_known_one_and_values_have_hints(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path, GOOD + "pressure_shar = 0.5\n[[packages]]\nshare = 0.5\nfrm = 1952-01-01\n"
    )
    with pytest.raises(StrategyError) as err:
        load_strategy(path)
    assert (
        f"{path}: pressure_shar: unknown key; did you mean 'pressure_share'?" in err.value.problems
    )
    assert f"{path}: packages.0.frm: unknown key; did you mean 'from'?" in err.value.problems
    path = _write(tmp_path, GOOD.replace("0.2", "1.5"))
    with pytest.raises(StrategyError) as err:
        load_strategy(path)
    assert any(
        line.endswith("; use a value within the bounds given") for line in err.value.problems
    )


def test_a_share_outside_zero_to_one_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("0.2", "1.5"))
    with pytest.raises(StrategyError) as err:
        load_strategy(path)
    assert any("interdiction" in line for line in err.value.problems)


def test_the_historical_plan_takes_no_other_keys(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name = "h"\nhistorical_operations = true\ninterdiction = 0.2\n')
    with pytest.raises(StrategyError, match="interdiction"):
        load_strategy(path)


def test_standing_shares_are_required_without_the_historical_plan(tmp_path: Path) -> None:
    with pytest.raises(StrategyError, match="required"):
        load_strategy(_write(tmp_path, 'name = "s"\npressure_share = 0.5\n'))


def test_standing_shares_over_the_whole_force_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("0.2", "0.95"))
    with pytest.raises(StrategyError, match="exceed"):
        load_strategy(path)


@pytest.mark.parametrize("name", ["historical", "minimal", "interdiction", "greedy", "balanced"])
def test_a_builtin_planner_and_its_file_play_identical_games(name: str) -> None:
    rules = load_rules(find_scenario("suiho_1952"))
    plan = strategy_planner(load_strategy(STRATEGY_DIR / f"{name}.toml"))
    for seed in (1, 2):
        builtin, _ = play(rules, name, seed)
        from_file, _ = play(rules, name, seed, plan=plan)
        assert summary(rules, from_file, name, seed) == summary(rules, builtin, name, seed)


@pytest.mark.parametrize("path", sorted(STRATEGY_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_each_shipped_strategy_validates_and_plays_a_turn(path: Path) -> None:
    strategy = load_strategy(path)
    assert strategy.name == path.stem
    rules = load_rules(find_scenario("suiho_1952"))
    state, _ = play(rules, "", 1, max_turns=1, plan=strategy_planner(strategy))
    assert state.turn == 2


def test_the_schema_command_describes_the_strategy_format(tmp_path: Path) -> None:
    from game.cli import main

    out = tmp_path / "strategy.schema.json"
    assert main(["schema", "--strategy", "--out", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert {"name", "pressure_share", "kinds", "aim_damage", "periods", "packages"} <= set(
        schema["properties"]
    )


CAMPAIGN_WEEK = "campaign_1952"


def _plan_first_turn(strategy, scenario: str = CAMPAIGN_WEEK):
    rules = load_rules(find_scenario(scenario))
    view = player_view(rules, new_game(rules))
    return view, strategy_planner(strategy)(rules, view)


def test_periods_change_the_standing_shares_from_their_date(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        GOOD + "[[periods]]\nfrom = 1953-01-01\ninterdiction = 0.6\nclose_support = 0.3\n",
    )
    strategy = load_strategy(path)
    before = strategy.standing_on(date(1952, 12, 31))
    after = strategy.standing_on(date(1953, 3, 1))
    assert (before.interdiction, before.close_support) == (0.2, 0.1)
    assert (after.interdiction, after.close_support) == (0.6, 0.3)


def test_a_package_rule_by_target_id_strikes_only_that_target(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'name = "t"\ninterdiction = 0.3\nclose_support = 0.1\n'
        '[[packages]]\nshare = 0.5\ntargets = ["sinuiju_bridges"]\npools = ["fifth_af_fb"]\n',
    )
    _, orders = _plan_first_turn(load_strategy(path))
    assert orders.packages, "the rule planned nothing"
    assert {p.target for p in orders.packages} == {"sinuiju_bridges"}
    assert {pid for p in orders.packages for pid, _ in p.strike} == {"fifth_af_fb"}


def test_a_dark_of_the_moon_rule_flies_only_on_dark_nights() -> None:
    rule = PackageRule(share=1.0, night=True, moon_max=0.3)
    nights = [date(1952, 7, 1) + timedelta(days=i) for i in range(60)]
    flown = [d for d in nights if rule.flies_on(d)]
    assert flown and len(flown) < len(nights)
    assert all(moon_illumination(d) <= 0.3 for d in flown)
    assert rule.flies_on(date(1952, 7, 1)) == (moon_illumination(date(1952, 7, 1)) <= 0.3)


def test_rules_share_the_day_sorties_in_order(tmp_path: Path) -> None:
    """A second rule flies from what the first left, never more than there is."""
    both = _write(
        tmp_path,
        'name = "t"\ninterdiction = 0.0\nclose_support = 0.0\n'
        '[[packages]]\nshare = 1.0\nkinds = ["hydro_plant"]\n'
        '[[packages]]\nshare = 1.0\nkinds = ["city"]\n',
    )
    view, orders = _plan_first_turn(load_strategy(both))
    rules = load_rules(find_scenario(CAMPAIGN_WEEK))
    kinds = {rules.targets[p.target].kind for p in orders.packages}
    assert kinds == {"hydro_plant", "city"}, "both rules should plan packages"
    for day in range(view.turn_days):
        used: dict[str, int] = {}
        for p in orders.packages:
            if day in p.days:
                for pid, n in (*p.strike, *p.suppression):
                    used[pid] = used.get(pid, 0) + n
        for pid, n in used.items():
            assert n <= view.pools[pid].sorties_per_day


def test_unknown_target_and_pool_ids_are_named(tmp_path: Path, capsys) -> None:
    from game.cli import main

    path = _write(
        tmp_path,
        'name = "t"\ninterdiction = 0.3\nclose_support = 0.1\n'
        '[[packages]]\nshare = 0.5\ntargets = ["atlantis"]\npools = ["zeppelins"]\n',
    )
    assert main(["simulate", "suiho_1952", "--strategy", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "'atlantis'" in err and "'zeppelins'" in err


def test_a_package_rule_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        GOOD + "[[packages]]\nshare = 0.5\nfrom = 1953-02-01\nuntil = 1953-01-01\n",
    )
    with pytest.raises(StrategyError, match="before"):
        load_strategy(path)
