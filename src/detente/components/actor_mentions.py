"""Find actor mentions in a parsed ``Doc`` and read titles and countries off their noun phrases.

The small spaCy model's entity labels are unreliable on news names (bare "Zelenskyy" as GPE,
"Trump's" as ORG, "Kyiv" missed), so labels only propose spans: the actor dictionary decides the
kind when it knows the name, the syntax decides whether a place name acts (a state metonym) or is
only where something happens.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from detente.components.dateline import dateline_span
from detente.components.lexicon import ActorLexicon, Entry
from detente.components.places import Gazetteer
from detente.doc import apposed, text_of

RULES_PATH = Path(__file__).parent / "actor_rules" / "rules.json"
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
POSSESSIVE = {"'s", "’s", "'", "’"}
_ARTICLES = frozenset({"the", "a", "an", "some", "many", "several"})  # "some Lebanese politicians" is no name


@dataclass(frozen=True)
class ActorRules:
    """Closed-class word lists from ``actor_rules/rules.json``."""

    locative_prepositions: frozenset[str]
    platform_prepositions: frozenset[str]
    state_proxy_nouns: frozenset[str]
    weapon_nouns: frozenset[str]
    act_nouns: frozenset[str]
    unnamed_official_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    aide_nouns: frozenset[str]
    group_nouns: frozenset[str]
    title_words: frozenset[str]
    honorifics: frozenset[str]
    not_actor_names: frozenset[str]
    backing_participles: frozenset[str]
    group_descriptions: frozenset[str]
    state_descriptions: frozenset[str]
    trade_nouns: frozenset[str]
    anonymous_sources: frozenset[str]
    anonymous_people: frozenset[str]
    access_words: frozenset[str]
    document_nouns: frozenset[str]
    person_verbs: frozenset[str]
    vessel_nouns: frozenset[str]
    civilian_vessel_words: frozenset[str]
    member_nouns: frozenset[str]
    place_verbs: frozenset[str]
    relational_nouns: frozenset[str]
    place_prefixes: frozenset[str]
    vessel_prefixes: frozenset[str]
    home_forces: frozenset[str]  # a state's own forces: bare "the army" in a story filed at home is its
    recipient_heads: frozenset[str]  # "aid to Ukraine", "turned to Russia": a party that receives, no place
    territory_nouns: frozenset[str]  # "violated Polish airspace": the state whose ground, sea or sky it is

    @classmethod
    def load(cls, path: Path = RULES_PATH) -> ActorRules:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: frozenset(w.lower() for w in data[k]) for k in cls.__dataclass_fields__})


@dataclass
class Mention:
    """One mention of a would-be actor, before mentions are merged into actors."""

    start: int  # token index
    end: int  # token index, exclusive
    name: str  # the name as written, title and possessive stripped
    kind: str
    key: str  # what mentions of the same actor share
    entry: Entry | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    alias: str | None = None  # the fuller surface form with its title ("President Donald Trump")
    aide_of: str | None = None  # "Putin aide X": whose aide
    fallback: str | None = None  # an "unknown" bare name's organization key when it names no person


@lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """A transliteration-tolerant key: Zelenskyy / Zelensky / Zelenskiy fold together."""
    s = re.sub(r"[^a-z ]", "", name.lower().replace("'", "").replace("’", ""))
    s = re.sub(r"(iy|yy|y|ii|i)\b", "", s)
    return s.replace("ie", "e").replace("ye", "e")


def surface(tokens: list[Token]) -> str:
    """Tokens as the text writes them: the tokenizer splits "al-Maliki" and "Vice-President" at the
    hyphen, and joining with spaces would make a different name ("al - Maliki"). A skipped token
    (an honorific, a country word) leaves one space."""
    out: list[str] = []
    for k, t in enumerate(tokens):
        if k:
            prev = tokens[k - 1]
            out.append(" " if prev.whitespace_ or prev.i + 1 != t.i else "")
        out.append(t.text)
    return "".join(out)


def split_lines(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A name never runs over a line break; the model's entities sometimes do, gluing a heading or a
    photo credit to the next line's name ("Election Results\nEddie Chu", "Matthew Ingram\nWriting")."""
    parts: list[tuple[int, int]] = []
    a = start
    for i, tok in enumerate(doc[start:end], start):
        if "\n" in tok.text and tok.is_space:
            if a < i:
                parts.append((a, i))
            a = i + 1
        elif "\n" in tok.whitespace_ and i + 1 < end:
            parts.append((a, i + 1))
            a = i + 1
    if a < end:
        parts.append((a, end))
    return parts


_FUNCTION_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "DET"})


def clean_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip a leading determiner, and a trailing possessive marker or lower-case function word:
    the statistical recognizer sometimes runs a name on into the next word ("a visit by Xi
    Jinping to Belarus" -> "Xi Jinping to"), and no name ends in "to", "and" or "of"."""
    while start < end and ((tok := doc[start]).lower_ in _ARTICLES or tok.is_punct):
        start += 1
    while end > start and ((tok := doc[end - 1]).text in POSSESSIVE or tok.is_punct or (
            tok.pos_ in _FUNCTION_POS and tok.text.islower())):
        end -= 1
    return start, end


def is_locative(span: Span, rules: ActorRules) -> bool:
    """A place name is where something happens when it is the object of a locative preposition."""
    root = span.root
    head = root.head
    while root.dep_ in ("conj", "appos") and head.i != root.i:
        root, head = head, head.head
    if root.dep_ == "pobj" and head.lower_ in rules.locative_prepositions:
        # "military aid to Ukraine", "the junta has turned to Russia": a recipient, not a destination
        return not (head.lower_ == "to" and head.head.lemma_.lower() in rules.recipient_heads)
    return root.dep_ in ("npadvmod",) and span.start == 0  # a dateline: "KYIV, May 23 —"


_NAME_JOINERS = frozenset({"-", "‐", '"', "“", "”", "'", "‘", "’"})


def _whole_name(doc: Doc, start: int, end: int) -> int:
    """Where a person's name really ends: the small model often stops short of the last word the
    parser makes the head ("Alix Didier | Fils-Aimé", "Vladimir Padrino | Lopez", "Jimmy "Barbecue |"
    Chérizier"). The name runs on to that head when only proper nouns, hyphens and the quotation
    marks of a nickname lie between, on one line."""
    head = doc[end - 1].head
    while head.i >= end and head.pos_ == "PROPN" and head.i - end < 4:
        between = doc[end:head.i]
        if not all(t.pos_ == "PROPN" or t.text in _NAME_JOINERS for t in between):
            break
        if any("\n" in t.whitespace_ for t in doc[end - 1:head.i]):
            break
        end = head.i + 1
        head = doc[end - 1].head
    return end


def _named_of(doc: Doc, end: int) -> int:
    """Where a noun phrase's name ends once a capitalised "of" phrase is read with it: the noun
    chunk of "Somalia's Ministry of Defense" stops at "Ministry"."""
    if end >= len(doc) - 1 or doc[end].lower_ != "of" or doc[end].head.i != end - 1:
        return end
    objs = [c for c in doc[end].children if c.dep_ == "pobj"]
    if not objs:
        return end
    last = objs[0].right_edge.i
    words = doc[end + 1:last + 1]
    if all(t.text[:1].isupper() or t.lower_ in ("the", "and", "of") for t in words) and any(
            t.text[:1].isupper() for t in words):
        return last + 1
    return end


def doc_title_before(span: Span, rules: ActorRules) -> bool:
    """A title or form of address right before a name ("Mr. Gao", "General Goma") makes it a person's."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1].lower_
    return before in rules.title_words or before in rules.honorifics


def is_platform(span: Span, rules: ActorRules) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in rules.platform_prepositions and root.ent_type_ != "PERSON"


class MentionFinder:
    """Proposes mentions: names (entities and proper-noun runs), institutions, unnamed officials."""

    def __init__(self, lexicon: ActorLexicon, rules: ActorRules, gazetteer: Gazetteer | None = None) -> None:
        self.lexicon = lexicon
        self.rules = rules
        self.gazetteer = gazetteer
        #: nouns of a person's office: a name set beside one is that person ("the spokeswoman, X,")
        self.person_titles = rules.title_words | rules.aide_nouns | {"official", "diplomat", "negotiator"}
        self.arms = rules.weapon_nouns | rules.act_nouns

    def find(self, doc: Doc, on: date | None, chunks: list[Span] | None = None) -> list[Mention]:
        """``chunks``: the doc's noun chunks when the caller has them (spaCy recomputes them per access)."""
        taken: set[int] = set()
        mentions: list[Mention] = []
        self._found = mentions  # read by _home_force: who was named before a bare "the army"
        dateline = dateline_span(text_of(doc)) or (0, 0)
        names = self._name_spans(doc)
        self._home = self._home_country(doc, dateline)
        # words that name people elsewhere in the text ("Lloyd Austin" ... "Austin"): never a town
        self._name_words = {doc[i].lower_ for s, e, label in names if label == "PERSON" and e - s > 1
                            for i in range(s, e)}
        for start, end, label in names:
            if dateline[0] <= doc[start].idx < dateline[1] or start in taken:
                continue  # "KYIV, May 23 —", "DOHA, Qatar (AP) —" say where the story was filed, not who acts
            m = self._classify_name(doc, start, end, label, on)
            if m is not None:
                mentions.append(m)
                taken.update(range(m.start, m.end))
        for chunk in doc.noun_chunks if chunks is None else chunks:
            if any(i in taken for i in range(chunk.start, chunk.end)) and chunk.root.i in taken:
                continue
            m = self._classify_chunk(doc, chunk)
            if m is not None:
                mentions.append(m)
                taken.update(range(m.start, m.end))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _name_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        covered: set[int] = set()
        swallowed = -1
        for ent in doc.ents:
            if ent.start < swallowed:
                continue  # the rest of a name read whole below ("Fils-Aimé" after "Alix Didier")
            if ent.label_ in NAME_LABELS:
                stop = _whole_name(doc, ent.start, ent.end) if ent.label_ == "PERSON" else ent.end
                swallowed = stop
                for start, end in split_lines(doc, ent.start, stop):
                    spans.append((start, end, ent.label_))
                covered.update(range(ent.start, stop))
        # proper-noun runs the NER missed ("Kyiv", "the Kremlin"); one pass over the tags, not two
        # Token look-ups per word
        proper = [t.pos == PROPN and t.i not in covered for t in doc]
        i = 0
        while i < len(proper):
            if proper[i] and (doc[i].is_alpha or (doc[i].text.isalnum() and doc[i].text[:1].isupper())):  # "M23"
                j = i
                while j < len(proper) and proper[j]:
                    j += 1
                spans.extend((a, b, "") for a, b in split_lines(doc, i, j))
                i = j
            else:
                i += 1
        return sorted(spans)

    def _classify_name(self, doc: Doc, start: int, end: int, label: str, on: date | None) -> Mention | None:
        start, end = clean_span(doc, start, end)
        if start >= end:
            return None
        while label == "PERSON" and end - start >= 3 and doc[start].lower_ in self.rules.title_words \
                and doc[start + 1].pos_ == "PROPN" and doc[start + 1].text[:1].isupper():
            start += 1  # "Spokesman Majed al-Ansari" as one entity: the title is read as the name's role
        ext = end
        while ext < min(len(doc), end + 5) and not doc[ext].ent_type_ and (
                doc[ext].pos_ == "PROPN" or (doc[ext].text == "-" and doc[ext].whitespace_ == "")):
            ext += 1
        if ext > end and self.lexicon.lookup(doc[start:ext].text, on=on) is not None:
            end = ext  # "Jama’at Nusrat al-Islam wal-Muslimin", which the tagger cut after "al-Islam"
        span = doc[start:end]
        text = span.text
        if text.lower() in self.rules.not_actor_names or not any(t.is_alpha or (  # "M23", "U.N." are names
                t.text[:1].isupper() and all(ch.isalnum() or ch == "." for ch in t.text)) for t in span):
            return None
        if len(span) > 1 and span[-1].lower_ in self.rules.document_nouns:
            return None  # "the Nuclear Non-Proliferation Treaty" is a text, not a party
        if end < len(doc) and span.root.dep_ == "compound" and doc[end].lower_ in self.rules.title_words and (
                doc[end].head.ent_type_ == "PERSON" or doc[end].head.pos_ == "PROPN"):
            return None  # "U.S. President Donald Trump": the country of the title, read with the name
        lex = self.lexicon
        entry = lex.lookup(text, on=on)
        if entry is not None:
            if entry.kind == "state" and is_locative(span, self.rules):
                return None
            return self._from_entry(doc, start, end, entry)
        iso = lex.capital_or_seat(text)
        if iso is not None:
            if is_locative(span, self.rules):
                return None
            state = lex.country(iso)
            return Mention(start, end, text, "state", iso, entry=state, country=iso)
        inst = lex.institution(text)
        if inst is not None:
            return self._institution(doc, start, end, inst)
        titled = start > 0 and doc[start - 1].lower_ in self.rules.title_words and len(span) >= 2 and all(
            t.pos_ == "PROPN" for t in span)  # "regional governor Oleh Kiper", which the tagger calls an ORG
        if not titled and label in ("PERSON", "ORG", "") and self._town(span):
            return None  # a place, which the events layer reads as such ("drones attacked Kharkiv")
        if len(span) > 1 and span[0].lower_.rstrip(".") in self.rules.place_prefixes | self.rules.vessel_prefixes \
                and label in ("PERSON", ""):
            return None  # "Mount Hermon", "Ras Isa", "BRP Sierra Madre": a place or a ship, no person
        if label == "PERSON" or titled or (label in ("", "ORG", "GPE", "NORP") and self._person_shaped(span)) or (
                label == "ORG" and self._apposed_to_title(span)):
            if lex.sector_of_role(text) is not None:
                return None  # "Vice Premier" alone is a title whose name the tagger split off
            return self._person(doc, start, end, None)
        if len(span) == 1 and span[0].pos_ == "PROPN" and span[0].text[:1].isupper() and not is_locative(
                span, self.rules):
            # a bare surname the NER mislabels ("Zelenskyy" as GPE): kept only if it names a person;
            # one tagged an organization that acts ("Naftogaz said") is one if it names nobody
            acts = label == "ORG" and span.root.dep_ in ("nsubj", "nsubjpass") and not is_platform(span, self.rules) \
                and (self.gazetteer is None or self.gazetteer.resolve(text) is None)  # "Lincoln" is a town
            return Mention(start, end, text, "unknown", "name:" + fold_name(text),
                           fallback="org:" + text.lower() if acts else None)
        org_shaped = all(t.pos_ in ("PROPN", "NOUN", "ADP", "CCONJ", "DET") for t in span)
        if label == "ORG" and org_shaped and not is_platform(span, self.rules):
            return self._office_or_organization(doc, start, end)
        return None

    def _town(self, span: Span) -> bool:
        """A name the small model tags as a person or an organization is often a town of the war
        ("Kharkiv", "Goma", "Rafah"): it is one when the gazetteer knows a city of that name, no
        person elsewhere in the text bears it, and nothing in the sentence treats it as a person:
        no title or apposition, not the speaker of a verb only people do ("Gao said")."""
        if self.gazetteer is None or len(span) > 3 or not all(t.pos_ == "PROPN" for t in span):
            return False
        if any(t.lower_ in self._name_words for t in span) or doc_title_before(span, self.rules):
            return False
        root = span.root
        if any(c.dep_ == "appos" for c in root.children) or root.dep_ == "appos":
            return False
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in self.rules.person_verbs:
            return False
        # only where a town is what the sentence speaks of: after "in", "near", "from", or as what is
        # attacked, seized or reached ("attacked Kharkiv", "Sumy was shelled"); "Pakistan's army
        # arrested Khan" and "China condemned Lai" are about people
        locative = root.dep_ == "pobj" and root.head.lower_ in self.rules.locative_prepositions
        struck = root.dep_ in ("dobj", "nsubjpass", "nsubj") and root.head.lemma_.lower() in self.rules.place_verbs
        if not (locative or struck):
            return False
        return self.gazetteer.city_population(span.text) > 0

    def _office_or_organization(self, doc: Doc, start: int, end: int) -> Mention:
        """An ORG span may be an office named by its title ("Pakistan's Director General of
        Military Operations"): then it is an unnamed official of that country, with the title as role."""
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].dep_ == "compound" and doc[start - 1].ent_type_ in ("", "ORG"):
            start -= 1  # the small model often leaves the first title word out of the span
        text = doc[start:end].text
        country = None
        if start >= 2 and doc[start - 1].text in POSSESSIVE:
            country = self.lexicon.country_of_word(doc[start - 2].text) or self.lexicon.capital_or_seat(
                doc[start - 2].text)
        sector = self.lexicon.sector_of_role(text)
        head = doc[start:end].root.lower_
        if sector is not None and head in self.rules.title_words:
            m = Mention(start, end, text, "person", "office:" + text.lower(), country=country, sector=sector)
            m.roles.append(text)
            return m
        return Mention(start, end, text, "organization", "org:" + text.lower(), country=country)

    def _apposed_to_title(self, span: Span) -> bool:
        """ "Rwanda's government spokeswoman, Yolande Makolo,": a two-word name set beside an
        official's title is that official, whatever entity label the tagger gave it."""
        root = span.root
        title = root.head if root.dep_ == "appos" else next((c for c in root.children if c.dep_ == "appos"), None)
        return (len(span) >= 2 and title is not None and title.lower_ in self.person_titles
                and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span))

    def _person_shaped(self, span: Span) -> bool:
        """Two or more capitalised proper nouns with a person-like syntactic role."""
        return (
            len(span) >= 2
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
            and span.root.dep_ in ("nsubj", "nsubjpass", "appos", "pobj", "dobj", "poss")
            and not is_locative(span, self.rules)
            and span.root.ent_type_ in ("", "PERSON")
            and span.root.lower_ not in self.rules.title_words  # "Foreign Minister" is a title, not a name
        )

    def _from_entry(self, doc: Doc, start: int, end: int, entry: Entry) -> Mention:
        if entry.kind == "person":
            return self._person(doc, start, end, entry)
        return Mention(start, end, doc[start:end].text, entry.kind, entry.id, entry=entry,
                       country=entry.country if entry.kind != "state" else entry.id,
                       sector=entry.sector)

    def _person(self, doc: Doc, start: int, end: int, entry: Entry | None) -> Mention:
        name_tokens = [t for t in doc[start:end] if t.lower_ not in self.rules.honorifics]
        name = surface(name_tokens) or doc[start:end].text
        key = entry.id if entry else "person:" + fold_name(name.split()[-1])
        m = Mention(start, end, name, "person", key, entry=entry)
        self._read_titles(doc, m)
        return m

    def _read_titles(self, doc: Doc, m: Mention) -> None:
        """Titles from pre-modifiers ("Kremlin spokesman X"), appositions and "of <country>"."""
        root = doc[m.start:m.end].root
        i = m.start - 1
        title: list[Token] = []
        while i >= 0:
            t = doc[i]
            if t.ent_type_ in ("DATE", "TIME") or t.is_space or "\n" in t.whitespace_:
                break  # "Yesterday Ahmed Mohamed", a heading on the line above: not titles
            wordlike = t.pos_ in ("PROPN", "NOUN", "ADJ", "PART") and t.text not in ("’s", "'s")
            attached = t.dep_ in ("compound", "amod", "poss", "nmod", "case", "punct") or t.head.i >= m.start
            if t.text in POSSESSIVE or (wordlike and attached):
                title.insert(0, t)
                i -= 1
                continue
            if t.text == "." and i > 0 and doc[i - 1].text.endswith("."):
                i -= 1
                continue
            break
        if title:
            self._apply_title(m, title, doc)
        head = root
        while head.dep_ == "appos" and head.head.i < m.start and head.head.pos_ in ("NOUN", "PROPN"):
            # "Eritrea's information minister, Yemane Gebremeskel,": the noun the name is apposed to,
            # through a chain of them ("China's lead negotiator, Vice Premier He Lifeng,")
            head = head.head
            if head.pos_ == "PROPN" and head.lower_ not in self.rules.title_words and \
                    self.lexicon.sector_of_role(head.text) is None:
                break
            if head.pos_ == "NOUN" or not title:  # a title right before the name was read above
                apposed = [t for t in head.subtree if t.i <= head.i and t.pos_ not in ("DET", "PRON", "PUNCT")]
                self._apply_title(m, apposed, doc, before=False)
        for child in root.children:
            if child.dep_ == "appos" and child.i >= m.end:
                phrase = [t for t in child.subtree if t.i < child.i + 1 or t.dep_ in ("compound", "amod")]
                words = [t for t in phrase if t.pos_ != "DET" and t.i <= child.i]
                if words and words[-1].pos_ == "NOUN":
                    self._apply_title(m, words, doc)
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    iso = self.lexicon.country_of_word(obj.text) if obj.dep_ == "pobj" else None
                    if iso and m.country is None:
                        m.country = iso

    def _apply_title(self, m: Mention, tokens: list[Token], doc: Doc, before: bool = True) -> None:
        """Split a title into the country it names and the role it reports."""
        lex = self.lexicon
        role_words: list[Token] = []
        aide_of: str | None = None
        for k, t in enumerate(tokens):
            if t.text in POSSESSIVE or t.lower_ in self.rules.honorifics or t.text in (".", ","):
                continue  # "Mr." or "Col." is a form of address, not a role
            if k + 1 < len(tokens) and tokens[k + 1].text in POSSESSIVE and (
                    t.lower_ in self.rules.state_descriptions | self.rules.group_descriptions):
                continue  # "the country's foreign minister": a foreign minister, of the country named before
            iso = lex.country_of_word(t.text)
            if iso is None and k + 1 < len(tokens) and tokens[k + 1].text in POSSESSIVE:
                iso = lex.country_of_word(t.text)
            if iso and not role_words:
                m.country = m.country or iso
                continue
            seat = lex.capital_or_seat(t.text) if t.pos_ == "PROPN" else None
            if seat:
                m.country = m.country or seat
                role_words.append(t)
                continue
            person = lex.lookup(t.text) if t.pos_ == "PROPN" else None
            if person is not None and person.kind == "person" and not role_words:
                aide_of = person.name
                m.country = m.country or person.country
                continue
            if t.pos_ == "PROPN" and t.dep_ == "compound" and not role_words and t.ent_type_ == "PERSON":
                aide_of = t.text
                continue
            role_words.append(t)
        if not role_words:
            return
        role = surface(role_words)
        if aide_of and role.lower() in self.rules.aide_nouns:
            holder = lex.lookup(aide_of)
            top = holder.roles[0] if holder and holder.roles else None
            role = f"{role} to the {top}" if top else f"{role} to {aide_of}"
            m.aide_of = aide_of  # resolved against the document's own actors once they are known
        if role not in m.roles:
            m.roles.append(role)
        m.alias = doc[tokens[0].i:m.end].text if before and tokens[0].i < m.start else m.alias
        if m.sector is None:
            m.sector = lex.sector_of_role(role)

    def _members_of(self, doc: Doc, chunk: Span) -> Mention | None:
        """ "Hamas militants", "Houthi rebels", "Yemen's Houthi rebels", "Hezbollah officials": the
        members of a movement the dictionary knows act as that movement, one actor with it; not
        "EU workers" nor "Hamas supporters"."""
        if chunk.root.lower_ not in self.rules.member_nouns:
            return None
        for t in chunk:
            if t.i >= chunk.root.i or t.dep_ not in ("compound", "amod", "nmod") or not t.text[:1].isupper():
                continue
            entry = self.lexicon.lookup(t.text)
            if entry is not None and entry.kind in ("organization", "group"):
                start, end = clean_span(doc, chunk.start, chunk.end)
                if start < end:
                    return Mention(start, end, doc[start:end].text, entry.kind, entry.id, entry=entry,
                                   country=entry.country, sector=entry.sector)
        return None

    def _named_group_before(self, doc: Doc, start: int) -> bool:
        """Whether a movement the dictionary knows is named before, so a description can refer to it."""
        known = [e.text for e in doc.ents if e.end <= start] + [t.text for t in doc[:start] if t.pos_ == "PROPN"]
        return any((entry := self.lexicon.lookup(name)) is not None and entry.kind in ("organization", "group")
                   for name in known)

    def _national_body(self, doc: Doc, chunk: Span) -> Mention | None:
        """A national institution the tagger did not mark as a name ("the Chinese coast guard",
        "Russian state media"): one of ``institutions.tsv`` with its country in the phrase."""
        if not any(t.text[:1].isupper() and self.lexicon.country_of_word(t.text) for t in chunk
                   if t.i != chunk.root.i):
            return None
        start, end = clean_span(doc, chunk.start, chunk.end)
        inst = self.lexicon.institution(doc[start:end].text) if start < end else None
        if inst is None or inst[0] is None:
            return None
        return self._institution(doc, start, end, inst)

    def _home_country(self, doc: Doc, dateline: tuple[int, int]) -> str | None:
        """The state a story is filed from, when the text also names it: "TBILISI, March 10 — …
        the Interior Ministry said" is Georgia's ministry. A dateline abroad ("BRUSSELS" on an Iran
        story) names a state the text does not otherwise mention, and gives no home."""
        if dateline == (0, 0):
            return None
        place = text_of(doc)[dateline[0]:dateline[1]].split(",")[0].split("(")[0].strip()
        iso = self._state_of_place(place.title())
        if iso is None:
            return None
        named = any(self.lexicon.country_of_word(t.text) == iso for t in doc
                    if t.idx >= dateline[1] and t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN"))
        return iso if named else None

    def _place_in(self, sent: Span) -> str | None:
        """The state of the last place the sentence names after a preposition, when not the home one."""
        found = None
        for t in sent:
            if t.dep_ != "pobj" or t.pos_ != "PROPN" or t.head.lower_ not in ("in", "at", "on", "near", "into"):
                continue
            iso = self._state_of_place(t.text, towns=t.ent_type_ in ("GPE", "LOC", ""))
            if iso is not None and iso != self._home:
                found = iso
        return found

    def _state_of_place(self, name: str, towns: bool = True) -> str | None:
        """The state a place name belongs to: a country, demonym or capital, else (``towns``) the
        country of the town the gazetteer knows by that name."""
        iso = self.lexicon.capital_or_seat(name) or self.lexicon.country_of_word(name)
        if iso is None and towns and self.gazetteer is not None:
            place = self.gazetteer.resolve(name)
            iso = place.country if place is not None else None
        return iso

    def _institution(self, doc: Doc, start: int, end: int, inst: tuple[str | None, str, str]) -> Mention | None:
        country, sector, kind = inst
        span = doc[start:end]
        if country is None and doc[start].lower_ != "the" and (start == 0 or doc[start - 1].lower_ == "the") \
                and self._home is not None:
            # "the Interior Ministry" in a story filed from its capital, unless the sentence is about a
            # place elsewhere ("Israeli strikes killed 30 in Gaza, the Health Ministry said", from Jerusalem)
            country = self._place_in(doc[start].sent) or self._home
        if country is None:
            return None
        if span.root.lower_ in self.rules.state_proxy_nouns and sector in ("GOV", "DIP"):
            return Mention(start, end, span.text, "state", country, entry=self.lexicon.country(country),
                           country=country)
        name = span.text
        return Mention(start, end, name, kind, f"inst:{country}:{fold_name(span.root.lemma_)}",
                       country=country, sector=sector)

    def _unplaced_official(self, doc: Doc, start: int, end: int, chunk: Span) -> Mention | None:
        """ "a local official said", "a senior military official told Reuters": an unnamed official
        of no named country still speaks. Only as a speaker, and only with a word that tells which
        official ("a local official", not a bare "officials"); keyed by those words, so that two
        such officials stay apart and "the official" later is the one named last."""
        root = chunk.root
        if root.lower_ not in self.rules.unnamed_official_nouns or root.dep_ != "nsubj":
            return None
        words = [t for t in doc[start:end] if t.pos_ not in ("DET", "PRON", "NUM") and not t.like_num]
        if len(words) < 2 or root.i != words[-1].i:
            return None
        # "a Pentagon official" is the Pentagon's country's
        country = next((iso for t in words if t.text[:1].isupper() and (iso := self._country_of_name(t.text))), None)
        name = doc[words[0].i:end].text
        return Mention(words[0].i, end, name, "group", "anon:" + name.lower(), country=country, sector="GOV")

    def _country_of_name(self, word: str) -> str | None:
        """The state a one-word name belongs to: its own ("Pentagon"), its seat ("Kremlin"), its demonym."""
        entry = self.lexicon.lookup(word)
        inst = self.lexicon.institution(word)
        return (entry.country if entry is not None else None) or (inst[0] if inst else None) or (
            self.lexicon.capital_or_seat(word)) or self.lexicon.country_of_word(word)

    def _home_force(self, doc: Doc, start: int, end: int, inst: tuple[str | None, str, str]) -> Mention | None:
        """ "The army said …" in a story filed from Bamako is the Malian army: a state's own armed
        force or police, named bare and definite, is the home state's (named with its demonym, so
        that "the Malian army" later is the same actor). Only with a dateline home, and only while
        no other state's actor has been named: a story from abroad, or one that named "Pakistan's
        army" first, may mean another army."""
        words = doc[start:end].text.lower()
        if self._home is None or words not in self.rules.home_forces or inst[1] not in ("MIL", "COP"):
            return None
        if (start == 0 or doc[start - 1].lower_ != "the") and words != "police":  # "police said": no article
            return None
        home = self._place_in(doc[start].sent) or self._home  # "In Tehran, the military said" (from Brussels)
        if any(m.start < start and m.country not in (None, home) and self._acts_in_force(doc, m) for m in self._found):
            return None  # "Israeli jets struck …, the military said" from Beirut: Israel's, not Lebanon's
        demonym = self.lexicon.demonym(home)
        if demonym is None:
            return None
        head = fold_name(doc[end - 1].lemma_)
        return Mention(start, end, f"{demonym} {words}", inst[2], f"inst:{home}:{head}",
                       country=home, sector=inst[1], alias=doc[start:end].text)

    def _acts_in_force(self, doc: Doc, m: Mention) -> bool:
        """Another state's force or arms named before ("Israeli jets", "Israeli strikes", "Pakistan's
        army"): then a bare "the army" after it may be that state's."""
        after = doc[m.end] if m.end < len(doc) else None
        arms = after is not None and after.lower_ in self.arms
        return m.sector == "MIL" or arms

    def _group(self, doc: Doc, start: int, end: int, chunk: Span) -> Mention | None:
        """A group with no country in the text ("police", "gunmen", "activists") is still an
        actor when it acts or is acted on; the CODEBOOK's `group` kind with a sector, no country."""
        root = chunk.root
        if root.lower_ not in self.rules.group_nouns or root.dep_ not in (
                "nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "poss"):
            return None
        if root.dep_ == "pobj" and root.head.lower_ in self.rules.locative_prepositions:
            return None
        if root.lower_ in self.rules.group_descriptions and len(chunk) == 2 and chunk[0].lower_ == "the" \
                and self._named_group_before(doc, chunk.start):
            return None  # "the rebels" after "Houthi rebels": the movement named before (actors._resolve_kinds)
        words = [t for t in doc[start:end] if t.pos_ not in ("DET", "PRON", "NUM")]
        if not words:
            return None
        sector = self.lexicon.sector_of_role(root.lemma_)
        return Mention(words[0].i, end, doc[words[0].i:end].text, "group", "group:" + root.lemma_.lower(),
                       sector=sector)

    def _weapons(self, doc: Doc, chunk: Span) -> Mention | None:
        """ "Russian drones", "an Israeli withdrawal": the state whose weapons or act these are. They
        are no actor of their own; the nationality before them names the state, as a delegation
        names its state."""
        for t in doc[chunk.start : chunk.root.i]:  # the mention is the nationality word: "Russian"
            word, _, participle = t.text.rpartition("-")  # "U.S.-backed" is one token
            if not (word and participle.lower() in self.rules.backing_participles):
                word = t.text
            iso = self.lexicon.country_of_word(word)
            if iso is not None:
                return Mention(t.i, t.i + 1, t.text, "state", iso, entry=self.lexicon.country(iso), country=iso)
        return None

    def _anonymous(self, doc: Doc, chunk: Span) -> Mention | None:
        """Unnamed sources who speak: "two sources close to the talks", "a senior Western diplomat",
        "people familiar with the matter". Their number does not make them a count, and they need
        no country; the phrase of access ("close to the talks") is part of the name."""
        root = chunk.root
        access = next((c for c in root.children if c.dep_ in ("amod", "acl") and c.i > root.i
                       and c.lemma_.lower() in self.rules.access_words), None)
        lower = root.lower_
        if not (lower in self.rules.anonymous_sources or (lower in self.rules.anonymous_people and access)):
            return None
        if root.dep_ not in ("nsubj", "pobj") or any(
                self.lexicon.country_of_word(t.text) for t in chunk if t.i != root.i):
            return None  # "Israeli officials" is an institution's, read below
        words = [t for t in chunk if t.pos_ not in ("DET", "NUM", "PRON") and not t.like_num]
        if not words:
            return None
        end = access.right_edge.i + 1 if access is not None else root.i + 1
        name = doc[words[0].i:end].text
        # keyed by the noun: "the source" later is one of "two sources close to the talks"
        return Mention(words[0].i, end, name, "group", "anon:" + root.lemma_.lower(), sector="GOV")

    def _classify_chunk(self, doc: Doc, chunk: Span) -> Mention | None:
        """Institutions and unnamed officials: "the Russian Defence Ministry", "Indian officials"."""
        root = chunk.root.lower_
        if root in self.rules.weapon_nouns or root in self.rules.act_nouns:
            return self._weapons(doc, chunk)
        if root in self.rules.vessel_nouns:  # "Chinese coast guard ships", not "a Norwegian cruise ship"
            civilian = any(t.lower_ in self.rules.civilian_vessel_words for t in chunk if t.i != chunk.root.i)
            return None if civilian else self._weapons(doc, chunk)
        if root in self.rules.trade_nouns or root in self.rules.territory_nouns:
            # "tariffs on Chinese goods", "entered Philippine waters"; not "Ukrainian citizens fled"
            return self._weapons(doc, chunk) if chunk.root.dep_ in ("pobj", "dobj", "conj") else None
        anonymous = self._anonymous(doc, chunk)
        if anonymous is not None:
            return anonymous
        if root not in self.rules.unnamed_official_nouns and root not in self.rules.group_nouns:
            return self._national_body(doc, chunk)
        if any(c.dep_ == "nummod" or c.like_num for c in chunk.root.children):
            return None  # "5,000 soldiers" is a count of people, not a participant
        member = self._members_of(doc, chunk)
        if member is not None:
            return member
        after = doc[chunk.end] if chunk.end < len(doc) else None
        if any(c.ent_type_ == "PERSON" or (c.ent_type_ == "ORG" and c.pos_ == "PROPN" and c.i > chunk.root.i
                                           and chunk.root.lower_ in self.person_titles)
               for c in apposed(chunk.root)) or (
                after is not None and after.ent_type_ == "PERSON" and after.ent_iob_ == "B"):
            return None  # "Ukraine's Foreign Minister Andrii Sybiha": the title of the name that follows
        start, end = clean_span(doc, chunk.start, chunk.end)
        if start >= end or doc[start].pos_ == "PRON":
            return None
        longer = _named_of(doc, end)
        inst = self.lexicon.institution(doc[start:longer].text) if longer > end else None
        if inst is not None:
            end = longer  # "Somalia's Ministry of Defense", not "Somalia's Ministry"
        else:
            inst = self.lexicon.institution(doc[start:end].text)
        if inst is not None and inst[0] is None:
            home = self._home_force(doc, start, end, inst)
            if home is not None:
                return home
            inst = None  # "the police": an institution of no named country, read as a group below
        if inst is None and root in self.rules.relational_nouns:
            return self._group(doc, start, end, chunk)  # "Ukraine's allies" are not Ukraine's
        if inst is None:  # "a senior Indian official", "a South Korean intelligence official"
            pairs = [f"{t.text} {doc[t.i + 1].text}" for t in doc[start:end - 1]]
            iso = next((iso for w in [*pairs, *(t.text for t in doc[start:end])]
                        if (iso := self.lexicon.country_of_word(w))), None)
            if iso is None:
                return self._unplaced_official(doc, start, end, chunk) or self._group(doc, start, end, chunk)
            sector = self.lexicon.sector_of_role(chunk.root.lemma_) or "GOV"
            inst = (iso, sector, "group")
        return self._institution(doc, start, end, inst)
