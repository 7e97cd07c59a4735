from __future__ import annotations

import pytest

from kb.knowledge import KnowledgeBase


@pytest.fixture(scope="session")
def real_kb() -> KnowledgeBase:
    """The real knowledge base from kb/data."""
    return KnowledgeBase.open()
