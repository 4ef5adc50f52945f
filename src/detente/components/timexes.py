"""Placeholder for the timexes layer; replaced by the real component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from detente.doc import layer


@Language.factory("detente_timexes", assigns=["doc._.timexes"])
def make_timexes(nlp: Language, name: str) -> "Placeholder":
    return Placeholder()


class Placeholder:
    def __call__(self, doc: Doc) -> Doc:
        layer(doc, "timexes")
        return doc
