"""One crosswalk from every name the sources use to our actor codes.

Order: the curated table kb/sources/reference/names.csv (historical names, Dutch and French
variants, and names a library gets wrong, e.g. Czechoslovakia is CSK, not CZE), then the
maintained library country_converter for standard names.
"""

from __future__ import annotations

import csv
import logging
import unicodedata
from functools import lru_cache
from pathlib import Path

from kb import paths


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).replace("’", "'").strip().casefold()
    return " ".join(text.split())


@lru_cache(maxsize=4)
def curated(sources_dir: Path = paths.SOURCES_DIR) -> dict[str, str]:
    out: dict[str, str] = {}
    with (sources_dir / "reference" / "names.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[_key(row["name"])] = row["code"].strip()
    return out


@lru_cache(maxsize=4096)
def _library(name: str) -> str | None:
    import country_converter as coco  # imported lazily: it loads pandas

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    result = coco.convert(name, to="ISO3", not_found=None)
    return result if isinstance(result, str) else None


def to_code(name: str, sources_dir: Path = paths.SOURCES_DIR) -> str | None:
    """Our code for `name`, or None when neither the table nor the library knows it."""
    key = _key(name)
    table = curated(sources_dir)
    if key in table:
        return table[key]
    return _library(name.strip())
