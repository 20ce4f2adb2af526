"""The game's data as plain dataclasses.

:class:`Rules` is everything a scenario fixes before play (read-only during a game);
:class:`GameState` is everything that changes. Every number that shapes play comes
from the scenario file through ``game.data.scenario``; the defaults here only make
small test fixtures short to write.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any, ClassVar

from game.core.geometry import Layer, MapFeature, MapGeometry, Point
from game.core.input_config import STRICT_INPUT


class TalksState(StrEnum):
    NOT_OPENED = "not_opened"  # no talks yet: only an event opens them
    IN_SESSION = "in_session"
    RECESSED = "recessed"
    BROKEN_OFF = "broken_off"


class PressPolicy(StrEnum):
    SILENT = "silent"
    ROUTINE = "routine"
    PUBLICISED = "publicised"


class Outcome(StrEnum):
    ONGOING = "ongoing"
    ARMISTICE = "armistice"
    RECALL = "recall"
    TIME_OUT = "time_out"
    VICTORY = "victory"  # a scenario's own ending: its objectives met
    DEFEAT = "defeat"  # a scenario's own ending: its cause lost


class Role(StrEnum):
    """What a pool of aircraft is for; decides what it may fly."""

    FIGHTER_BOMBER = "fighter_bomber"
    INTERCEPTOR = "interceptor"
    MEDIUM_BOMBER = "medium_bomber"  # B-29s: night work
    LIGHT_BOMBER = "light_bomber"  # B-26 night intruders
    NAVY = "navy"  # Task Force 77: requested, not ordered
    RECON = "recon"


STRIKE_ROLES = (Role.FIGHTER_BOMBER, Role.MEDIUM_BOMBER, Role.LIGHT_BOMBER, Role.NAVY)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class PoolDef:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    id: str
    name: str
    aircraft: str
    role: Role
    base: str  # map feature id the pool flies from
    range_km: float
    establishment: int
    initial_ready: int
    sortie_rate: float  # sorties per ready aircraft per day
    replacements_per_month: int
    repair_days: int  # a damaged aircraft is back after this many days
    day: bool = True
    night: bool = False
    bomb_tons: float = 1.0  # per sortie
    accuracy: float = 0.5  # share of bombs on the aiming point in clear weather by day
    night_accuracy: float = 0.3
    mig_vulnerability: float = 0.15  # relative chance a penetrating MiG attack kills one
    flak_vulnerability: float = 1.0
    escort_quality: float = 0.0  # how well it screens strikers from MiGs
    suppression_quality: float = 1.0
    damaged_per_loss: float = 2.0  # aircraft damaged for each one lost


@dataclass(frozen=True)
class TargetDef:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    id: str
    name: str
    kind: str  # target type: hydro_plant, city, rail_segment, dam, ...
    position: Point
    capacity: float  # MW, tons per day, output units or people, by type
    value: float  # weight in the enemy's cost of the war
    hardness: float  # effective bomb tons for ~63% damage from undamaged
    flak: float  # heavy guns defending it at the start
    civilians: float  # people exposed to bombs that miss their aim
    repair_labour: float  # labour-days per point of damage
    repair_crew: float = 2000.0  # most labourers that can work on it in a day
    region: str = "west"
    initial_damage: float = 0.0
    carries: str = ""  # a bridge: the rail segment it carries
    floods: tuple[str, ...] = ()  # a dam: what its flood damages
    rice_tons: float = 0.0  # a dam: rice lost when it breaches
    rail_from: str = ""  # a rail segment: its stations
    rail_to: str = ""
    length_km: float = 0.0
    foreign: bool = False
    note: str = ""


@dataclass(frozen=True)
class CardScope:
    """What a restriction card applies to; an empty field matches everything."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    targets: tuple[str, ...] = ()
    target_kinds: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()  # map zone ids: a target inside one is covered
    zone_kinds: tuple[str, ...] = ()  # map zone classes, e.g. "sanctuary"
    pools: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    time: str = "any"  # "day", "night" or "any"
    press: tuple[str, ...] = ()  # press policies the card forbids
    warnings: bool = False  # the card is about strike warnings

    def is_order_scope(self) -> bool:
        return not self.press and not self.warnings


@dataclass(frozen=True)
class CardDef:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    id: str
    name: str
    reason: str
    effect: str  # "forbid" or "burden"
    scope: CardScope
    in_force: bool = True
    accuracy_factor: float = 1.0  # burden: multiplies accuracy
    stray_factor: float = 1.0  # burden: multiplies the chance of stray bombs
    jcs_approval: float = 0.0  # base chance a JCS request lifts it (0: cannot be asked)
    lifted_when: tuple[Condition, ...] = ()  # circumstances that take it out of play
    source: str = ""


@dataclass(frozen=True)
class Condition:
    """A test on the state: ``metric op value`` (metrics are named in ``conditions.py``)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    metric: str
    op: str
    value: Any


@dataclass(frozen=True)
class Effect:
    """One effect of an event; ``kind`` names a registered effect (``effects.py``)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    kind: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventDef:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    id: str
    title: str
    text: str
    start: date | None = None
    end: date | None = None
    conditions: tuple[Condition, ...] = ()
    chance: float = 1.0  # per day once the trigger holds
    effects: tuple[Effect, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class EndingDef:
    """A scenario's own end of the game (``[[endings]]``): when its conditions all hold,
    or when an event's ``end_game`` effect names it, the game ends with this outcome,
    title and text, and ``score`` is added to the score."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    id: str
    outcome: Outcome
    title: str
    text: str = ""
    conditions: tuple[Condition, ...] = ()  # none: only an end_game effect ends it
    score: float = 0.0
    source: str = ""


@dataclass(frozen=True)
class Operation:
    """A dated operation of the historical plan (what FEAF actually flew)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    day: date
    target: str
    strike: tuple[tuple[str, int], ...]
    escort: int = 0
    suppression: tuple[tuple[str, int], ...] = ()
    night: bool = False
    warning: bool = False
    name: str = ""
    source: str = ""


@dataclass(frozen=True)
class HistoricalPlan:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    operations: tuple[Operation, ...] = ()
    # Shares of the sorties left after operations, by standing task.
    interdiction: float = 0.5
    close_support: float = 0.2
    city_attacks: float = 0.2  # the rest goes to selected-destruction targets
    press: PressPolicy = PressPolicy.ROUTINE
    warnings_until: date | None = None  # warn before city strikes until this date
    # When a planned target is barred or destroyed: "next_in_kind" strikes the least
    # damaged allowed target of the same type; "standing_tasks" gives the sorties back.
    fallback: str = "next_in_kind"
    summary: str = ""


@dataclass(frozen=True)
class RecordFigure:
    """One line of what really happened, set beside the player's own figure."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    label: str
    record: str  # the figure as the sources give it, in words
    source: str  # tags of the history brief: A (the article), V (verified), E (estimate)
    metric: str = ""  # the campaign figure shown beside it (game.core.aar.METRICS)


@dataclass(frozen=True)
class PlanScore:
    """The historical planner's score over many seeds, a yardstick for the player's."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    median: float
    low: float  # 10th percentile
    high: float  # 90th percentile
    seeds: int


@dataclass(frozen=True)
class HistoricalRecord:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    summary: str = ""
    figures: tuple[RecordFigure, ...] = ()
    plan_score: PlanScore | None = None


def default_pressure_weights() -> dict[str, float]:
    """What the war's costs weigh when a scenario does not say (small test fixtures)."""
    return {"power": 0.3, "industry": 0.2, "supply": 0.2, "cities": 0.2, "food": 0.1}


@dataclass(frozen=True)
class MeterRules:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    initial: float = 30.0
    threshold: float = 70.0
    hold_days: int = 14  # the meter must hold above the threshold this long
    pressure_gain: float = 0.5  # meter points per day at full pressure
    pressure_tolerance: float = 0.25  # pressure the enemy bears without moving
    decay: float = 0.05  # points per day lost with no pressure
    recess_factor: float = 0.3  # how much pressure still moves the meter in recess
    face_penalty: float = 0.15  # points per day under publicised pressure
    opinion_weight: float = 0.01  # meter drift per point of world opinion below 50
    weights: dict[str, float] = field(default_factory=default_pressure_weights)
    offensive_days: int = 7  # the enemy's face-saving offensive before it signs
    offensive_supply: float = 0.5  # share of the stockpile that offensive spends


@dataclass(frozen=True)
class OpinionRules:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    world_initial: float = 60.0
    patience_initial: float = 70.0
    recall_world: float = 15.0
    recall_patience: float = 10.0
    civilian_per_point: float = 2000.0  # civilian casualties that cost one point
    un_casualties_per_point: float = 400.0
    aircraft_per_point: float = 10.0  # aircraft lost that cost a point of US patience
    stalemate_per_day: float = 0.02  # patience lost each day the war goes on
    publicised_patience: float = 0.05  # patience gained per day of publicised pressure
    publicised_world: float = 0.04
    warnings_world: float = 0.02  # world opinion gained per warned strike
    world_recovery: float = 0.02  # drift back toward the initial value per day
    incident_world: float = 4.0  # bombs in a neutral zone or on a prisoner camp
    border_incident_world: float = 1.0  # bombs across the Yalu or the Tumen
    dam_world: float = 2.0  # a flood that washes out villages and rice
    warning_patience: float = 0.0  # patience lost per warned strike: Washington dislikes it
    idle_patience: float = 0.0  # patience lost a day when no sortie flies (scaled by idleness)
    idle_tolerance: float = 0.0  # share of sorties left idle that Washington overlooks
    jcs_request_patience: float = 0.0  # patience spent by each request to lift a card


@dataclass(frozen=True)
class SupplyRules:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    entries: dict[str, float]  # station id -> tons per day entering from China
    depots: tuple[str, ...]  # stations that feed the front
    demand: float = 2000.0  # tons per day the front needs
    road_capacity: float = 800.0  # tons per day by road, hard to cut
    city_node_factor: float = 1.0  # a town's throughput falls with its damage
    initial_stockpile: float = 20000.0
    max_stockpile: float = 200000.0
    food_per_rice_ton: float = 0.002  # extra tons/day of imports per ton of rice lost
    artillery_base: float = 1.0
    artillery_max: float = 15.0
    un_casualties_per_fire: float = 40.0  # UN casualties a day at base fire
    close_support_per_sortie: float = 0.002  # fire suppressed per close-support sortie
    cuts_per_sortie: float = 0.4  # rail cuts from one armed-reconnaissance sortie
    damage_per_cut: float = 6.0  # points of segment damage per cut
    truck_kill_per_sortie: float = 2.0  # road tons a day lost per interdiction sortie
    road_kill_max: float = 1.0  # share of road traffic armed reconnaissance can stop (night moves)
    interdiction_loss_rate: float = 0.0  # aircraft lost per armed-reconnaissance sortie
    fire_consumption: float = 0.1  # extra share of demand burnt per unit of artillery fire
    un_casualty_growth: float = 0.22  # UN casualties grow slower than fire (Banfill: 10x -> 3x)
    yard_node_factor: float = 0.6  # a wrecked marshalling yard cuts its station's throughput
    ration_fire: float = 0.6  # a deciding enemy's fire per share of supply arriving (empty dumps)
    supply_surplus_cap: float = 1.5  # the front's supply counts up to this share of demand
    supply_smoothing: float = 0.2  # weight of today's deliveries in the front's supply figure
    suppression_cap: float = 0.6  # the most of the enemy's fire close support can silence


@dataclass(frozen=True)
class EnemyRules:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    labour: float = 20000.0  # repair labourers
    priorities: tuple[str, ...] = (
        "rail_segment",
        "rail_bridge",
        "hydro_plant",
        "thermal_plant",
        "airfield",
        "dam",
        "marshalling_yard",
        "city",
    )
    mig_strength: float = 400.0
    mig_replacement_per_day: float = 2.0
    mig_max: float = 500.0
    mig_commit_day: float = 0.25  # share of MiGs sent up against a raid in full reach
    mig_night_share: float = 0.04  # share that can fight at night, scaled by moonlight
    mig_attack_success: float = 0.056  # kill chance of one penetrating attack on a B-29
    mig_night_attack_success: float = 0.03
    escort_deterrence: float = 0.3  # how much an expected escort lowers commitment
    mig_reach_full_km: float = 150.0
    mig_reach_none_km: float = 380.0
    f86_kill_rate: float = 0.01  # MiGs downed per escort sortie engaged
    escort_loss_rate: float = 0.001
    # Night defences: a B-29 campaign by night draws searchlights, radar-laid flak and
    # night fighters, which fade as the raids stop (memory_days).
    night_adaptation: float = 0.0  # night defence built per night strike sortie
    night_defence_flak: float = 0.0  # extra night flak at full night defence (times the guns)
    night_defence_migs: float = 0.0  # moonlight-equivalent for night MiGs at full defence
    mig_reach_stretch: float = 0.25  # how much further MiGs roam with no barrier patrols
    barrier_mig_weight: float = 0.25  # MiGs one barrier patrol sortie holds north
    flak_mobile: float = 60.0  # guns the enemy moves between target types
    adaptation: float = 0.15  # share of mobile flak moved a day toward what is hit
    memory_days: float = 10.0  # how long the enemy remembers a pattern
    dispersal_rate: float = 0.02  # chance a day that battered industry moves away
    dispersal_threshold: float = 40.0
    dispersal_kinds: tuple[str, ...] = ("industrial_complex", "refinery", "mine")
    reservoir_lowering_per_day: float = 0.1
    reservoir_alert_delay: int = 5  # days after the first dam strike before lowering starts
    reservoir_floor: float = 0.2
    breach_damage: float = 50.0  # a dam breaches at this damage if the reservoir is high
    flood_damage: float = 60.0  # damage to what a breach floods, at a full reservoir
    walkout_days: int = 21  # a recess after an incident near the venue
    labour_loss_per_city_damage: float = 0.2  # labour deserting as cities burn
    dispersed_efficiency: float = 0.5  # output of industry that moved away
    labour_surge: float = 0.0  # extra labour thrown at repairs per point of supply shortfall
    dam_priority_after_breach: bool = True  # rebuilding a breached dam comes first
    # 0: labour follows the priorities strictly. Above 0 it goes where damage hurts most,
    # each step down the priorities weighing this much less.
    priority_decay: float = 0.0
    # Towns are rebuilt by the people living in them, outside the labour battalions.
    town_recovery_per_day: float = 0.0  # points of damage a day, once left alone
    town_recovery_delay: int = 14  # days since the last strike before rebuilding starts


COST_KINDS = ("power", "industry", "supply", "cities", "food", "air", "front")


@dataclass(frozen=True)
class LeaderDef:
    """One of the enemy's capitals: what the war costs it, and how much it will bear."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    id: str
    name: str
    share: float = 1.0  # its voice in the decision to sign, against the others'
    resolve: float = 0.25  # mean strain (0..1) it bears before it moves toward terms
    resolve_spread: float = 0.0  # lognormal spread of the hidden resolve across games
    weights: dict[str, float] = field(
        default_factory=default_pressure_weights
    )  # cost kind (COST_KINDS) -> weight
    note: str = ""


@dataclass(frozen=True)
class LeadershipRules:
    """How the communist leaders weigh the war and decide the talks (GAME.md §6a).

    Without leaders a scenario has one, the "enemy", with the meter's weights and
    tolerance; without a prisoner question the talks follow the scenario's events.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    leaders: tuple[LeaderDef, ...] = ()
    memory_days: float = 30.0  # how long losses in the air and at the front are felt
    air_reference: float = 40.0  # MiGs lost (in memory) that cost the most
    front_reference: float = 4000.0  # close-support sorties (in memory) that cost the most
    # The prisoner question: deadlock, recess, return and concession are decisions.
    pow_question: bool = False
    deadlock_below: float = 50.0  # meter under which the enemy will not move on prisoners
    deadlock_days: int = 90  # days of deadlock in session before the talks recess
    recess_meter: float = -3.0  # meter points the recess costs
    return_above: float = 52.0  # in a deadlock recess: meter at which it offers to return
    concede_above: float = 60.0  # in session: meter at which it concedes on prisoners
    concession_meter: float = 6.0  # meter points the settlement brings
    # Retaliation.
    propaganda_civilians: float = 2500.0  # civilian dead in memory that start a campaign
    propaganda_world: float = 2.0  # world opinion lost to one campaign
    propaganda_interval_days: int = 28
    offensive_below: float = 50.0  # meter under which it attacks at the front for leverage
    offensive_stockpile: float = 1.25  # stockpile (times the initial) it builds first
    offensive_days: int = 10
    offensive_interval_days: int = 90
    stockpile_fire: float = 0.7  # share of its usual fire while it builds a stockpile
    # MiGs move forward onto North Korean airfields that are repaired enough.
    forward_base_damage: float = 25.0  # an airfield this little damaged can take MiGs
    forward_min_migs: float = 200.0  # MiGs it needs before it risks forward bases
    forward_reach_km: float = 120.0  # full reach from a forward base


@dataclass(frozen=True)
class ScoreRules:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    base: float = 1000.0
    historical_end: date = date(1953, 7, 27)
    per_week_late: float = 10.0
    per_week_early: float = 0.0  # reward for each week an armistice comes before the record's
    per_aircraft: float = 1.0
    per_thousand_un: float = 1.0
    per_thousand_civilian: float = 2.0
    per_opinion_point: float = 3.0
    recall_penalty: float = 600.0
    per_week_left_at_recall: float = (
        0.0  # a recall leaves the war unfinished: weeks to the record's end
    )
    time_out_penalty: float = 300.0
    per_power_point: float = 0.0  # raid scenarios: reward for power destroyed
    per_meter_point: float = 0.0  # reward for each point the meter rose


@dataclass(frozen=True)
class Rules:
    """Everything a scenario fixes, resolved for one difficulty."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    scenario_id: str
    name: str
    start: date
    end: date
    turn_days: int
    difficulty: str
    geometry: MapGeometry
    pools: dict[str, PoolDef]
    targets: dict[str, TargetDef]
    cards: dict[str, CardDef]
    events: tuple[EventDef, ...]
    meter: MeterRules
    opinion: OpinionRules
    supply: SupplyRules
    enemy: EnemyRules
    score: ScoreRules
    weather: dict[int, tuple[float, float, float]]
    weather_accuracy: dict[str, float]
    plan: HistoricalPlan
    main_cities: tuple[str, ...] = ()
    escort_pool: str = ""
    navy_cooperation: float = 0.8
    cooperation_gain: float = 0.02  # per successful joint strike
    initial_talks: TalksState = TalksState.IN_SESSION
    talks_name: str = "Armistice talks"  # what the scenario's talks are called
    stray_chance_day: float = 0.02  # per sortie
    stray_chance_night: float = 0.06
    stray_spread_km: float = 6.0
    civilian_lethality: float = 0.01  # casualties per exposed person per point of damage/100
    warning_casualty_factor: float = 0.4
    warning_flak_factor: float = 1.2
    night_flak_factor: float = 0.5
    flak_lethality: float = 0.0001  # loss chance per sortie per gun
    # Ceilings on a sortie's chances, so no raid is certain death.
    mig_loss_cap: float = 0.9
    flak_loss_cap: float = 0.5
    damaged_cap: float = 0.9
    escort_loss_cap: float = 0.5
    night_dark_accuracy: float = 0.6  # night accuracy with no moon; moonlight adds the rest
    navy_commit_margin: float = 0.2  # Task Force 77 commits its cooperation plus this share
    jcs_stalled_factor: float = 1.5  # the JCS lift cards more readily when the talks stall
    jcs_repeat_factor: float = 0.7  # each earlier request for a card makes the next less likely
    jcs_max_chance: float = 0.95
    suppression_effect: float = 2.0  # guns one flak-suppression sortie keeps quiet
    flak_accuracy_penalty: float = 0.3
    damage_noise: float = 0.3  # lognormal spread of bombs on target per strike
    bda_noise: float = 25.0  # points of error at zero confidence
    bda_strike_confidence: float = 0.4
    bda_recon_confidence: float = 0.85
    bda_decay: float = 0.03
    # The intelligence picture's errors (see ``game.core.intel``).
    meter_noise: float = 4.0  # points of error in one turn's agents' reading of the meter
    meter_cause_noise: float = 0.35  # relative error of each estimated cause of its move
    meter_cause_floor: float = 0.02  # points a day of error a cause carries even when small
    meter_revision: float = 0.1  # share of the gap to the agents' reading closed each turn
    mig_noise: float = 0.15  # lognormal spread of the MiG strength estimate
    flak_noise: float = 0.25  # lognormal spread of each target's flak estimate
    front_supply_noise: float = 8.0  # points of error in the front supply estimate
    close_support_stray_chance: float = 0.0005  # per sortie, into a neutral zone near the front
    briefing: str = ""
    source_file: str = ""
    seed: int = 1  # the scenario's default random seed
    # The files the rules were read from (scenario, mod overrides, map), for save hashes.
    content_files: tuple[str, ...] = ()
    mods: tuple[str, ...] = ()  # the mods that shaped this scenario, by folder name
    sprites: dict[str, str] = field(default_factory=dict)  # target kind -> a mod's PNG icon
    difficulties: tuple[str, ...] = ("easy", "normal", "hard")
    record: HistoricalRecord | None = None  # what really happened, for the end screen
    # The scenario's own encyclopedia notes by id: {"title", "text", "source"}.
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    leadership: LeadershipRules = field(default_factory=LeadershipRules)
    options: tuple[str, ...] = ()  # the alternative histories chosen for this game
    endings: tuple[EndingDef, ...] = ()  # the scenario's own ends, before the armistice's
    # What the scenario offers: (id, name, text) of each alternative history.
    alternatives: tuple[tuple[str, str, str], ...] = ()

    @cached_property
    def leaders(self) -> tuple[LeaderDef, ...]:
        """The capitals that decide; one plain "enemy" when the scenario names none."""
        if self.leadership.leaders:
            return self.leadership.leaders
        m = self.meter
        return (LeaderDef("enemy", "The enemy", 1.0, m.pressure_tolerance, 0.0, dict(m.weights)),)

    @property
    def strike_pools(self) -> list[PoolDef]:
        return [p for p in self.pools.values() if p.role in STRIKE_ROLES]

    # Lookups derived from the fixed data, computed once per scenario.
    @cached_property
    def zones_of(self) -> dict[str, tuple[MapFeature, ...]]:
        """Target id -> the map zones it lies inside."""
        zones = self.geometry.on_layer(Layer.ZONES)
        return {
            tid: tuple(z for z in zones if z.contains(t.position))
            for tid, t in self.targets.items()
        }

    @cached_property
    def targets_by_kind(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for tid in sorted(self.targets):
            out.setdefault(self.targets[tid].kind, []).append(tid)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def carried_by(self) -> dict[str, tuple[str, ...]]:
        """Rail segment or station id -> the bridges and yards that carry it."""
        out: dict[str, list[str]] = {}
        for tid in sorted(self.targets):
            t = self.targets[tid]
            if t.carries:
                out.setdefault(t.carries, []).append(tid)
        return {k: tuple(v) for k, v in out.items()}


# --------------------------------------------------------------------------- state


@dataclass
class PoolState:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    ready: int
    damaged: list[int] = field(default_factory=list)  # days left for each damaged aircraft
    lost: int = 0
    replaced: int = 0
    sorties_flown: int = 0


@dataclass
class TargetState:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    damage: float = 0.0  # 0..100
    flak: float = 0.0  # guns now defending
    active: bool = True  # False once dispersed away or otherwise off the list
    reservoir: float = 1.0  # dams: share of full
    breached: bool = False
    last_struck: date | None = None
    times_struck: int = 0


@dataclass
class Estimate:
    """What the player believes about one target."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    damage: float = 0.0
    confidence: float = 0.0
    seen: date | None = None


@dataclass
class Intel:
    """The player's picture: estimates, never the truth."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    bda: dict[str, Estimate] = field(default_factory=dict)
    meter_estimate: float = 30.0
    mig_estimate: float = 400.0
    flak_estimate: dict[str, float] = field(default_factory=dict)
    front_supply_estimate: float = 100.0


@dataclass
class CardState:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    in_force: bool
    requests: int = 0  # JCS requests filed for it


@dataclass
class GameState:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    day: date
    turn: int
    pools: dict[str, PoolState]
    targets: dict[str, TargetState]
    cards: dict[str, CardState]
    meter: float
    world_opinion: float
    us_patience: float
    talks: TalksState
    talks_until: date | None = None  # end of a recess or walk-out
    talks_locked: bool = False  # held in recess by an event until another event lifts it
    stockpile: float = 0.0
    front_supply_pct: float = 100.0
    artillery: float = 1.0
    rice_lost: float = 0.0
    rail_cuts: int = 0
    aircraft_lost: int = 0
    civilian_casualties: float = 0.0
    un_casualties: float = 0.0
    power_destroyed_pct: float = 0.0
    navy_cooperation: float = 0.8
    mig_strength: float = 400.0
    mobile_flak: dict[str, float] = field(default_factory=dict)  # target kind -> guns
    strike_memory: dict[str, float] = field(default_factory=dict)  # target kind -> recent weight
    escort_memory: float = 0.0  # escort per striker the enemy expects
    reservoir_alert_day: date | None = None
    days_above_threshold: int = 0
    offensive_days_left: int = 0
    offensive_done: bool = False
    labour_factor: float = 1.0  # events and desertion change the enemy's labour
    barrier: float = 0.5  # how well barrier patrols hold the MiGs north (0..1)
    warnings_publicised_turns: int = 0
    events_fired: set[str] = field(default_factory=set)
    outcome: Outcome = Outcome.ONGOING
    end_date: date | None = None
    score: float = 0.0
    intel: Intel = field(default_factory=Intel)
    history: list[dict[str, float]] = field(default_factory=list)  # one row per turn
    # The enemy's leadership (hidden): resolve drawn at the start, the war's cost so far.
    resolve: dict[str, float] = field(default_factory=dict)
    strain_total: dict[str, float] = field(default_factory=dict)  # summed daily strain
    strain_days: int = 0
    migs_lost_memory: float = 0.0
    front_memory: float = 0.0  # close-support sorties the enemy's armies remember
    civilian_memory: float = 0.0  # civilian dead its propaganda can use
    pow_settled: bool = False
    deadlock_days: int = 0
    decisions: set[str] = field(default_factory=set)  # names of decisions taken
    last_propaganda: date | None = None
    last_front_offensive: date | None = None
    front_offensive_days_left: int = 0
    front_plan: str = "hold"  # hold, stockpile or attack
    forward_bases: set[str] = field(default_factory=set)  # airfields MiGs fly from
    dispersal_progress: float = 0.0
    night_defence: float = 0.0  # searchlights, radar flak, night fighters (0..1)
    ending: str = ""  # the scenario ending that ended the game, or that an event called

    def clone(self) -> GameState:
        """A deep copy, written out because ``copy.deepcopy`` was a tenth of a campaign."""
        intel = self.intel
        return replace(
            self,
            pools={k: replace(v, damaged=list(v.damaged)) for k, v in self.pools.items()},
            targets={k: replace(v) for k, v in self.targets.items()},
            cards={k: replace(v) for k, v in self.cards.items()},
            mobile_flak=dict(self.mobile_flak),
            strike_memory=dict(self.strike_memory),
            events_fired=set(self.events_fired),
            resolve=dict(self.resolve),
            strain_total=dict(self.strain_total),
            decisions=set(self.decisions),
            forward_bases=set(self.forward_bases),
            intel=replace(
                intel,
                bda={k: replace(v) for k, v in intel.bda.items()},
                flak_estimate=dict(intel.flak_estimate),
            ),
            # Rows are never changed once written, so the list is copied, not its rows.
            history=list(self.history),
        )
