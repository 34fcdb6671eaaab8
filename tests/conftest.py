"""Shared fixtures: one spaCy pipeline and one strife Pipeline per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from strife.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text, published) -> list[Event] on a hand-written article."""
    from strife.record import Article

    def run(text: str, published: str | None = "2024-03-07", article_id: str = "t") -> list:
        return pipeline.process(Article(id=article_id, text=text, published=published)).events

    return run
