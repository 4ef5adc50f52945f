"""Shared fixtures. Rule logic is tested on small hand-written sentences; tests that load the
spaCy model share one session-scoped pipeline (loading costs ~0.3 s)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    from detente.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def run_doc(nlp):
    """Run the full detente pipeline over a text with an anchor date."""
    from detente.pipeline import run

    def _run(text: str, published: date | None = date(2025, 5, 17), **meta):
        return run(nlp, text, published, **meta)

    return _run
