"""Placeholder for the claims layer; replaced by the real component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from detente.doc import layer


@Language.factory("detente_claims", assigns=["doc._.claims"])
def make_claims(nlp: Language, name: str) -> "Placeholder":
    return Placeholder()


class Placeholder:
    def __call__(self, doc: Doc) -> Doc:
        layer(doc, "claims")
        return doc
