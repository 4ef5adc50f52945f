"""Grow a number into its quantity phrase: qualifier, unit, of-phrase, rate, and predicate.

The unit is found by scanning right over the tokens that modify a counted noun (adjectives,
nationality words, "and", hyphens) rather than by trusting one dependency arc: the small
English model often hangs the number on the wrong head ("1,000-for-1,000 prisoner exchange"),
while the surface order is stable. The parse is used for the predicate, where only it can help.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from detente.components.claim_lexicon import ClaimLexicon

#: how far right of the number the counted noun may sit ("5,000 Russian and Ukrainian soldiers")
MAX_MODIFIERS = 6
#: how far left of the phrase the fallback looks for its verb
LEFT_WINDOW = 8
MODIFIER_POS = {"ADJ", "ADV", "PROPN"}
SUBJECT_OBJECT = {"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "pobj", "obj", "csubj"}


@dataclass(frozen=True)
class Unit:
    """What a number counts: the plural unit text, the noun tokens [start, end) it spans."""

    text: str
    head: int  # token index of the syntactic head noun of the phrase
    end: int  # exclusive token index where the phrase (noun group, of-phrase) ends
    compound: bool = False  # unit taken from a noun-compound modifier ("prisoner exchange")


def match_phrase(doc: Doc, start: int, table: dict | frozenset) -> tuple[int, object] | None:
    """Longest phrase from ``table`` (token-tuple keys) beginning at token ``start``."""
    best: tuple[int, object] | None = None
    for n in range(1, 5):
        if start + n > len(doc):
            break
        key = tuple(t.lower_ for t in doc[start : start + n])
        if key in table:
            best = (start + n, table[key] if isinstance(table, dict) else True)
    return best


def phrase_before(doc: Doc, end: int, table: dict) -> tuple[int, str] | None:
    """Longest phrase from ``table`` ending right before token ``end``: (start token, value)."""
    for n in range(4, 0, -1):
        if end - n < 0:
            continue
        key = tuple(t.lower_ for t in doc[end - n : end])
        if key in table:
            return end - n, table[key]
    return None


def pluralize(tok: Token, lex: ClaimLexicon) -> str:
    """The plural form the CODEBOOK wants as unit ('prisoner' -> 'prisoners', 'person' -> 'people')."""
    word = tok.lower_
    if tok.tag_ == "NNPS":
        return tok.text
    if tok.tag_ == "NNS" or word in lex.invariant_plurals:
        # a capital inside a sentence marks a nationality or name ("Ukrainians"): keep it
        return tok.text if tok.text[:1].isupper() and not tok.is_sent_start else word
    base = tok.lemma_.lower() or word
    if not any(c in "aeiouy" for c in base):  # abbreviations: 'km', 'kg' stay as written
        return word
    if base in lex.irregular_plurals:
        return lex.irregular_plurals[base]
    if base.endswith(("s", "x", "z", "ch", "sh")):
        return base + "es"
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _is_noun(tok: Token) -> bool:
    """A common noun, or a plural proper noun counted as people ('6 million Ukrainians')."""
    return tok.pos_ == "NOUN" or tok.tag_ == "NNPS" or (tok.tag_ in ("NN", "NNS") and tok.pos_ != "VERB")


def _skippable(doc: Doc, j: int) -> bool:
    """A modifier between number and noun: adjective, nationality, 'and' between them, hyphen."""
    tok = doc[j]
    if tok.text in ("-", "–") or tok.pos_ in MODIFIER_POS:
        return True
    if tok.tag_ in ("VBN", "VBG") and tok.dep_ in ("amod", "compound"):
        return True
    if tok.lower_ in ("and", ",", "or") and j + 1 < len(doc):
        nxt = doc[j + 1]
        return nxt.pos_ in ("ADJ", "PROPN") or nxt.ent_type_ in ("NORP", "GPE")
    return False


def _of_phrase_end(doc: Doc, j: int) -> int | None:
    """End of a bare 'of NOUN' that belongs to the unit ('prisoners of war', 'tonnes of grain').

    Only a bare common noun qualifies: 'residents of the city' or 'soldiers of Ukraine' name who
    or where, not what is counted.
    """
    if j + 1 >= len(doc) or doc[j].lower_ != "of":
        return None
    k = j + 1
    while k < len(doc) and _is_noun(doc[k]) and doc[k].pos_ != "PROPN":
        k += 1
    return k if k > j + 1 else None


def _partitive(doc: Doc, j: int, lex: ClaimLexicon) -> Unit | None:
    """'1,000 of the prisoners' / '30 of them': unit from the noun after 'of' + determiner."""
    if j + 2 >= len(doc) or doc[j].lower_ != "of" or doc[j + 1].pos_ not in ("DET", "PRON"):
        return None
    k = j + 2
    while k < len(doc) and (doc[k].pos_ == "ADJ" or doc[k].text == "-"):
        k += 1
    if k < len(doc) and _is_noun(doc[k]):
        while k + 1 < len(doc) and _is_noun(doc[k + 1]):
            k += 1
        return Unit(pluralize(doc[k], lex), k, k + 1)
    return None


def find_unit(doc: Doc, j: int, value: float, lex: ClaimLexicon, exchange: bool = False) -> Unit | None:
    """The counted noun group starting at or after token j (the token after the number).

    ``exchange``: the number was an X-for-X; its head noun is the exchange itself ("swap"), so
    without a compound ("prisoner swap") the unit is the "of"-phrase ("swap of prisoners") or
    unknown (None) rather than "swaps".
    """
    limit = min(len(doc), j + MAX_MODIFIERS + 1)
    k = j
    while k < limit and not _is_noun(doc[k]) and _skippable(doc, k):
        k += 1
    if k >= len(doc) or not _is_noun(doc[k]):
        return _partitive(doc, j, lex)
    first = k
    # the parse may tag the head of a compound as PROPN ("prisoner Exchange"); follow the arc
    while k + 1 < len(doc) and (
        _is_noun(doc[k + 1]) or (doc[k].dep_ == "compound" and doc[k].head.i == k + 1)
    ):
        k += 1
    head = doc[k]
    if exchange and k == first:
        of_end = _of_phrase_end(doc, k + 1)
        unit = pluralize(doc[of_end - 1], lex) if of_end else None
        return Unit(unit, k, of_end or k + 1, compound=True) if unit else None
    if head.tag_ != "NNS" and k > first and head.lower_ not in lex.invariant_plurals and value != 1:
        return Unit(pluralize(doc[first], lex), k, k + 1, compound=True)
    words = [t.lower_ for t in doc[first:k]] + [pluralize(head, lex)]
    end = k + 1
    of_end = _of_phrase_end(doc, end)
    if of_end is not None:
        words += [t.lower_ for t in doc[end:of_end]]
        end = of_end
    return Unit(" ".join(words), k, end)


def rate_after(
    doc: Doc, j: int, lex: ClaimLexicon, set_timexes: dict[int, tuple[int, str]]
) -> tuple[int, str] | None:
    """A rate right after the phrase: (end token, ISO duration). A SET timex there wins.

    ``set_timexes`` maps a token index to (end token, value) for SET timexes starting there.
    """
    if j >= len(doc):
        return None
    if j in set_timexes:
        return set_timexes[j]
    tok = doc[j]
    if tok.lower_ in lex.rate_adverbs:
        return j + 1, lex.rate_adverbs[tok.lower_]
    if tok.lower_ in lex.rate_determiners and j + 1 < len(doc):
        period = doc[j + 1].lemma_.lower()
        after = doc[j + 2].lower_ if j + 2 < len(doc) else ""
        if period in lex.rate_periods and after not in lex.rate_not_before:
            return j + 2, lex.rate_periods[period]
    return None


def _verb_text(tok: Token) -> str:
    """The verb as written, with its particle ('shot down'), lowercased."""
    prt = [c for c in tok.children if c.dep_ == "prt"]
    return " ".join([tok.lower_] + [p.lower_ for p in prt])


def _verb_to_left(doc: Doc, start: int) -> str | None:
    """Fallback when the parse hangs the noun on nothing verbal ('killing, on average, 5,000
    soldiers' parsed as an apposition): the nearest verb to the left in the sentence, unless an
    argument noun or pronoun stands between them."""
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else 0
    for k in range(start - 1, max(sent_start, start - LEFT_WINDOW) - 1, -1):
        tok = doc[k]
        if tok.pos_ == "VERB":
            return _verb_text(tok)
        if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and tok.dep_ != "pobj":
            return None
    return None


def predicate_of(head: Token, unit: Unit, start: int | None = None) -> str | None:
    """What happens to the counted things: the verb governing the noun, else its clause verb.

    Kept as written (lowercased), not lemmatized, so the record quotes the article ("killing").
    A number counting a compound modifier names its event noun ("prisoner exchange" -> exchange);
    "the release of 390 people" gives the event noun "release".
    """
    if unit.compound:
        return head.lower_
    tok = head
    while tok.dep_ == "conj" and tok.head.i != tok.i and _is_noun(tok.head):
        tok = tok.head
    gov = tok.head
    if tok.dep_ == "pobj" and gov.lower_ == "of" and _is_noun(gov.head):
        return gov.head.lower_
    if tok.dep_ in SUBJECT_OBJECT and gov.pos_ == "VERB" and gov.i != tok.i:
        return _verb_text(gov)
    for child in head.children:
        if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB":
            return _verb_text(child)
    if tok.dep_ in ("appos", "dep", "npadvmod", "ROOT") and start is not None:
        return _verb_to_left(head.doc, start)
    return None
