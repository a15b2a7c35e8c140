"""Write ``src/communique/data/world-land-110m.path``: the world's land as one SVG path (run once).

The web UI's map draws meeting places over this outline, shipped with the package, so it needs
no tile server. Source: Natural Earth 1:110m land (public domain) as TopoJSON in the npm package
``world-atlas@2.0.2`` (``land-110m.json``). Get it and run:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/world_outline.py package/land-110m.json

Rings that cross the antimeridian are cut there. The path is in an equirectangular projection on a 360 x 180 box: x = longitude + 180,
y = 90 - latitude, rounded to 0.1 degree (rings drawn closed, tiny rings dropped).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "communique" / "data" / "world-land-110m.path"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantized, delta-encoded) as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in refs:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts[1:] if out else pts)
    return out


def main(src: str) -> None:
    topo = json.loads(Path(src).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    parts = []
    for geom in topo["objects"]["land"]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for polygon in polygons:
            for refs in polygon:
                pts = []
                for lon, lat in ring(arcs, refs):
                    p = (round(lon + 180, 1), round(90 - lat, 1))
                    if not pts or pts[-1] != p:
                        pts.append(p)
                if len(pts) < 4:
                    continue
                # a ring crossing the antimeridian (Russia, Fiji, Antarctica) jumps across the map:
                # start a new subpath there instead of drawing a line over the world
                d = [f"M{pts[0][0]:g} {pts[0][1]:g}"]
                jumped = False
                for (x0, _), (x, y) in zip(pts, pts[1:], strict=False):
                    jump = abs(x - x0) > 180
                    jumped |= jump
                    d.append(f"{'M' if jump else 'L'}{x:g} {y:g}")
                parts.append("".join(d) + ("" if jumped else "Z"))
    OUT.write_text("".join(parts) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(parts)} rings, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
