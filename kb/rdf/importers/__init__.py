"""Importers: saved source snapshots and curated extractions (kb/sources) -> canonical Turtle (kb/data).

Every function here is deterministic and offline: the same kb/sources always gives the same
kb/data, which a test checks.
"""
