"""Materialised availability statuses: every ordered pair of states for a set of mechanisms on one date.

The pages of the live service show, for today, the status of the key mechanisms between a state and
every partner. Computing them per request costs 0.2 s for a state and seconds for a gap map, so the
server computes the table once per data release and date, keeps it on disk next to the query store
(`.cache/statuses-{fingerprint}-{date}.json`) and loads it in milliseconds on a warm start.

One letter per cell (A available, C available with conditions, U unknown, N not available, - the
state itself), one string per requesting state: 12 mechanisms x 190 x 190 cells fit in 450 kB. The
gap classes of contract 2 (S specific, F fallback, N none, U unknown) are kept the same way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kb import paths
from kb.knowledge import KnowledgeBase
from kb.matrix import compute, every_tenth, matrix_states
from kb.rdf.persistent import fingerprint, input_files
from kb.vocab import LETTER

STATUS = {v: k for k, v in LETTER.items()}
CLASS_LETTER = {"specific": "S", "fallback": "F", "none": "N", "unknown": "U"}
CLASS = {v: k for k, v in CLASS_LETTER.items()}
FORMAT = "2"


@dataclass(frozen=True)
class StatusTable:
    on: date
    states: tuple[str, ...]
    rows: dict[str, tuple[str, ...]]  # mechanism -> one string per requesting state, in `states` order
    classes: dict[str, tuple[str, ...]]  # the same for the gap classes

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {s: i for i, s in enumerate(self.states)})

    def get(self, requesting: str, requested: str, mechanism: str) -> str | None:
        """The status, or None when the pair or mechanism is not in the table (compute it instead)."""
        return self._letter(self.rows, STATUS, requesting, requested, mechanism)

    def gap_class(self, requesting: str, requested: str, mechanism: str) -> str | None:
        """The pair's gap class (contract 2), or None when not in the table."""
        return self._letter(self.classes, CLASS, requesting, requested, mechanism)

    def _letter(
        self,
        grid: dict[str, tuple[str, ...]],
        decode: dict[str, str],
        requesting: str,
        requested: str,
        mechanism: str,
    ) -> str | None:
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        rows = grid.get(mechanism)
        i, j = index.get(requesting), index.get(requested)
        if rows is None or i is None or j is None or i == j:
            return None
        return decode[rows[i][j]]

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "date": self.on.isoformat(),
            "states": list(self.states),
            "rows": {m: list(r) for m, r in sorted(self.rows.items())},
            "classes": {m: list(r) for m, r in sorted(self.classes.items())},
        }

    @classmethod
    def from_json(cls, doc: dict[str, object]) -> StatusTable:
        if doc.get("format") != FORMAT:
            raise ValueError("status table of another format")
        raw_states, raw_rows, raw_classes = doc["states"], doc["rows"], doc["classes"]
        if not isinstance(raw_states, list) or not isinstance(raw_rows, dict) or not isinstance(raw_classes, dict):
            raise ValueError("status table without states, rows or classes")
        states = tuple(str(s) for s in raw_states)
        rows = {str(m): tuple(str(line) for line in r) for m, r in raw_rows.items()}
        classes = {str(m): tuple(str(line) for line in r) for m, r in raw_classes.items()}
        for m, r in (*rows.items(), *classes.items()):
            if len(r) != len(states) or any(len(line) != len(states) for line in r):
                raise ValueError(f"status table rows of {m} do not match its states")
        return cls(date.fromisoformat(str(doc["date"])), states, rows, classes)


def build(
    kb: KnowledgeBase,
    on: date,
    mechanisms: list[str],
    progress: Callable[[int, int], None] = lambda done, total: None,
    states: list[str] | None = None,
) -> StatusTable:
    states = states or matrix_states(kb)
    index = {s: i for i, s in enumerate(states)}
    grid = {m: [["-"] * len(states) for _ in states] for m in mechanisms}
    kinds = {m: [["-"] * len(states) for _ in states] for m in mechanisms}
    for cell in compute(kb, on, mechanisms, states, progress):
        i, j = index[cell.requesting], index[cell.requested]
        grid[cell.mechanism][i][j] = LETTER[cell.status]
        kinds[cell.mechanism][i][j] = CLASS_LETTER[cell.gap_class]
    return StatusTable(
        on,
        tuple(states),
        {m: tuple("".join(r) for r in g) for m, g in grid.items()},
        {m: tuple("".join(r) for r in g) for m, g in kinds.items()},
    )


def cache_path(on: date, mechanisms: list[str], cache_dir: Path = paths.CACHE_DIR) -> Path:
    key = fingerprint(input_files(), "statuses|" + ",".join(sorted(mechanisms)))
    return cache_dir / f"statuses-{key}-{on.isoformat()}.json"


def materialise(
    kb: KnowledgeBase,
    on: date,
    mechanisms: list[str],
    cache_dir: Path = paths.CACHE_DIR,
    progress: Callable[[str], None] = lambda _: None,
) -> StatusTable:
    """The table for `on`: read from the cache when the data did not change, else computed and saved."""
    path = cache_path(on, mechanisms, cache_dir)
    if path.exists():
        try:
            table = StatusTable.from_json(json.loads(path.read_text(encoding="utf-8")))
            progress(f"availability statuses for {on.isoformat()} loaded ({path.name})")
            return table
        except (ValueError, KeyError, TypeError, json.JSONDecodeError):
            progress(f"ignoring an unreadable status table ({path.name}); computing it again")
    progress(f"materialising availability statuses for {on.isoformat()} ({len(mechanisms)} mechanisms) ...")
    table = build(kb, on, mechanisms, every_tenth(progress, "statuses"))
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.partial")
    tmp.write_text(json.dumps(table.to_json()), encoding="utf-8")
    tmp.replace(path)
    for old in cache_dir.glob("statuses-*.json"):
        if old != path and old.name.split("-")[1] != path.name.split("-")[1]:
            old.unlink(missing_ok=True)  # tables of older data releases
    progress(f"availability statuses for {on.isoformat()} ready")
    return table
