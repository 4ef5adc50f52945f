"""The one place that names every layer detente adds to a spaCy ``Doc``.

Components read and write only these extensions, so a user's own pipeline can mix detente
components with theirs (``nlp.add_pipe("detente_events")``) as long as the layers a component
``requires`` are present.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc, Token

#: extension name -> default factory. Lists are created per document by ``ensure``.
LAYERS: dict[str, Any] = {
    "published": None,  # datetime.date | datetime.datetime | None, the anchor of relative times
    "meta": None,  # dict: id, title, source, url
    "warnings": None,  # list[str]
    "timexes": None,  # list[layers.Timex]
    "actors": None,  # list[layers.Actor]
    "actor_at": None,  # dict[int token index, actor id]: which actor each mention token belongs to
    "statements": None,  # list[layers.Statement]
    "stances": None,  # list[layers.Stance]
    "claims": None,  # list[layers.Claim]
    "events": None,  # list[layers.Event]
}


_TEXT_KEY = ("detente", "text")


def register_extensions() -> None:
    """Register the ``Doc._`` attributes once per process (idempotent)."""
    for name in LAYERS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def layer(doc: Doc, name: str) -> Any:
    """Return a list/dict layer, creating an empty one so components never see ``None``."""
    value = getattr(doc._, name)
    if value is None:
        value = {} if name in ("meta", "actor_at") else []
        setattr(doc._, name, value)
    return value


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document.

    spaCy rebuilds ``Doc.text`` by joining every token on each access; the components slice it
    for every candidate, which made that join the largest single cost of the pipeline. The text
    of a document never changes after tokenization (retokenizing keeps it), so caching is safe.
    """
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None or cached[0] != id(doc):  # absent, or copied along with user_data to another doc
        cached = doc.user_data[_TEXT_KEY] = (id(doc), doc.text)
    return cached[1]


def anchor_date(doc: Doc) -> date | None:
    """The publication date as a ``date`` (time of day dropped), or None when unknown."""
    pub = doc._.published
    if isinstance(pub, datetime):
        return pub.date()
    return pub


register_extensions()


def apposed(tok: Token) -> list[Token]:
    """The phrases in apposition to ``tok``, and to those: the parser hangs a name on a title
    ("China's lead negotiator, Vice Premier He Lifeng": "Lifeng" on "Premier", "Premier" on
    "negotiator"), so a name may be one apposition removed."""
    first = [c for c in tok.children if c.dep_ == "appos"]
    return first + [g for c in first for g in c.children if g.dep_ == "appos"]
