"""TopoJSON decoding and the two map projections the atlas needs, in plain Python.

* ``decode_rings`` turns a TopoJSON geometry into lists of rings of (x, y) points (arcs stitched, the
  quantisation transform undone).
* ``albers_usa`` is d3's ``geoAlbersUsa`` at us-atlas' pre-projection (scale 1300, translate 487.5, 305),
  so points land on the ``counties-albers-10m.json`` shapes; Alaska and Hawaii use its insets.
* ``ConicEqualArea`` projects Canada's provinces (lon/lat) and its city points onto one frame.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute coordinates of every arc (delta decoding and the transform applied)."""
    transform = topology.get("transform")
    sx, sy = transform["scale"] if transform else (1.0, 1.0)
    tx, ty = transform["translate"] if transform else (0.0, 0.0)
    out: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0.0
        pts: list[Point] = []
        for pos in arc:
            if transform:
                x += pos[0]
                y += pos[1]
                pts.append((x * sx + tx, y * sy + ty))
            else:
                pts.append((float(pos[0]), float(pos[1])))
        out.append(pts)
    return out


def _ring(indexes: Sequence[int], arcs: list[list[Point]]) -> Ring:
    ring: Ring = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(pts if not ring else pts[1:])
    return ring


def decode_rings(geometry: dict[str, Any], arcs: list[list[Point]]) -> list[Ring]:
    """All rings (outer and holes) of a Polygon or MultiPolygon geometry."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [_ring(r, arcs) for r in geometry["arcs"]]
    if kind == "MultiPolygon":
        return [_ring(r, arcs) for poly in geometry["arcs"] for r in poly]
    return []


def path_d(rings: Iterable[Ring], ndigits: int = 1) -> str:
    """SVG path data for rings; the even-odd rule handles holes."""
    parts: list[str] = []
    for ring in rings:
        if len(ring) < 3:
            continue
        coords = " ".join(f"{round(x, ndigits):g},{round(y, ndigits):g}" for x, y in ring)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def simplify(rings: Iterable[Ring], tolerance: float, min_size: float = 0.0) -> list[Ring]:
    """Drop points closer than ``tolerance`` to the last kept one, and rings smaller than ``min_size``."""
    out: list[Ring] = []
    for ring in rings:
        if not ring:
            continue
        x0, y0, x1, y1 = bbox([ring])
        if max(x1 - x0, y1 - y0) < min_size:
            continue
        kept = [ring[0]]
        for x, y in ring[1:]:
            lx, ly = kept[-1]
            if abs(x - lx) + abs(y - ly) >= tolerance:
                kept.append((x, y))
        if len(kept) >= 3:
            out.append(kept)
    return out


def bbox(rings: Iterable[Ring]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for ring in rings:
        for x, y in ring:
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def contains(rings: Sequence[Ring], point: Point) -> bool:
    """Even-odd point-in-polygon test over all rings."""
    px, py = point
    inside = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            x1, y1 = ring[i]
            x2, y2 = ring[(i + 1) % n]
            if (y1 > py) != (y2 > py) and px < (x2 - x1) * (py - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def centroid(rings: Sequence[Ring]) -> Point:
    """Centre of the largest ring's bounding box (good enough for a label anchor)."""
    biggest = max(rings, key=lambda r: (bbox([r])[2] - bbox([r])[0]) * (bbox([r])[3] - bbox([r])[1]))
    x0, y0, x1, y1 = bbox([biggest])
    return (x0 + x1) / 2, (y0 + y1) / 2


@dataclass(frozen=True)
class ConicEqualArea:
    """d3's ``geoConicEqualArea`` with rotate([-lon0, 0]), center, parallels, scale and translate."""

    parallels: tuple[float, float]
    rotate: float
    center: Point
    scale: float
    translate: Point

    def _raw(self, lam: float, phi: float) -> Point:
        y0, y1 = math.radians(self.parallels[0]), math.radians(self.parallels[1])
        sy0 = math.sin(y0)
        n = (sy0 + math.sin(y1)) / 2
        c = 1 + sy0 * (2 * n - sy0)
        r0 = math.sqrt(c) / n
        r = math.sqrt(max(c - 2 * n * math.sin(phi), 0.0)) / n
        return r * math.sin(lam * n), r0 - r * math.cos(lam * n)

    def __call__(self, lon: float, lat: float) -> Point:
        lam = math.radians(((lon + self.rotate + 180.0) % 360.0) - 180.0)
        px, py = self._raw(lam, math.radians(lat))
        cx, cy = self._raw(math.radians(self.center[0]), math.radians(self.center[1]))
        return self.translate[0] + self.scale * (px - cx), self.translate[1] - self.scale * (py - cy)


_K = 1300.0
_TX, _TY = 487.5, 305.0
_LOWER48 = ConicEqualArea((29.5, 45.5), 96.0, (-0.6, 38.7), _K, (_TX, _TY))
_ALASKA = ConicEqualArea((55.0, 65.0), 154.0, (-2.0, 58.5), _K * 0.35, (_TX - 0.307 * _K, _TY + 0.201 * _K))
_HAWAII = ConicEqualArea((8.0, 18.0), 157.0, (-3.0, 19.9), _K, (_TX - 0.205 * _K, _TY + 0.212 * _K))


def albers_usa(lon: float, lat: float) -> Point:
    """Project a US point onto the us-atlas ``*-albers-10m`` frame (975 x 610)."""
    if lat > 50.0:
        return _ALASKA(lon, lat)
    if lon < -150.0 and lat < 30.0:
        return _HAWAII(lon, lat)
    return _LOWER48(lon, lat)


CANADA = ConicEqualArea((50.0, 70.0), 96.0, (0.0, 62.0), 1.0, (0.0, 0.0))


def fit(rings_by_id: dict[str, list[Ring]], width: float, pad: float = 8.0
        ) -> tuple[dict[str, list[Ring]], float, float, float, float]:
    """Scale and shift already-projected rings into a ``width``-wide frame; returns the rings, the height and
    the affine (scale, dx, dy) applied, so points can follow with ``(x * s + dx, y * s + dy)``."""
    x0, y0, x1, y1 = bbox(r for rings in rings_by_id.values() for r in rings)
    s = (width - 2 * pad) / (x1 - x0)
    dx, dy = pad - x0 * s, pad - y0 * s
    out = {k: [[(x * s + dx, y * s + dy) for x, y in r] for r in rings] for k, rings in rings_by_id.items()}
    return out, (y1 - y0) * s + 2 * pad, s, dx, dy
