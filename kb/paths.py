"""Where the knowledge base lives on disk (the repository checkout)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ONTOLOGY_DIR / "shapes"
DATA_DIR = ROOT / "kb" / "data"
SOURCES_DIR = ROOT / "kb" / "sources"
QUERIES_DIR = ROOT / "kb" / "rdf" / "queries"
SITE_DIR = ROOT / "site"
CACHE_DIR = ROOT / ".cache"
