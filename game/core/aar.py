"""The after-action record: the turn history as chart series, the same series as CSV,
and the player's campaign figures set beside the historical record.

During play the series are the planner's picture (the meter, power and supply as
estimated); once the war is over the truth is revealed beside the estimates. The chart
and the CSV both read :func:`timeline`, so they cannot disagree.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from game.core.model import GameState, Outcome, Rules
from game.core.targets import cities_half_destroyed, power_destroyed_pct


@dataclass(frozen=True)
class SeriesDef:
    key: str
    title: str
    unit: str  # plain words, for the axis and the CSV header
    truth: str  # history row key of the true value
    estimate: str = ""  # history row key of the planner's estimate, if the truth is hidden
    decimals: int = 1
    percent_scale: bool = True  # drawn on a 0-100 axis (stretched if a value goes above)


SERIES: tuple[SeriesDef, ...] = (
    SeriesDef("meter", "Negotiation meter", "points of 100", "meter", "meter_estimate"),
    SeriesDef("world_opinion", "World opinion", "points of 100", "world_opinion"),
    SeriesDef("us_patience", "US patience", "points of 100", "us_patience"),
    SeriesDef(
        "power",
        "Power destroyed",
        "percent of pre-war capacity",
        "power_destroyed_pct",
        "power_estimate_pct",
    ),
    SeriesDef(
        "front_supply",
        "Front supply",
        "percent of what the front needs",
        "front_supply_pct",
        "front_supply_estimate",
    ),
    SeriesDef(
        "aircraft_lost",
        "Aircraft lost",
        "aircraft, total to date",
        "aircraft_lost",
        decimals=0,
        percent_scale=False,
    ),
    SeriesDef(
        "civilian_casualties",
        "Civilian casualties",
        "people, total to date",
        "civilian_casualties",
        decimals=0,
        percent_scale=False,
    ),
)

ESTIMATE_LABEL = "Your estimate"
TRUTH_LABEL = "Actual"


@dataclass(frozen=True)
class Line:
    key: str  # the CSV column's id
    label: str  # the legend's words
    values: tuple[float | None, ...]  # one per turn; None where an old save has no figure
    estimate: bool  # the planner's picture (drawn dashed), not the truth


@dataclass(frozen=True)
class Chart:
    series: SeriesDef
    lines: tuple[Line, ...]

    @property
    def title(self) -> str:
        return self.series.title


@dataclass(frozen=True)
class Timeline:
    turns: tuple[int, ...]
    dates: tuple[date, ...]  # the last day of each turn
    charts: tuple[Chart, ...]
    revealed: bool  # the truth is shown (the war is over)

    def __len__(self) -> int:
        return len(self.turns)


def turn_end_date(rules: Rules, state: GameState, turn: int) -> date:
    """The last day flown in ``turn``: a week's end, the scenario's end, or the armistice."""
    last = rules.start + timedelta(days=turn * rules.turn_days - 1)
    last = min(last, rules.end)
    if state.end_date is not None:
        last = min(last, state.end_date)
    return last


def _value(row: dict[str, float], key: str, decimals: int) -> float | None:
    if key not in row:
        return None
    return round(float(row[key]), decimals)


def timeline(rules: Rules, state: GameState, reveal: bool | None = None) -> Timeline:
    """The chart series of ``state.history``; ``reveal`` defaults to "the war is over"."""
    revealed = state.outcome != Outcome.ONGOING if reveal is None else reveal
    rows = state.history
    turns = tuple(int(r.get("turn", i + 1)) for i, r in enumerate(rows))
    charts = []
    for sd in SERIES:

        def column(key: str, sd: SeriesDef = sd) -> tuple[float | None, ...]:
            return tuple(_value(r, key, sd.decimals) for r in rows)

        lines: tuple[Line, ...]
        if not sd.estimate:
            lines = (Line(sd.key, sd.title, column(sd.truth), False),)
        elif revealed:
            lines = (
                Line(sd.key, TRUTH_LABEL, column(sd.truth), False),
                Line(f"{sd.key}_estimate", ESTIMATE_LABEL, column(sd.estimate), True),
            )
        else:
            lines = (Line(f"{sd.key}_estimate", ESTIMATE_LABEL, column(sd.estimate), True),)
        charts.append(Chart(sd, lines))
    dates = tuple(turn_end_date(rules, state, t) for t in turns)
    return Timeline(turns, dates, tuple(charts), revealed)


# --------------------------------------------------------------------------- CSV


def csv_header(tl: Timeline) -> list[str]:
    head = ["Turn", "Last day of the turn (year-month-day)"]
    for chart in tl.charts:
        for line in chart.lines:
            which = "" if len(chart.lines) == 1 and not line.estimate else f", {line.label.lower()}"
            head.append(f"{chart.title}{which} ({chart.series.unit})")
    return head


def _cell(value: float | None, decimals: int) -> str:
    if value is None:
        return ""
    return f"{value:.{decimals}f}"


def csv_rows(tl: Timeline) -> list[list[str]]:
    rows = []
    for i, (turn, day) in enumerate(zip(tl.turns, tl.dates, strict=True)):
        row = [str(turn), day.isoformat()]
        for chart in tl.charts:
            row.extend(_cell(line.values[i], chart.series.decimals) for line in chart.lines)
        rows.append(row)
    return rows


def csv_text(tl: Timeline) -> str:
    """The timeline as CSV: a header with units in words, one row per turn."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header(tl))
    writer.writerows(csv_rows(tl))
    return out.getvalue()


def csv_file_name(rules: Rules, state: GameState) -> str:
    """``<scenario>_<date of the last turn>.csv``: the game's date, not the computer's."""
    tl_day = turn_end_date(rules, state, int(state.history[-1]["turn"])) if state.history else None
    day = tl_day or rules.start
    return f"{rules.scenario_id}_{day.isoformat()}.csv"


# --------------------------------------------------------------------------- the record

METRICS = (
    "start_date",
    "end_date",
    "campaign_span",
    "strike_dates",
    "first_strike_date",
    "sorties_flown",
    "armistice_date",
    "aircraft_lost",
    "power_destroyed_pct",
    "cities_half_destroyed",
    "civilian_casualties",
    "rail_cuts",
    "rice_lost",
    "turns",
)


def _long(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def date_span(first: date, last: date) -> str:
    """ "23 to 24 June 1952", or one day's date when the two are the same."""
    if first == last:
        return _long(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {_long(last)}"
    if first.year == last.year:
        return f"{first.day} {first.strftime('%B')} to {_long(last)}"
    return f"{_long(first)} to {_long(last)}"


def strike_days(rules: Rules, state: GameState) -> tuple[date, date] | None:
    """The first and last day a package of the player's flew, from the turn history."""
    firsts = [r["first_strike_day"] for r in state.history if r.get("first_strike_day", -1) >= 0]
    lasts = [r["last_strike_day"] for r in state.history if r.get("last_strike_day", -1) >= 0]
    if not firsts or not lasts:
        return None
    return rules.start + timedelta(days=int(min(firsts))), rules.start + timedelta(
        days=int(max(lasts))
    )


def sorties_flown(state: GameState) -> int:
    """Strike, suppression and escort sorties of the player's packages, all turns."""
    return round(sum(r.get("package_sorties", 0.0) for r in state.history))


def power_peak_pct(state: GameState) -> float:
    """The most power ever out at a turn's end: the record counts the raids' height."""
    return max((r.get("power_destroyed_pct", 0.0) for r in state.history), default=0.0)


def campaign_figure(rules: Rules, state: GameState, metric: str) -> str:
    """The player's figure for a record line, in the same plain words."""
    end = state.end_date or state.day
    match metric:
        case "start_date":
            return _long(rules.start)
        case "end_date":
            return _long(end)
        case "campaign_span":
            return date_span(rules.start, end)
        case "strike_dates" | "first_strike_date" | "sorties_flown" if not any(
            "package_sorties" in r for r in state.history
        ):
            return "—"  # a save from before the game counted them
        case "strike_dates":
            flown = strike_days(rules, state)
            return date_span(*flown) if flown else "No packages flown"
        case "first_strike_date":
            flown = strike_days(rules, state)
            return _long(flown[0]) if flown else "No packages flown"
        case "sorties_flown":
            return f"{sorties_flown(state):,} with escorts"
        case "armistice_date":
            return _long(end) if state.outcome == Outcome.ARMISTICE else "Not signed"
        case "aircraft_lost":
            return f"{state.aircraft_lost:,}"
        case "power_destroyed_pct":  # at its height, as the record counts it
            now = power_destroyed_pct(rules, state)
            peak = max(power_peak_pct(state), now)
            if round(peak) == round(now):
                return f"{peak:.0f}%"
            return f"{peak:.0f}% at most; {now:.0f}% at the end"
        case "cities_half_destroyed":
            return f"{cities_half_destroyed(rules, state)} of {len(rules.main_cities)}"
        case "civilian_casualties":
            return f"{state.civilian_casualties:,.0f}"
        case "rail_cuts":
            return f"{state.rail_cuts:,}"
        case "rice_lost":
            return f"{state.rice_lost:,.0f} t"
        case "turns":
            return f"{state.turn - 1}"
    return ""


def score_yardstick(rules: Rules, score: float) -> str:
    """The score beside what the historical plan scores here, with a one-line verdict."""
    ps = rules.record.plan_score if rules.record else None
    if ps is None:
        return ""
    if score > ps.high:
        verdict = "better than it almost ever does"
    elif score >= ps.median:
        verdict = "as good as it usually does, or better"
    elif score >= ps.low:
        verdict = "a little short of it, within its usual range"
    else:
        verdict = "worse than it almost ever does"
    return (
        f"FEAF's own plan scores about {ps.median:.0f} here "
        f"({ps.low:.0f} to {ps.high:.0f} in 8 games of 10): yours is {verdict}."
    )
