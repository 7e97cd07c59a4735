"""Canonical Turtle: one layout for every file, so that diffs show only real changes."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from kb.rdf.prefixes import new_graph


def canonical_turtle(graph: Graph) -> str:
    """Serialise `graph` as sorted, prefix-normalised long-form Turtle.

    Blank nodes get content-derived labels first, so that the output does not depend on
    parse order.
    """
    source: Graph = graph
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        source = to_canonical_graph(graph)
    g = new_graph()
    for triple in source:
        g.add(triple)
    lines = g.serialize(format="longturtle").splitlines()
    body = [line for line in lines if not line.startswith("PREFIX ")]
    text = "\n".join(body)
    kept = [
        line
        for line in lines
        if line.startswith("PREFIX ") and re.search(rf"(?<![\w-]){re.escape(line.split()[1])}", text)
    ]
    return "\n".join(kept + body).rstrip("\n") + "\n"


def write_canonical(graph: Graph, path: Path) -> bool:
    """Write `graph` to `path` in canonical Turtle; return True when the file changed."""
    text = canonical_turtle(graph)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def is_canonical(path: Path) -> bool:
    g = Graph()
    g.parse(path, format="turtle")
    return path.read_text(encoding="utf-8") == canonical_turtle(g)
