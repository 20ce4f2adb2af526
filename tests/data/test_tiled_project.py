"""The Tiled project file offers a class, with its fields, for every object the map uses."""

from __future__ import annotations

import json

from game.data.maps import load_map
from game.data.scenario import MAPS_DIR


def test_every_object_class_on_the_map_is_predefined_for_modders() -> None:
    project = json.loads((MAPS_DIR / "air-pressure.tiled-project").read_text("utf-8"))
    classes = {t["name"]: t for t in project["propertyTypes"] if t["type"] == "class"}
    geometry = load_map(MAPS_DIR / "korea.tmx")
    for feature in geometry.features.values():
        assert feature.kind in classes, f"no class '{feature.kind}' for {feature.id}"
        members = {m["name"] for m in classes[feature.kind]["members"]}
        missing = set(feature.properties) - members
        assert not missing, f"{feature.kind} lacks fields {missing} used by {feature.id}"
