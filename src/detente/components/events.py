"""Placeholder for the events layer; replaced by the real component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from detente.doc import layer


@Language.factory("detente_events", assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> "Placeholder":
    return Placeholder()


class Placeholder:
    def __call__(self, doc: Doc) -> Doc:
        layer(doc, "events")
        return doc
