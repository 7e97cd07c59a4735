"""Rendering pages from their context: Jinja2 templates in site/templates, relative links only.

Links are relative to the page's own path, so the same HTML works on the live server, under any
sub-path of a static host and from file://.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from kb import paths
from kb.iri import article_label

TEMPLATES = paths.SITE_DIR / "templates"


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = yaml.safe_load((paths.SITE_DIR / "i18n.yaml").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["art"] = article_label
    from api.worldmap import gap_map, treaty_map

    env.globals["gap_map"] = gap_map
    env.globals["treaty_map"] = treaty_map
    return env


def page_path(ctx: dict[str, Any]) -> str:
    prefix = "fr/" if ctx["lang"] == "fr" else ""
    return prefix + str(ctx["path"])


def render(template: str, ctx: dict[str, Any], static: bool = False) -> str:
    own = page_path(ctx)
    depth = own.count("/") if own else 0
    root = "../" * depth
    ext = ".html" if static else ""
    lang = ctx["lang"]
    table = strings()

    def t(key: str) -> str:
        return str(table.get(key, {}).get(lang, key))

    def href(target: str, in_lang: str | None = None) -> str:
        prefix = "fr/" if (in_lang or lang) == "fr" else ""
        if target == "":
            return f"{root}{prefix}" + ("index.html" if static else "")
        if static and target.startswith("compare/"):
            pair = target.removeprefix("compare/").strip("/")
            return f"{root}{prefix}compare/index.html" + (f"#{pair}" if pair else "")
        return f"{root}{prefix}{target}{ext}"

    def asset(name: str) -> str:
        return f"{root}static/{name}"

    twin = f"{root}{own}.json" if ctx["path"] else f"{root}{'fr/' if lang == 'fr' else ''}index.json"

    def file(target: str) -> str:
        """A data file of the site (no page extension)."""
        return f"{root}{'fr/' if lang == 'fr' else ''}{target}"

    return (
        environment()
        .get_template(template)
        .render(
            ctx=ctx,
            t=t,
            href=href,
            file=file,
            asset=asset,
            twin=twin,
            static=static,
            root=root,
            other_lang="fr" if lang == "en" else "en",
            ctx_json=json.dumps(ctx, ensure_ascii=False),
        )
    )
