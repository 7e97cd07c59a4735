"""What was searched for and not found: `kb/sources/{slug}/gaps.yaml`.

Each entry names one missing item (a party, a statement, a count), what is known of it from
sources that cannot be used for facts (never loaded as a fact), and the look-ups tried. The
coverage report lists them, so that "not yet sourced" says what is missing and where it was sought.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb import paths
from kb.rdf.importers.common import ImportProblem, read_yaml

KINDS = ("participation", "statement", "count")


@dataclass(frozen=True)
class SearchedGap:
    item: str  # what is missing, in one line
    kind: str  # participation | statement | count
    state: str | None  # ISO 3166-1 alpha-3, when the item concerns one state
    seen: str | None  # what unusable sources (news, undated copies) say, never loaded as a fact
    tried: tuple[str, ...]  # the look-ups tried, one per line


def read_gaps(slug: str, sources_dir: Path = paths.SOURCES_DIR) -> list[SearchedGap]:
    """The treaty's searched gaps (none when it has no gaps.yaml); a malformed file is an `ImportProblem`."""
    path = sources_dir / slug / "gaps.yaml"
    if not path.exists():
        return []
    data = read_yaml(path) or []
    if not isinstance(data, list):
        raise ImportProblem(path, "top level", "expected a list of gaps")
    out = []
    for i, entry in enumerate(data, 1):
        where = f"item {i}"
        if not isinstance(entry, dict):
            raise ImportProblem(path, where, "expected a mapping")
        item, kind, tried = entry.get("item"), entry.get("kind"), entry.get("tried")
        if not isinstance(item, str) or not item.strip():
            raise ImportProblem(path, where, "'item' must say what is missing")
        if kind not in KINDS:
            raise ImportProblem(path, where, f"'kind' must be one of {', '.join(KINDS)}")
        if not isinstance(tried, list) or not tried or not all(isinstance(t, str) and t.strip() for t in tried):
            raise ImportProblem(path, where, "'tried' must list the look-ups tried")
        state, seen = entry.get("state"), entry.get("seen")
        if state is not None and not (isinstance(state, str) and len(state) == 3 and state.isupper()):
            raise ImportProblem(path, where, "'state' must be an ISO 3166-1 alpha-3 code")
        out.append(SearchedGap(item.strip(), kind, state, seen if isinstance(seen, str) else None, tuple(tried)))
    return out
