"""Charts drawn as SVG on the server: the timeline's bars, the who-met-whom network, the map.

No script and no charting library: each mark is an ``<a>`` (a link that narrows the filter,
reachable by keyboard) holding the shape, a ``<title>`` (the tooltip) and an ``aria-label``;
every page also shows the same figures as a table. Colours are the Okabe-Ito palette, which
stays distinct for colour-blind readers. Text from the data is escaped (``markupsafe``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

# Okabe & Ito (2008), "Color Universal Design"
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000"}


def _a(href: str, label: str, inner: str, cls: str) -> str:
    return (f'<a class="{cls}" href="{escape(href)}" aria-label="{escape(label)}">'
            f"<title>{escape(label)}</title>{inner}</a>")


def bars(bins: Sequence[dict[str, Any]], href: Callable[[dict[str, Any]], str], title: str,
         width: int = 960, height: int = 130) -> Markup:
    """A bar per bin (``{"label", "count", ...}``), each a link to ``href(bin)``; empty bins drawn as
    a thin line (nothing to click)."""
    if not bins:
        return Markup("")
    top = max(b["count"] for b in bins) or 1
    pad_left, pad_bottom = 28, 18
    w = (width - pad_left) / len(bins)
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="group" aria-label="{escape(title)}" '
             f'width="100%">',
             f'<text class="axis" x="0" y="10">{top}</text><text class="axis" x="0" y="{height - pad_bottom}">0</text>']
    plot = height - pad_bottom - 4
    for i, b in enumerate(bins):
        x = pad_left + i * w
        h = plot * b["count"] / top
        y = 4 + plot - h
        if b["count"]:
            rect = (f'<rect x="{x + w * 0.1:.1f}" y="{y:.1f}" width="{max(w * 0.8, 1):.1f}" height="{h:.1f}" '
                    f'fill="{OKABE_ITO["blue"]}"/>')
            n = b["count"]
            parts.append(_a(href(b), f"{b['label']}: {n} event{'s' if n != 1 else ''}", rect, "bar"))
        else:
            parts.append(f'<rect x="{x:.1f}" y="{4 + plot - 1:.1f}" width="{w:.1f}" height="1" fill="#ccc"/>')
    step = max(1, math.ceil(len(bins) / 8))
    for i in range(0, len(bins), step):
        x = pad_left + i * w
        parts.append(f'<text class="axis" x="{x:.1f}" y="{height - 4}">{escape(bins[i]["label"].replace("week of ", ""))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def layout(nodes: Sequence[str], edges: Sequence[tuple[str, str, int]], seed: int = 0,
           iterations: int = 60) -> dict[str, tuple[float, float]]:
    """Positions in the unit square: a circle, then a few steps of a seeded spring layout
    (Fruchterman-Reingold); the same input gives the same picture."""
    n = len(nodes)
    if n == 0:
        return {}
    pos = {v: [0.5 + 0.4 * math.cos(2 * math.pi * i / n), 0.5 + 0.4 * math.sin(2 * math.pi * i / n)]
           for i, v in enumerate(nodes)}
    rng = random.Random(seed)
    k = math.sqrt(1.0 / n)
    t = 0.1
    for _ in range(iterations):
        disp = {v: [0.0, 0.0] for v in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = math.hypot(dx, dy) or 1e-3 * (1 + rng.random())
                f = k * k / d
                disp[a][0] += dx / d * f
                disp[a][1] += dy / d * f
                disp[b][0] -= dx / d * f
                disp[b][1] -= dy / d * f
        for a, b, w in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = math.hypot(dx, dy) or 1e-3
            f = d * d / k * min(1.0 + math.log(w), 3.0)
            disp[a][0] -= dx / d * f
            disp[a][1] -= dy / d * f
            disp[b][0] += dx / d * f
            disp[b][1] += dy / d * f
        for v in nodes:
            dx, dy = disp[v]
            d = math.hypot(dx, dy) or 1e-9
            step = min(d, t)
            pos[v][0] = min(0.95, max(0.05, pos[v][0] + dx / d * step))
            pos[v][1] = min(0.95, max(0.05, pos[v][1] + dy / d * step))
        t *= 0.95
    return {v: (p[0], p[1]) for v, p in pos.items()}


def network(net: dict[str, Any], node_href: Callable[[str], str], edge_href: Callable[[str, str], str],
            title: str, size: int = 640) -> Markup:
    """Nodes (area by meetings) and edges (width by meetings) of ``aggregates.network``, each a link."""
    nodes = [n["id"] for n in net["nodes"]]
    if not nodes:
        return Markup("")
    edges = [(e["a"], e["b"], e["meetings"]) for e in net["edges"]]
    pos = layout(nodes, edges)
    top = max(n["meetings"] for n in net["nodes"]) or 1
    wtop = max((w for *_, w in edges), default=1)
    parts = [f'<svg class="chart network" viewBox="0 0 {size} {size}" role="group" aria-label="{escape(title)}" '
             f'width="100%">']
    for e in net["edges"]:
        (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
        sw = 1 + 5 * e["meetings"] / wtop
        line = (f'<line x1="{x1 * size:.1f}" y1="{y1 * size:.1f}" x2="{x2 * size:.1f}" y2="{y2 * size:.1f}" '
                f'stroke="{OKABE_ITO["sky"]}" stroke-width="{sw:.1f}"/>')
        n = e["meetings"]
        label = f"{e['a']} and {e['b']}: {n} meeting{'s' if n != 1 else ''}" + (f", latest {e['latest']}" if e["latest"] else "")
        parts.append(_a(edge_href(e["a"], e["b"]), label, line, "edge"))
    for n in net["nodes"]:
        x, y = pos[n["id"]]
        r = 4 + 12 * math.sqrt(n["meetings"] / top)
        m = n["meetings"]
        inner = (f'<circle cx="{x * size:.1f}" cy="{y * size:.1f}" r="{r:.1f}" fill="{OKABE_ITO["orange"]}" '
                 f'stroke="{OKABE_ITO["black"]}" stroke-width="1"/>'
                 f'<text x="{x * size:.1f}" y="{y * size - r - 3:.1f}" text-anchor="middle">{escape(n["id"])}</text>')
        parts.append(_a(node_href(n["id"]), f"{n['id']}: {m} meeting{'s' if m != 1 else ''}", inner, "node"))
    parts.append("</svg>")
    return Markup("".join(parts))


def world_map(outline: str, points: Sequence[dict[str, Any]], href: Callable[[dict[str, Any]], str],
              title: str) -> Markup:
    """Meeting places (``aggregates.places``' points) over the land ``outline`` (an SVG path on a
    360 x 180 equirectangular box: x = longitude + 180, y = 90 - latitude), each a link."""
    top = max((p["count"] for p in points), default=1)
    parts = [f'<svg class="chart map" viewBox="0 0 360 180" role="group" aria-label="{escape(title)}" width="100%">',
             '<rect width="360" height="180" fill="#eef5fb"/>',
             f'<path d="{escape(outline)}" fill="#d9dee3" stroke="#9aa5b1" stroke-width="0.2"/>']
    for p in sorted(points, key=lambda p: -p["count"]):
        x, y = p["lon"] + 180, 90 - p["lat"]
        r = 1.2 + 3.5 * math.sqrt(p["count"] / top)
        n = p["count"]
        dot = (f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}" fill="{OKABE_ITO["vermillion"]}" fill-opacity="0.8" '
               f'stroke="{OKABE_ITO["black"]}" stroke-width="0.2"/>')
        parts.append(_a(href(p), f"{p['place']} ({p['resolved']}): {n} event{'s' if n != 1 else ''}", dot, "place"))
    parts.append("</svg>")
    return Markup("".join(parts))
