"""Plain words for the interface: names of target kinds, event categories, dates."""

from __future__ import annotations

import html
from datetime import date

from game.core.events import Category
from game.core.model import Rules

KIND_NAMES: dict[str, str] = {
    "hydro_plant": "Hydroelectric plant",
    "thermal_plant": "Thermal power plant",
    "city": "City or town",
    "rail_segment": "Rail line",
    "rail_bridge": "Rail bridge",
    "marshalling_yard": "Marshalling yard",
    "supply_complex": "Supply complex",
    "airfield": "Airfield",
    "dam": "Irrigation dam",
    "refinery": "Refinery",
    "mine": "Mine",
    "port": "Port",
    "industrial_complex": "Industrial complex",
}

# The letters after a restriction's reason, a note or a record figure, in one line.
SOURCE_KEY = "Sources: A the article, V verified elsewhere, E an estimate."

# Report order and headings: what the planner reads first comes first.
CATEGORY_HEADINGS: dict[Category, str] = {
    Category.END: "The war's end",
    Category.STRIKE: "Strikes",
    Category.AIR_COMBAT: "Air combat",
    Category.LOSSES: "Our losses",
    Category.CIVILIANS: "Civilian casualties",
    Category.INCIDENT: "Incidents",
    Category.INTERDICTION: "Interdiction",
    Category.SUPPLY: "Enemy supply",
    Category.ENEMY: "Enemy action",
    Category.REPAIR: "Enemy repairs",
    Category.FLOOD: "Floods",
    Category.POLITICS: "Politics and events",
    Category.CARD: "Restrictions",
    Category.TALKS: "Armistice talks",
    Category.FORCES: "Our forces",
    Category.WEATHER: "Weather",
}

TALKS_NAMES = {
    "not_opened": "not yet opened",
    "in_session": "in session",
    "recessed": "recessed",
    "broken_off": "broken off",
}

OUTCOME_NAMES = {
    "armistice": "Armistice signed",
    "recall": "Relieved of command",
    "time_out": "Time ran out",
    "victory": "Objectives achieved",
    "defeat": "Defeated",
    "ongoing": "The war goes on",
}


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind.replace("_", " ").capitalize())


def long_date(day: date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def short_date(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def esc(text: object) -> str:
    """Text for pygame_gui's HTML text boxes."""
    return html.escape(str(text), quote=False)


def base_name(rules: Rules, base_id: str) -> str:
    """An air base as the map labels it ("K-13 Suwon"), never its id."""
    feature = rules.geometry.features.get(base_id)
    if feature is not None:
        label = feature.properties.get("label")
        return str(label) if label else feature.name.replace("_", " ").title()
    return base_id.replace("_", " ").title()
