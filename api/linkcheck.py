"""Check a built site: every internal link resolves to a file, every JSON file parses."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag in ("a", "link") and name == "href") or (tag in ("script", "img") and name == "src")):
                self.refs.append(value)


def internal(ref: str) -> bool:
    parts = urlsplit(ref)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def check_site(root: Path) -> list[str]:
    """Problems found, as 'file: message' lines (empty when the site is sound)."""
    problems: list[str] = []
    for page in sorted(root.rglob("*.html")):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.refs:
            if not internal(ref):
                continue
            target = (page.parent / unquote(urlsplit(ref).path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(root)}: broken link {ref}")
            elif root.resolve() not in target.parents and target != root.resolve():
                problems.append(f"{page.relative_to(root)}: link leaves the site {ref}")
    for twin in sorted(root.rglob("*.json")):
        try:
            json.loads(twin.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{twin.relative_to(root)}: not valid JSON ({exc})")
    return problems
