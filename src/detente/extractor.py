"""The library entry points: text (or an ``Article``) in, ``Record`` out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from spacy.language import Language

from detente.errors import DetenteError
from detente.pipeline import default_nlp, prepare, run
from detente.record import Record, build_record


class BadDateError(DetenteError):
    code = "E201"


def parse_published(value: str | date | datetime | None) -> date | datetime | None:
    """Accept an ISO date or date-time (``2025-05-17``, ``2025-05-17T09:30:00Z``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value
    text = str(value).strip()
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise BadDateError(
            f"{BadDateError.code} cannot read the publication date {text!r}: give it as YYYY-MM-DD"
        ) from None


def extract(
    text: str,
    published: str | date | datetime | None = None,
    nlp: Language | None = None,
    **meta: Any,
) -> Record:
    """Extract the record of one article.

    ``meta`` may carry ``id``, ``title``, ``source`` and ``url``; they go to ``record.document``.
    The text is used as given: offsets in the record point into exactly this string.
    """
    from detente.inputs import check_text

    check_text(text, origin=str(meta.get("id") or "text"))
    doc = run(nlp or default_nlp(), text, parse_published(published), **meta)
    return build_record(doc)


def extract_many(
    items: Iterable[tuple[str, str | date | datetime | None, dict[str, Any]]],
    nlp: Language | None = None,
    batch_size: int = 8,
) -> Iterator[Record]:
    """Stream many (already validated) articles through one pipeline with ``nlp.pipe``."""
    nlp = nlp or default_nlp()
    docs = (prepare(nlp, text, parse_published(pub), meta) for text, pub, meta in items)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield build_record(doc)
