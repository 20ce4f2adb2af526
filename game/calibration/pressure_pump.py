"""Operation Pressure Pump, Pyongyang, 11 July 1952 (GAME.md §9).

Every figure is read from the day of the raid: the damage after its last strike
(before the night's repairs), losses by day and by night, and the civilian
casualties the report gives as events. Two counterfactuals show the model answers
the planner: the same raid without warnings costs more civilian lives, and half
the strike sorties does less damage.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from game.calibration.common import CheckResult, stats
from game.core.events import Category, Event
from game.core.model import Operation, Rules
from game.core.summary import play
from game.data.scenario import find_scenario, load_rules

RAID_DAY = date(1952, 7, 11)
# Pyongyang's military installations: the city's military targets and its rail yards.
INSTALLATIONS = ("pyongyang", "pyongyang_yards")


@dataclass(frozen=True)
class RaidDay:
    installations: float  # mean damage % of INSTALLATIONS after the day's last strike
    lost_by_day: int
    lost_by_night: int
    civilians: float  # casualties reported in the day's events
    civilian_reports: int  # how many events reported them


def raid_day(events: list[Event], day: date = RAID_DAY) -> RaidDay:
    """What the report says about one day of strikes."""
    after: dict[str, float] = {}
    by_day = by_night = reports = 0
    civilians = 0.0
    for e in events:
        if e.day != day:
            continue
        if e.category == Category.STRIKE and e.target and "after" in e.data:
            after[e.target] = float(e.data["after"])
        elif e.category == Category.LOSSES and "lost" in e.data:
            lost = sum(e.data["lost"].values())
            if "(night)" in e.text:
                by_night += lost
            else:
                by_day += lost
        elif e.category == Category.CIVILIANS:
            civilians += float(e.data["casualties"])
            reports += 1
    damage = statistics.fmean(after.get(t, 0.0) for t in INSTALLATIONS)
    return RaidDay(damage, by_day, by_night, civilians, reports)


def raid_days(rules: Rules, runs: int) -> list[RaidDay]:
    """The historical planner over ``runs`` seeds; only the raid's own (first) turn is played."""
    return [raid_day(play(rules, "historical", seed, max_turns=1)[1]) for seed in range(runs)]


def _change_raid(rules: Rules, change: Callable[[Operation], Operation]) -> Rules:
    ops = tuple(change(op) if op.day == RAID_DAY else op for op in rules.plan.operations)
    return dataclasses.replace(rules, plan=dataclasses.replace(rules.plan, operations=ops))


def without_warning(rules: Rules) -> Rules:
    """Pressure Pump with no leaflets before it."""
    return _change_raid(rules, lambda op: dataclasses.replace(op, warning=False))


def half_sorties(rules: Rules) -> Rules:
    """Pressure Pump with half the strike sorties of every package, by day and night."""
    return _change_raid(
        rules,
        lambda op: dataclasses.replace(op, strike=tuple((p, max(1, n // 2)) for p, n in op.strike)),
    )


def pressure_pump_checks(runs: int = 50) -> list[CheckResult]:
    rules = load_rules(find_scenario("pressure_pump_1952"), "normal")
    record = raid_days(rules, runs)
    unwarned = raid_days(without_warning(rules), runs)
    halved = raid_days(half_sorties(rules), runs)

    results = []
    med, p10, p90 = stats([r.installations for r in record])
    results.append(
        CheckResult(
            "Pressure Pump: installations damaged %",
            "40-90% (A)",
            med,
            p10,
            p90,
            "median >= 60%",
            med >= 60,
        )
    )
    med, p10, p90 = stats([float(r.lost_by_day) for r in record])
    results.append(
        CheckResult(
            "Pressure Pump: aircraft lost by day",
            "1 F-84 (V)",
            med,
            p10,
            p90,
            "median 1-3",
            1 <= med <= 3,
        )
    )
    med, p10, p90 = stats([float(r.lost_by_night) for r in record])
    results.append(
        CheckResult(
            "Pressure Pump: B-29s lost at night",
            "none (V)",
            med,
            p10,
            p90,
            "median 0",
            med == 0,
        )
    )
    med, p10, p90 = stats([r.civilians for r in record])
    reported = sum(1 for r in record if r.civilian_reports > 0) / len(record)
    results.append(
        CheckResult(
            "Pressure Pump: civilian casualties",
            "thousands (A)",
            med,
            p10,
            p90,
            f"median 1,000-9,999, reported ({reported:.0%} of runs)",
            1000 <= med < 10000 and reported >= 0.9,
        )
    )
    base = statistics.median(r.civilians for r in record)
    med, p10, p90 = stats([r.civilians for r in unwarned])
    results.append(
        CheckResult(
            "Pressure Pump, no warning: civilian casualties",
            "counterfactual",
            med,
            p10,
            p90,
            f">= 1.5x warned median ({base:,.0f})",
            med >= 1.5 * base,
        )
    )
    base = statistics.median(r.installations for r in record)
    med, p10, p90 = stats([r.installations for r in halved])
    results.append(
        CheckResult(
            "Pressure Pump, half the sorties: installations %",
            "counterfactual",
            med,
            p10,
            p90,
            f"median <= historical - 10 ({base:.0f})",
            med <= base - 10,
        )
    )
    return results
