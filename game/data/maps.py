"""Read a Tiled map (.tmx) into the rules' :class:`~game.core.geometry.MapGeometry`.

Only geometry and properties are read (``pytmx.TiledMap`` without images), so this
works headless. Pixels become kilometres through the map's ``cell_km`` property:
``km = px / tilewidth * cell_km``. Every object on a known object layer (the values of
:class:`~game.core.geometry.Layer`) must have a unique ``name``, which is its id; its
Tiled class (``class`` in Tiled 1.9, ``type`` before and since) becomes the feature's kind.
Object layers with other names and all tile layers are ignored.

Any problem with the file raises :class:`MapError` naming the file and the problem.
"""

from __future__ import annotations

import base64
import binascii
import math
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

from game.core.geometry import Layer, MapFeature, MapGeometry, Point, Shape
from game.data.guards import inside

REQUIRED_FLOAT_PROPERTIES = ("cell_km", "lat_top", "lon_left", "standard_parallel")
PropertyValue = str | int | float | bool


class MapError(ValueError):
    """A map file is missing, malformed or inconsistent."""


def _fail(path: Path, problem: str) -> MapError:
    return MapError(f"{path}: {problem}")


MAX_MAP_BYTES = 20_000_000
MAX_IMAGE_SIDE = 8192  # pixels; a tileset image larger than this is refused
MAX_MAP_SIDE = 2048  # cells; a larger map would not draw its terrain
MAX_LAYER_BYTES = MAX_MAP_SIDE * MAX_MAP_SIDE * 4  # one tile layer, inflated


def _parse(path: Path) -> ET.Element:
    if path.stat().st_size > MAX_MAP_BYTES:
        raise _fail(path, f"larger than {MAX_MAP_BYTES:,} bytes")
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise _fail(path, f"not a valid XML file: {exc}") from exc


def _check_references(path: Path, root: ET.Element, seen: frozenset[Path] = frozenset()) -> None:
    """Tilesets and images must lie beside the map: a map may not reach other files.

    ``seen`` holds the files on the way here, so a tileset naming itself is refused."""
    folder = path.parent.resolve()
    seen = seen | {path.resolve()}
    for element in root.iter():
        if element.tag not in ("tileset", "image") or "source" not in element.attrib:
            continue
        source = element.attrib["source"]
        target = (path.parent / source).resolve()
        if (
            Path(source).is_absolute()
            or not target.is_relative_to(folder)
            or not inside(path.parent / source, path.parent)
        ):
            raise _fail(path, f"{element.tag} '{source}' lies outside the map's folder")
        if element.tag == "image":
            for side in ("width", "height"):
                try:
                    size = int(element.attrib.get(side, "0"))
                except ValueError as exc:
                    raise _fail(path, f"image '{source}' has a bad {side}") from exc
                if size > MAX_IMAGE_SIDE:
                    raise _fail(path, f"image '{source}' is over {MAX_IMAGE_SIDE} pixels {side}")
        if element.tag == "tileset":
            if not target.is_file():
                raise _fail(path, f"tileset '{source}' not found")
            if target in seen:
                raise _fail(path, f"tileset '{source}' refers back to itself")
            _check_references(target, _parse(target), seen)


def _ellipse_ids(path: Path) -> set[int]:
    """Object ids drawn as ellipses (pytmx parses them as plain rectangles)."""
    root = _parse(path)
    if root.tag != "map":
        raise _fail(path, f"not a TMX map (root element is <{root.tag}>, expected <map>)")
    _check_references(path, root)
    _check_size(path, root)
    ids: set[int] = set()
    for obj in root.iter("object"):
        if obj.find("ellipse") is not None:
            try:
                ids.add(int(obj.get("id", "")))
            except ValueError as exc:
                raise _fail(path, f"ellipse object with a bad id {obj.get('id')!r}") from exc
    return ids


def _check_size(path: Path, root: ET.Element) -> None:
    """Bound the map's cells and every compressed layer before pytmx inflates them."""
    for side in ("width", "height"):
        try:
            cells = int(root.get(side, "0"))
        except ValueError as exc:
            raise _fail(path, f"map {side} is not a whole number") from exc
        if not 0 < cells <= MAX_MAP_SIDE:
            raise _fail(path, f"map {side} {cells} is outside 1 to {MAX_MAP_SIDE} cells")
    for data in root.iter("data"):
        compression = data.get("compression")
        if not compression:
            continue
        try:
            packed = base64.b64decode((data.text or "").strip(), validate=False)
        except (binascii.Error, ValueError) as exc:
            raise _fail(path, "a layer's base64 data is broken") from exc
        if compression not in ("zlib", "gzip"):
            raise _fail(path, f"layer compression '{compression}' is not supported")
        wbits = zlib.MAX_WBITS | (16 if compression == "gzip" else 0)
        inflater = zlib.decompressobj(wbits)
        try:
            inflater.decompress(packed, MAX_LAYER_BYTES)
        except zlib.error as exc:
            raise _fail(path, f"a layer's {compression} data is broken") from exc
        if inflater.unconsumed_tail:
            raise _fail(path, f"a layer inflates to more than {MAX_LAYER_BYTES:,} bytes")


def _load_tiled(path: Path) -> Any:
    import pytmx  # imported here: pytmx pulls in pygame when it is installed

    try:
        return pytmx.TiledMap(str(path))
    except MapError:
        raise
    except Exception as exc:  # pytmx raises many kinds of errors on bad input
        raise _fail(path, f"cannot be read as a Tiled map: {type(exc).__name__}: {exc}") from exc


def _map_float(path: Path, props: dict[str, Any], key: str) -> float:
    if key not in props:
        raise _fail(path, f"missing map property {key!r}")
    try:
        value = float(props[key])
    except (TypeError, ValueError) as exc:
        raise _fail(path, f"map property {key!r} is not a number: {props[key]!r}") from exc
    if not math.isfinite(value):
        raise _fail(path, f"map property {key!r} is not finite: {value}")
    return value


def _properties(obj: Any) -> dict[str, PropertyValue]:
    out: dict[str, PropertyValue] = {}
    for key, value in dict(getattr(obj, "properties", {}) or {}).items():
        if isinstance(value, bool | int | float | str):
            out[str(key)] = value
        else:
            out[str(key)] = str(value)
    return out


def _object_class(obj: Any) -> str:
    # pytmx stores XML attributes as Python attributes: ``type`` (Tiled 1.8, 1.10+), ``class`` (1.9).
    for attr in ("type", "class"):
        value = obj.__dict__.get(attr)
        if value:
            return str(value)
    return ""


def load_map(path: Path) -> MapGeometry:
    """Load ``path`` (a .tmx file) into a :class:`MapGeometry` in kilometres."""
    path = Path(path)
    if not path.is_file():
        raise _fail(path, "map file not found")
    ellipses = _ellipse_ids(path)
    tiled = _load_tiled(path)

    if getattr(tiled, "orientation", "orthogonal") != "orthogonal":
        raise _fail(path, f"orientation must be orthogonal, not {tiled.orientation!r}")
    tw, th = int(tiled.tilewidth or 0), int(tiled.tileheight or 0)
    if tw <= 0 or th <= 0:
        raise _fail(path, "tile width and height must be positive")
    if tw != th:
        raise _fail(path, f"tiles must be square, got {tw}x{th} px")

    props = dict(tiled.properties or {})
    cell_km, lat_top, lon_left, parallel = (
        _map_float(path, props, key) for key in REQUIRED_FLOAT_PROPERTIES
    )
    projection = props.get("projection")
    if projection != "equirectangular":
        raise _fail(
            path, f"map property 'projection' must be 'equirectangular', not {projection!r}"
        )
    if cell_km <= 0:
        raise _fail(path, f"map property 'cell_km' must be positive, got {cell_km}")
    scale = cell_km / tw  # km per pixel

    layer_names = {layer.value for layer in Layer}
    features: dict[str, MapFeature] = {}
    import pytmx

    for group in tiled.layers:
        if not isinstance(group, pytmx.TiledObjectGroup) or group.name not in layer_names:
            continue
        layer = Layer(group.name)
        for obj in group:
            features_id = obj.name
            where = f"object {obj.id} on layer {group.name!r}"
            if not features_id:
                raise _fail(path, f"{where} has no name (the name is the feature's id)")
            if features_id in features:
                raise _fail(path, f"duplicate id {features_id!r} ({where})")
            if getattr(obj, "rotation", 0):
                raise _fail(path, f"{features_id!r}: rotated objects are not supported")
            features[features_id] = _feature(path, obj, layer, scale, obj.id in ellipses)

    return MapGeometry(
        width_km=int(tiled.width) * cell_km,
        height_km=int(tiled.height) * cell_km,
        cell_km=cell_km,
        features=features,
        lat_top=lat_top,
        lon_left=lon_left,
        standard_parallel=parallel,
    )


def _feature(path: Path, obj: Any, layer: Layer, scale: float, is_ellipse: bool) -> MapFeature:
    props = _properties(obj)
    label = props.get("label")
    common: dict[str, Any] = {
        "id": obj.name,
        "layer": layer,
        "kind": _object_class(obj),
        "name": str(label) if label is not None else obj.name,
        "properties": props,
    }
    x, y = float(obj.x) * scale, float(obj.y) * scale
    points = getattr(obj, "points", None)
    numbers = [x, y, float(obj.width or 0), float(obj.height or 0)]
    numbers += [float(c) for p in points or () for c in (p[0], p[1])]
    if not all(math.isfinite(n) and abs(n) < 1e7 for n in numbers):
        raise _fail(path, f"{obj.name!r} has a coordinate that is not a finite number")
    if is_ellipse:
        w, h = float(obj.width) * scale, float(obj.height) * scale
        if w <= 0 or h <= 0:
            raise _fail(path, f"ellipse {obj.name!r} has no size")
        return MapFeature(
            shape=Shape.ELLIPSE, points=((x + w / 2, y + h / 2),), radii=(w / 2, h / 2), **common
        )
    if points:
        pts: tuple[Point, ...] = tuple((float(p[0]) * scale, float(p[1]) * scale) for p in points)
        closed = bool(getattr(obj, "closed", False))
        if closed and len(pts) < 3:
            raise _fail(path, f"polygon {obj.name!r} needs at least 3 points")
        if not closed and len(pts) < 2:
            raise _fail(path, f"polyline {obj.name!r} needs at least 2 points")
        return MapFeature(shape=Shape.POLYGON if closed else Shape.POLYLINE, points=pts, **common)
    if float(obj.width or 0) > 0 or float(obj.height or 0) > 0:
        # A rectangle: keep it as a polygon so containment works.
        w, h = float(obj.width) * scale, float(obj.height) * scale
        rect = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
        return MapFeature(shape=Shape.POLYGON, points=rect, **common)
    return MapFeature(shape=Shape.POINT, points=((x, y),), **common)
