"""Warnings for values that are legal but probably not what the modder meant."""

from __future__ import annotations

from game.core.model import Rules
from game.core.targets import TARGET_KINDS
from game.sprite_names import SPRITE_NAMES


def warnings(rules: Rules) -> list[str]:
    file = rules.source_file
    out: list[str] = []

    def warn(key: str, message: str) -> None:
        out.append(f"{file}: {key}: warning: {message}")

    for pid, pool in sorted(rules.pools.items()):
        if pool.sortie_rate > 3:
            warn(
                f"pools.{pid}.sortie_rate",
                f"{pool.sortie_rate} sorties a day per aircraft is a lot",
            )
        if pool.initial_ready > pool.establishment:
            warn(f"pools.{pid}.initial_ready", "more aircraft ready than the establishment allows")
        if not pool.day and not pool.night:
            warn(f"pools.{pid}", "flies neither by day nor by night")
    if rules.meter.threshold <= rules.meter.initial:
        warn("meter.threshold", "at or below the initial meter: the armistice needs no pressure")
    strike_pools = [p for p in rules.pools.values() if p.bomb_tons > 0]
    for tid, target in sorted(rules.targets.items()):
        if target.foreign or target.kind == "rail_segment":
            continue
        if target.hardness < 5:
            warn(f"targets.{tid}.hardness", f"{target.hardness} t destroys it at once")
        reachable = False
        for pool in strike_pools:
            base = rules.geometry.features.get(pool.base)
            if base is None or base.reach_to(target.position) <= pool.range_km:
                reachable = True
                break
        if not reachable:
            warn(f"targets.{tid}", "no strike pool can reach it")
        if target.kind == "dam" and not target.floods and not target.rice_tons:
            warn(f"targets.{tid}", "a dam whose breach floods nothing and loses no rice")
    for i, op in enumerate(rules.plan.operations):
        if not rules.start <= op.day <= rules.end:
            warn(f"plan.operations.{i}.day", f"{op.day} is outside the scenario's dates")
    for ev in rules.events:
        if ev.start and ev.end and ev.start > ev.end:
            warn(f"events.{ev.id}.start", "starts after it ends: it can never fire")
        if ev.start and ev.start > rules.end:
            warn(f"events.{ev.id}.start", "after the scenario's end: it can never fire")
    kinds = {t.kind for t in rules.targets.values()}
    for name, path in sorted(rules.sprites.items()):
        if name not in SPRITE_NAMES:
            out.append(f"{path}: warning: the game has no sprite '{name}' for it to replace")
        elif name in TARGET_KINDS and name not in kinds:
            out.append(f"{path}: warning: no target of type '{name}' in this scenario uses it")
    for cid, card in sorted(rules.cards.items()):
        for t in card.scope.targets:
            if t not in rules.targets:
                warn(f"cards.{cid}.scope.targets", f"'{t}' is not a target of this scenario")
    return out
