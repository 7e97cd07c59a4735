"""What a SPARQL text is, read by a parser (rdflib's SPARQL 1.1 grammar), for the read-only guard.

pyoxigraph, which runs the queries, exposes no parse tree, so kb/rdf/readonly.py asks rdflib: is the text
a query or an update, which update operation, does a SERVICE pattern (a federated call to another
server) occur anywhere in it, however deeply nested.

Two parsers must read the text alike, or a SERVICE could hide from the guard and still run. Where
they differ lexically the text is read both ways (`readings`), and the guard listens to both:

- a comment ends at a carriage return too (pyoxigraph does so; rdflib's comment runs to the line
  feed only), so carriage returns are read as line feeds;
- `\\uXXXX` escapes: the SPARQL 1.1 spec (19.2) and rdflib expand them all over the text before
  parsing, pyoxigraph only inside strings and IRIs, as escapes. A remote store (`--store URL`) may
  do either, so the guard reads the text expanded (the spec) and with each escape kept inside its
  token (pyoxigraph).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# rdflib's update operations (their names in its parse tree) as the keywords a user writes
UPDATE_KEYWORDS = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
}

# an escape and what it escapes, left to right, so that "\\u0041" is an escaped backslash and "u0041"
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
HAS_UNICODE_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")

CACHED_LENGTH = 20_000  # library queries are under 1,000 characters; a long text is parsed, not kept
_lock = threading.Lock()  # pyparsing grammars are not known to be safe to share between threads


@dataclass(frozen=True)
class Reading:
    """One reading of a SPARQL text: exactly one of `query`, `update` and `error` is set."""

    text: str  # the text as this parser saw it
    query: bool = False
    service: bool = False  # a SERVICE pattern somewhere in the query
    update: str | None = None  # the first update operation, as written ("INSERT DATA", "DROP", ...)
    error: str | None = None  # neither a query nor an update: the parser's message
    gave_up: bool = False  # the error is the parser's limit (rdflib recurses once per triple pattern)


def _line_feeds(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _escapes_kept_in_token(text: str) -> str:
    """pyoxigraph's reading: a \\u escape is one character of the string or IRI it is in (or of a
    comment); it is written here without its backslash, and rdflib's grammar is called without its
    escape expansion, so that it reads each token with the same extent (a string stays a string)."""
    return _ESCAPE.sub(lambda m: m.group(1) if len(m.group(1)) > 1 else m.group(0), text)


def views(text: str) -> tuple[str, ...]:
    """The texts to parse: one unless the text has \\u escapes (see the module's docstring)."""
    text = _line_feeds(text)
    if not HAS_UNICODE_ESCAPE.search(text):
        return (text,)
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    kept = _escapes_kept_in_token(text)
    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError:  # an escape that is no code point: no spec-conformant parser reads the text
        return (kept,)
    return (kept, _line_feeds(expanded))


def _nodes(value: Any) -> Iterator[Any]:
    """Every node of a parse tree: rdflib's CompValue (a dict), pyparsing's ParseResults, lists."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [value]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, CompValue):
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)


def _message(exc: Exception) -> str:
    """The parser's message, its position written as pyoxigraph writes it ("error at LINE:COLUMN: ...")."""
    from pyparsing import ParseBaseException

    if not isinstance(exc, ParseBaseException):
        return f"{type(exc).__name__}: {exc}"
    what = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)$", "", str(exc))
    return f"error at {exc.lineno}:{exc.col}: {what}"


def _read(text: str) -> Reading:
    from rdflib.plugins.sparql.parser import Query, UpdateUnit
    from rdflib.plugins.sparql.parserutils import CompValue

    with _lock:
        try:
            tree = Query.parse_string(text, parse_all=True)
        except RecursionError:  # some 90 triple patterns in a row, or deep nesting
            return Reading(text, error="too many triple patterns in a row, or nested too deeply", gave_up=True)
        except Exception as exc:  # a ParseException, or any error of a parse action
            query_error = _message(exc)
        else:
            service = any(isinstance(n, CompValue) and n.name == "ServiceGraphPattern" for n in _nodes(tree))
            return Reading(text, query=True, service=service)
        try:
            update = UpdateUnit.parse_string(text, parse_all=True)[0]
        except Exception:
            return Reading(text, error=query_error)
    operations = list(update["request"]) if "request" in update else []
    if not operations:  # a prologue alone (only PREFIX and BASE) is neither a query nor an update
        return Reading(text, error=query_error)
    first = operations[0]
    if first.name == "Modify":  # DELETE { } INSERT { } WHERE { }, either template may be left out
        return Reading(text, update="DELETE" if "delete" in first else "INSERT")
    return Reading(text, update=UPDATE_KEYWORDS.get(first.name, first.name.upper()))


def readings(text: str) -> tuple[Reading, ...]:
    """Parse `text` as a SPARQL 1.1 query, else as an update, once per view; short texts are cached."""
    return _cached(text) if len(text) <= CACHED_LENGTH else _readings(text)


def _readings(text: str) -> tuple[Reading, ...]:
    return tuple(_read(view) for view in views(text))


_cached = lru_cache(maxsize=512)(_readings)
