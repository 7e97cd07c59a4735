"""Read-only SPARQL for users: SELECT, ASK, CONSTRUCT and DESCRIBE; nothing else."""

from __future__ import annotations

import re

import pyoxigraph as ox

from kb.errors import KBError

_STRINGS = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|<[^<>\s]*>|#[^\n]*", re.S)
_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD|INSERT|DELETE|CLEAR|DROP|CREATE|COPY|MOVE|ADD)\b", re.I)


class QueryRefused(KBError):
    """The query is malformed or asks for something a read-only endpoint does not do."""


def check_readonly(text: str) -> None:
    bare = _STRINGS.sub(" ", text)
    m = _FORBIDDEN.search(bare)
    if m:
        raise QueryRefused(f"{m.group(1).upper()} is not allowed: the endpoint is read-only and makes no outside calls")


def run_readonly(store: ox.Store, text: str, fmt: str = "table") -> str:
    check_readonly(text)
    try:
        result = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryRefused(f"malformed SPARQL: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.TURTLE).decode("utf-8")  # type: ignore[union-attr]
    if fmt == "csv":
        return result.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")  # type: ignore[union-attr]
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")  # type: ignore[union-attr]
    names = [v.value for v in result.variables]
    rows = [[(sol[n].value if sol[n] is not None else "") for n in names] for sol in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(f"({len(rows)} row(s))")
    return "\n".join(lines) + "\n"
