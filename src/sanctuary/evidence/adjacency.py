"""County adjacency from the atlas' us-atlas TopoJSON: two counties border each other when they share an arc.

TopoJSON stores each shared boundary once, as an arc both polygons reference (one of them reversed, ``~i``), so
the neighbours of a county are the other counties referencing any of its arcs. No geometry library is needed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def _arc_ids(arcs: Any) -> list[int]:
    if isinstance(arcs, int):
        return [arcs if arcs >= 0 else ~arcs]
    out: list[int] = []
    for part in arcs:
        out.extend(_arc_ids(part))
    return out


def pairs(topology: dict[str, Any], layer: str = "counties") -> set[tuple[str, str]]:
    """Sorted (fips_a, fips_b) pairs, a < b, of geometries in ``layer`` sharing at least one arc."""
    users: dict[int, set[str]] = defaultdict(set)
    for g in topology["objects"][layer]["geometries"]:
        gid = str(g.get("id", ""))
        if not gid or "arcs" not in g:
            continue
        for a in _arc_ids(g["arcs"]):
            users[a].add(gid)
    out: set[tuple[str, str]] = set()
    for ids in users.values():
        ordered = sorted(ids)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                out.add((first, second))
    return out


def neighbours(edges: set[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        out[a].add(b)
        out[b].add(a)
    return dict(out)
