"""Small fixture rules built in code, so the engine's tests do not hang on the real map.

The fixture world is 500 x 500 km. The Yalu border runs along y = 40 km (north of it the
Manchurian sanctuary with a foreign MiG airfield); the only air base is in the south;
a neutral circle for the talks sits at (250, 270) with a supply depot 8 km from its centre.

    sanctuary (polygon, y < 40) ......... antung (foreign airfield)
    suiho  hydro  sinuiju (8 km south of the border)
    factory   yard(mid_st)   dam -> floods seg_south, village
    seg_north: yalu_st -> mid_st     seg_south: mid_st -> front_st (bridge carries it)
    city                         depot  (neutral circle r = 5 km)
                        k14 (base)
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import numpy as np
import pytest

from game.core.geometry import Layer, MapFeature, MapGeometry, Shape
from game.core.model import (
    CardDef,
    CardScope,
    Condition,
    EnemyRules,
    GameState,
    HistoricalPlan,
    MeterRules,
    OpinionRules,
    PoolDef,
    Role,
    Rules,
    ScoreRules,
    SupplyRules,
    TargetDef,
)
from game.core.orders import StandingTasks, StrikePackage, TurnOrders
from game.core.turn import TurnResult, new_game, run_turn

START = date(1952, 7, 1)
END = date(1952, 9, 30)

NEUTRAL_CENTRE = (250.0, 270.0)
NEUTRAL_RADIUS = 5.0
BASE_POS = (250.0, 400.0)
BORDER_Y = 40.0


def _target(
    id: str,
    kind: str,
    pos: tuple[float, float],
    *,
    capacity: float = 100.0,
    value: float = 1.0,
    hardness: float = 30.0,
    flak: float = 10.0,
    civilians: float = 0.0,
    repair_labour: float = 100.0,
    repair_crew: float = 2000.0,
    **extra: Any,
) -> TargetDef:
    return TargetDef(
        id=id,
        name=extra.pop("name", id.replace("_", " ").title()),
        kind=kind,
        position=pos,
        capacity=capacity,
        value=value,
        hardness=hardness,
        flak=flak,
        civilians=civilians,
        repair_labour=repair_labour,
        repair_crew=repair_crew,
        **extra,
    )


def fixture_targets() -> dict[str, TargetDef]:
    ts = [
        _target("hydro", "hydro_plant", (100.0, 80.0), capacity=300, value=5, hardness=40, flak=20),
        _target("suiho", "hydro_plant", (60.0, 70.0), capacity=600, value=8, hardness=60, flak=30),
        _target(
            "sinuiju",
            "city",
            (150.0, BORDER_Y + 8.0),
            capacity=100000,
            hardness=80,
            flak=10,
            civilians=100000,
            repair_labour=300,
        ),
        _target(
            "city",
            "city",
            (220.0, 200.0),
            capacity=400000,
            value=4,
            hardness=200,
            flak=40,
            civilians=300000,
            repair_labour=300,
        ),
        _target(
            "village", "city", (185.0, 195.0), capacity=5000, hardness=20, flak=0, civilians=5000
        ),
        _target(
            "seg_north",
            "rail_segment",
            (180.0, 120.0),
            capacity=2500,
            hardness=10,
            flak=5,
            rail_from="yalu_st",
            rail_to="mid_st",
            length_km=150,
        ),
        _target(
            "seg_south",
            "rail_segment",
            (220.0, 260.0),
            capacity=2000,
            hardness=10,
            flak=5,
            rail_from="mid_st",
            rail_to="front_st",
            length_km=120,
        ),
        _target(
            "bridge",
            "rail_bridge",
            (215.0, 240.0),
            capacity=2000,
            hardness=15,
            flak=10,
            repair_labour=500,
            repair_crew=1000,
            carries="seg_south",
        ),
        _target(
            "dam",
            "dam",
            (180.0, 180.0),
            capacity=0,
            hardness=20,
            flak=0,
            repair_labour=400,
            repair_crew=4000,
            floods=("seg_south", "village"),
            rice_tons=50000,
        ),
        _target("factory", "industrial_complex", (300.0, 100.0), capacity=100, hardness=30),
        _target(
            "yard", "marshalling_yard", (200.0, 150.0), hardness=30, flak=150, carries="mid_st"
        ),
        _target(
            "depot",
            "supply_complex",
            (NEUTRAL_CENTRE[0], NEUTRAL_CENTRE[1] - 8.0),
            hardness=30,
            flak=0,
        ),
        _target("far_mine", "mine", (495.0, 60.0), hardness=30),
        _target("antung", "airfield", (100.0, 20.0), foreign=True),
    ]
    return {t.id: t for t in ts}


def fixture_geometry(targets: dict[str, TargetDef]) -> MapGeometry:
    features: dict[str, MapFeature] = {}
    for t in targets.values():
        if t.kind == "rail_segment":
            x, y = t.position
            features[t.id] = MapFeature(
                t.id,
                Layer.RAIL,
                t.kind,
                Shape.POLYLINE,
                ((x - 20, y - 20), (x + 20, y + 20)),
                name=t.name,
                properties={"from": t.rail_from, "to": t.rail_to},
            )
        else:
            props: dict[str, str | int | float | bool] = {"foreign": True} if t.foreign else {}
            features[t.id] = MapFeature(
                t.id,
                Layer.TARGETS,
                t.kind,
                Shape.POINT,
                (t.position,),
                name=t.name,
                properties=props,
            )
    features["k14"] = MapFeature("k14", Layer.BASES, "air_base", Shape.POINT, (BASE_POS,))
    features["neutral"] = MapFeature(
        "neutral",
        Layer.ZONES,
        "neutral_zone",
        Shape.ELLIPSE,
        (NEUTRAL_CENTRE,),
        radii=(NEUTRAL_RADIUS, NEUTRAL_RADIUS),
        name="Panmunjom neutral circle",
    )
    features["manchuria"] = MapFeature(
        "manchuria",
        Layer.ZONES,
        "sanctuary",
        Shape.POLYGON,
        ((0.0, 0.0), (500.0, 0.0), (500.0, BORDER_Y), (0.0, BORDER_Y)),
        name="Manchurian sanctuary",
    )
    return MapGeometry(width_km=500.0, height_km=500.0, cell_km=5.0, features=features)


def fixture_pools() -> dict[str, PoolDef]:
    common = dict(base="k14", replacements_per_month=10, repair_days=3)
    pools = [
        PoolDef(
            id="fb",
            name="Fighter-bombers",
            aircraft="F-84",
            role=Role.FIGHTER_BOMBER,
            range_km=400,
            establishment=100,
            initial_ready=80,
            sortie_rate=1.0,
            bomb_tons=2.0,
            accuracy=0.5,
            **common,
        ),
        PoolDef(
            id="b29",
            name="Bomber Command",
            aircraft="B-29",
            role=Role.MEDIUM_BOMBER,
            range_km=2000,
            establishment=40,
            initial_ready=30,
            sortie_rate=0.7,
            day=False,
            night=True,
            bomb_tons=8.0,
            mig_vulnerability=1.0,
            **common,
        ),
        PoolDef(
            id="b26",
            name="Night intruders",
            aircraft="B-26",
            role=Role.LIGHT_BOMBER,
            range_km=600,
            establishment=30,
            initial_ready=20,
            sortie_rate=1.0,
            day=False,
            night=True,
            **common,
        ),
        PoolDef(
            id="f86",
            name="Interceptors",
            aircraft="F-86",
            role=Role.INTERCEPTOR,
            range_km=600,
            establishment=80,
            initial_ready=60,
            sortie_rate=1.0,
            escort_quality=1.0,
            **common,
        ),
        PoolDef(
            id="recon",
            name="Photo reconnaissance",
            aircraft="RF-80",
            role=Role.RECON,
            range_km=600,
            establishment=10,
            initial_ready=6,
            sortie_rate=1.0,
            **common,
        ),
    ]
    return {p.id: p for p in pools}


def fixture_cards() -> dict[str, CardDef]:
    cards = [
        CardDef(
            id="suiho_prohibited",
            name="Suiho prohibited",
            reason="The dam feeds Manchuria; striking it risks widening the war.",
            effect="forbid",
            scope=CardScope(targets=("suiho",)),
            jcs_approval=0.3,
        ),
        CardDef(
            id="yalu_approach",
            name="Manchurian airspace",
            reason="Approach parallel to the Yalu only.",
            effect="burden",
            scope=CardScope(targets=("sinuiju",)),
            accuracy_factor=0.5,
            stray_factor=3.0,
        ),
        CardDef(
            id="no_coercion",
            name="No statements of coercive intent",
            reason="Washington forbids announcing pressure.",
            effect="forbid",
            scope=CardScope(press=("publicised",)),
        ),
        CardDef(
            id="factory_held",
            name="Factory held in reserve",
            reason="Held while the talks go on.",
            effect="forbid",
            scope=CardScope(targets=("factory",)),
            lifted_when=(Condition("talks", "==", "recessed"),),
        ),
    ]
    return {c.id: c for c in cards}


def make_rules(**changes: Any) -> Rules:
    """The fixture rules; keyword arguments replace fields of :class:`Rules`."""
    targets = fixture_targets()
    rules = Rules(
        scenario_id="fixture",
        name="Fixture",
        start=START,
        end=END,
        turn_days=1,
        difficulty="normal",
        geometry=fixture_geometry(targets),
        pools=fixture_pools(),
        targets=targets,
        cards=fixture_cards(),
        events=(),
        meter=MeterRules(hold_days=5, offensive_days=3),
        opinion=OpinionRules(),
        supply=SupplyRules(entries={"yalu_st": 3000.0}, depots=("front_st",)),
        enemy=EnemyRules(mig_strength=300.0),
        score=ScoreRules(),
        weather={m: (1.0, 0.0, 0.0) for m in range(1, 13)},
        weather_accuracy={
            "day_clear": 1.0,
            "day_overcast": 0.5,
            "day_storm": 0.2,
            "night_clear": 1.0,
            "night_overcast": 0.6,
            "night_storm": 0.3,
        },
        plan=HistoricalPlan(),
        main_cities=("city", "sinuiju"),
        escort_pool="f86",
        # No chance walk-outs from close support unless a test asks for them.
        close_support_stray_chance=0.0,
    )
    return dataclasses.replace(rules, **changes) if changes else rules


def with_enemy(rules: Rules, **changes: Any) -> Rules:
    return dataclasses.replace(rules, enemy=dataclasses.replace(rules.enemy, **changes))


def with_target(rules: Rules, target_id: str, **changes: Any) -> Rules:
    targets = dict(rules.targets)
    targets[target_id] = dataclasses.replace(targets[target_id], **changes)
    return dataclasses.replace(rules, targets=targets)


@pytest.fixture
def rules() -> Rules:
    return make_rules()


@pytest.fixture
def state(rules: Rules) -> GameState:
    return new_game(rules)


# ------------------------------------------------------------------- helpers

QUIET = StandingTasks(interdiction=0.0, close_support=0.0, air_superiority=1.0)


def orders(*packages: StrikePackage, **kw: Any) -> TurnOrders:
    """Orders with only the given packages (no interdiction or close support by default)."""
    kw.setdefault("standing", QUIET)
    return TurnOrders(packages=packages, **kw)


def package(target: str, *strike: tuple[str, int], **kw: Any) -> StrikePackage:
    return StrikePackage(target=target, strike=tuple(strike), **kw)


def play_turns(
    rules: Rules, state: GameState, turn_orders: TurnOrders, rng: np.random.Generator, n: int
) -> tuple[GameState, list[Any]]:
    events: list[Any] = []
    for _ in range(n):
        result: TurnResult = run_turn(rules, state, turn_orders, rng)
        state = result.state
        events.extend(result.events)
    return state, events


def mean_and_se(values: list[float]) -> tuple[float, float]:
    arr = np.asarray(values, dtype=float)
    return float(arr.mean()), float(arr.std(ddof=1) / np.sqrt(len(arr)))
