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


def gap_map(ctx: dict[str, Any]) -> str:
    """States coloured by the number of partners they lack the mechanism with."""
    states = ctx["states"]
    top = max((s["lacking"] for s in states), default=0) or 1
    values = {}
    for s in states:
        index = 0 if s["lacking"] == 0 else 1 + min(4, (s["lacking"] - 1) * 5 // top)
        if index == 0 and s["unknown"]:
            index = UNKNOWN
        values[s["code"]] = (index, f"{s['name']}: lacks it with {s['lacking']} partners, {s['unknown']} unknown")
    legend = [
        (PALETTE[0], "0 partners lacking"),
        (PALETTE[5], f"up to {top} partners lacking"),
        (PALETTE[UNKNOWN], "none lacking known, some unknown"),
    ]
    return svg(values, f"{ctx['mechanism']['label']}: partners lacking it, by state", legend)


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
