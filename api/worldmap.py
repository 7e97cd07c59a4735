"""A world map as inline SVG, rendered on the server from world-atlas boundaries (npm, bundled).

No JavaScript: the map works in print, from file:// and with a screen reader (each country has a
title with its value; the same values are in the page's table). Boundaries: Natural Earth via the
`world-atlas` package (site/vendor, installed by `make setup`); without it the map is left out.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from html import escape
from typing import Any

from kb import paths

ATLAS = paths.SITE_DIR / "vendor" / "node_modules" / "world-atlas" / "countries-110m.json"
WIDTH, HEIGHT = 960.0, 460.0
PALETTE = ("#f1f1f1", "#fde0c5", "#facba6", "#f59e72", "#e4673e", "#b8321f", "#b9c4d6")  # 0 .. many, unknown
UNKNOWN = 6


@lru_cache(maxsize=1)
def shapes() -> dict[str, str]:
    """ISO3 code -> SVG path data (equirectangular projection, latitudes -60..85)."""
    if not ATLAS.exists():
        return {}
    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(_project(x * sx + tx, y * sy + ty))
        arcs.append(points)
    numeric = _numeric_to_iso3()
    out: dict[str, str] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        code = numeric.get(str(geom.get("id", "")).zfill(3))
        if code is None or code == "ATA" or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        out[code] = " ".join(_ring(arcs, ring) for polygon in polygons for ring in polygon)
    return out


def _project(lon: float, lat: float) -> tuple[float, float]:
    lat = max(-60.0, min(85.0, lat))
    return (round((lon + 180.0) / 360.0 * WIDTH, 1), round((85.0 - lat) / 145.0 * HEIGHT, 1))


def _ring(arcs: list[list[tuple[float, float]]], ring: list[int]) -> str:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    out = []
    for i, (x, y) in enumerate(points):
        # a jump across the antimeridian starts a new sub-path instead of a line across the map
        jump = i == 0 or abs(x - points[i - 1][0]) > WIDTH / 2
        out.append(f"{'M' if jump else 'L'}{x},{y}")
    return "".join(out) + "Z"


def _numeric_to_iso3() -> dict[str, str]:
    with (paths.SOURCES_DIR / "reference" / "actors.csv").open(encoding="utf-8", newline="") as fh:
        return {r["numeric"].zfill(3): r["code"] for r in csv.DictReader(fh) if r.get("numeric")}


def svg(values: dict[str, tuple[int, str]], title: str, legend: list[tuple[str, str]]) -> str:
    """Inline SVG: `values` maps ISO3 -> (palette index, text for the country's title)."""
    if not shapes():
        return ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" role="img" '
        f'aria-labelledby="map-title"><title id="map-title">{escape(title)}</title>'
    ]
    for code, d in sorted(shapes().items()):
        index, text = values.get(code, (0, "no data"))
        parts.append(f'<path d="{d}" fill="{PALETTE[index]}"><title>{escape(code)}: {escape(text)}</title></path>')
    for i, (colour, label) in enumerate(legend):
        y = HEIGHT - 20 - 18 * (len(legend) - 1 - i)
        parts.append(
            f'<rect x="10" y="{y - 11}" width="14" height="14" fill="{colour}" stroke="#555"/>'
            f'<text x="30" y="{y}" font-size="13">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# gap classes (contract 2): colour and pattern, so that the map does not rest on colour alone
CLASS_FILL = {
    "specific": ("#1b6aa5", None),
    "fallback": ("#8fc1e3", "hatch"),
    "none": ("#f4f4f4", "dots"),
    "unknown": ("#b9b9b9", "cross"),
}
PATTERNS = (
    "<defs>"
    '<pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" fill="#8fc1e3"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1b4f72" stroke-width="2"/>'
    "</pattern>"
    '<pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#f4f4f4"/><circle cx="3" cy="3" r="1.2" fill="#8a2d1c"/></pattern>'
    '<pattern id="p-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#b9b9b9"/><path d="M0,0L6,6M6,0L0,6" stroke="#444" stroke-width="0.8"/></pattern>'
    "</defs>"
)


def _fill(kind: str) -> str:
    colour, pattern = CLASS_FILL[kind]
    return f"url(#p-{pattern})" if pattern else colour


def gap_map(ctx: dict[str, Any]) -> str:
    """States by the gap class most of their partners fall in (as requesting state), each with a
    pattern and a title giving the four counts; the legend says the classes in words."""
    if not shapes():
        return ""
    labels: dict[str, str] = ctx.get("class_labels") or {k: k for k in CLASS_FILL}
    most = ctx.get("most_label", "most partners")
    values = {}
    for s in ctx["states"]:
        counts = ", ".join(f"{labels[k]} {s[k]}" for k in CLASS_FILL)
        values[s["code"]] = (s["class"], f"{s['name']}: {most}: {labels[s['class']]} ({counts})")
    title = f"{ctx['mechanism']['label']}: {most}, {ctx['date']}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT + 90:.0f}" role="img" '
        f'aria-labelledby="map-title"><title id="map-title">{escape(title)}</title>{PATTERNS}'
    ]
    for code, d in sorted(shapes().items()):
        if code in values:
            kind, text = values[code]
            parts.append(
                f'<path d="{d}" fill="{_fill(kind)}" stroke="#666" stroke-width="0.3" data-class="{kind}">'
                f"<title>{escape(code)}: {escape(text)}</title></path>"
            )
        else:
            parts.append(
                f'<path d="{d}" fill="#ffffff" stroke="#999" stroke-width="0.3"><title>{escape(code)}: -</title></path>'
            )
    for i, kind in enumerate(CLASS_FILL):
        y = HEIGHT + 18 + 18 * i
        parts.append(
            f'<rect x="10" y="{y - 12}" width="16" height="14" fill="{_fill(kind)}" stroke="#333"/>'
            f'<text x="34" y="{y}" font-size="13">{escape(most)}: {escape(labels[kind])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


STATUS_COLOUR = {"party": 5, "denunciation_pending": 4, "consented_not_in_force": 3, "signatory": 2, "denounced": 1}


def treaty_map(ctx: dict[str, Any]) -> str:
    values = {
        p["state"]: (STATUS_COLOUR.get(p["status"], 0), f"{p['name']}: {p['status'].replace('_', ' ')}")
        for p in ctx["treaty"]["participants"]
    }
    legend = [
        (PALETTE[5], "party"),
        (PALETTE[3], "consented, not in force"),
        (PALETTE[2], "signatory"),
        (PALETTE[0], "no record"),
    ]
    return svg(values, f"{ctx['title']}: participation", legend)
