"""Shared helpers of the importers: reading sources, typed literals, errors that name the file."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from rdflib import Literal
from rdflib.namespace import XSD

from kb import paths

SKIPPED: list[tuple[str, str, str]] = []  # (file, where, why) facts seen but not loaded


def skip(file: Path | str, where: str, why: str) -> None:
    """Record a fact that is not loaded, for the coverage report."""
    SKIPPED.append((_rel(file), where, why))


class ImportProblem(Exception):
    """A source file cannot be imported as it stands."""

    def __init__(self, file: Path | str, where: str, message: str) -> None:
        self.file = str(file)
        super().__init__(f"{_rel(file)}: {where}: {message}")


def _rel(file: Path | str) -> str:
    p = Path(file)
    try:
        return p.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(p)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ImportProblem(path, "(file)", f"not valid YAML: {exc}") from None


def as_date(value: object, file: Path | str, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ImportProblem(file, where, f"not a YYYY-MM-DD date: {value!r}")


def opt_date(value: object, file: Path | str, where: str) -> date | None:
    if value in (None, "", "null"):
        return None
    return as_date(value, file, where)


def date_literal(d: date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


def normalise_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def article_path_parts(path: str) -> list[str]:
    """Ancestors of an article path, outermost first: 27/para/9/point/e -> [27, 27/para/9, ...]."""
    parts = path.split("/")
    out = [parts[0]]
    for i in range(1, len(parts) - 1, 2):
        out.append("/".join(parts[: i + 2]))
    return out


def akn_eid(path: str) -> str:
    parts = path.split("/")
    segs = [f"art_{parts[0]}"] + [f"{parts[i]}_{parts[i + 1]}" for i in range(1, len(parts) - 1, 2)]
    return "__".join(segs)


def article_label(path: str, lang: str) -> str:
    parts = path.split("/")
    if lang == "fr":
        out = f"Article {parts[0]}"
        names = {"para": "paragraphe", "point": "alinéa"}
    else:
        out = f"Article {parts[0]}"
        names = {"para": "paragraph", "point": "point"}
    for i in range(1, len(parts) - 1, 2):
        out += f", {names.get(parts[i], parts[i])} {parts[i + 1]}"
    return out


def unknown_keys(found: list[str], allowed: frozenset[str] | set[str]) -> str:
    """The message for misspelt or unknown keys, with the nearest allowed key for each."""
    from difflib import get_close_matches

    parts = []
    for key in found:
        near = get_close_matches(key, sorted(allowed), n=1)
        parts.append(f"{key!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
    return "unknown key(s) " + ", ".join(parts) + f"; allowed: {', '.join(sorted(allowed))}"


def csv_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a source CSV with their line numbers, after checking its header names exactly `columns`."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            found = ",".join(reader.fieldnames or ())
            raise ImportProblem(path, "line 1", f"columns must be {','.join(columns)}, not {found}")
        yield from enumerate(reader, start=2)
