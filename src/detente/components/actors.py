"""The ``detente_actors`` component: one actor per real-world participant in an article.

Mentions (``actor_mentions``) are merged by key: the actor dictionary's id when it knows the name
(so Zelensky / Zelenskyy / Zelenskiy merge), transliteration-folded first and last names for other
people (two people of one surname stay apart), the ISO code for states and their metonyms. A bare
surname, even one the NER mislabelled (GPE/ORG), joins the nearest person of that name. Personal
pronouns are resolved to the most recent person in subject position whose gender, where the text
gives one, agrees: that is how news prose usually continues a speaker.

``extra_dictionaries`` (config) lists user dictionary files that extend or override the packaged
one; see ``actors/README.md`` and ``lexicon.user_dictionaries`` for ``$DETENTE_ACTORS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token

from detente.components.actor_mentions import ActorRules, Mention, MentionFinder, fold_name
from detente.components.lexicon import ActorLexicon
from detente.components.places import shared_gazetteer
from detente.doc import anchor_date, layer, text_of
from detente.layers import Actor

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "lady": "f",
                    "madam": "f", "madame": "f"}


def _same_first(known: str | None, new: str | None) -> bool:
    """Whether a name with first name ``new`` may be the person registered with ``known``: equal, or
    an initial of the other; a name with no first name ("General Basya") is any of them. A single-word
    dictionary alias ("Trump") has no first name and takes only names without one, so "Melania Trump"
    is not Donald Trump."""
    if new is None:
        return True
    if known is None:
        return False
    return known == new or (len(known) == 1 and new.startswith(known)) or (len(new) == 1 and known.startswith(new))


@Language.factory(
    "detente_actors",
    assigns=["doc._.actors", "doc._.actor_at"],
    default_config={"extra_dictionaries": []},
)
def make_actors(nlp: Language, name: str, extra_dictionaries: Sequence[str]) -> ActorsComponent:
    """``extra_dictionaries``: user TSV files, later ones winning (``ActorLexicon.load``)."""
    return ActorsComponent(ActorLexicon.load([Path(p) for p in extra_dictionaries]), ActorRules.load())


class ActorsComponent:
    """Doc -> Doc: fills ``doc._.actors`` and the token -> actor map ``doc._.actor_at``."""

    def __init__(self, lexicon: ActorLexicon, rules: ActorRules) -> None:
        self.lexicon = lexicon
        self.rules = rules
        self.finder = MentionFinder(lexicon, rules, shared_gazetteer())
        self.pronoun_ids = frozenset(get_string_id(w) for w in rules.person_pronouns)

    def __call__(self, doc: Doc) -> Doc:
        chunks = list(doc.noun_chunks)  # read twice below; spaCy walks the parse on every access
        mentions = self.finder.find(doc, anchor_date(doc), chunks)
        mentions = self._merge_surnames(mentions)
        mentions = self._drop_described(doc, mentions)
        mentions = self._abbreviations(doc, mentions)
        groups = self._group(mentions)
        actors, actor_at = self._build(doc, groups)
        self._resolve_aides(actors, groups)
        self._resolve_descriptions(doc, actors, actor_at, chunks)
        self._resolve_kinds(doc, actors, actor_at)
        self._resolve_heads(doc, actors, actor_at)
        self._resolve_pronouns(doc, actors, actor_at)
        self._counterparts(doc, actors, actor_at)
        layer(doc, "actors").extend(actors)
        layer(doc, "actor_at").update(actor_at)
        return doc

    def _merge_surnames(self, mentions: list[Mention]) -> list[Mention]:
        """One key per person: full names that share a last name merge only when their first names
        agree ("Donald Trump", "Donald J. Trump"), so two people of one family or one common surname
        ("Tanya Chan", "Gary Chan") stay apart; a bare surname (any label) then joins the nearest
        person of that name before it, else the first after it, as news refers back to the last one
        named."""
        people: list[tuple[int, str, str | None, str]] = []  # (token, last name, first name, key)
        for m in mentions:
            if m.kind != "person":
                continue
            if m.entry is not None:
                for alias in (m.entry.name, *m.entry.aliases):
                    words = alias.split()
                    people.append((m.start, fold_name(words[-1]), self._first_name(words), m.key))
                continue
            words = m.name.split()
            if len(words) < 2:
                continue
            last, first = fold_name(words[-1]), self._first_name(words)
            same = [p for p in reversed(people) if p[1] == last and _same_first(p[2], first)]
            m.key = same[0][3] if same else f"person:{first or ''}:{last}"
            people.append((m.start, last, first, m.key))
        for m in mentions:
            bare = m.entry is None and len(m.name.split()) == 1
            if not bare or m.kind not in ("person", "organization", "state", "unknown"):
                continue
            last = fold_name(m.name)
            before = [p for p in people if p[1] == last and p[0] < m.start]
            after = [p for p in people if p[1] == last and p[0] > m.start]
            pick = before[-1] if before else after[0] if after else None
            if pick is not None:
                m.kind, m.key = "person", pick[3]
            elif m.kind == "person":
                m.key = "person::" + last
            elif m.kind == "unknown" and m.fallback is not None:
                m.kind, m.key = "organization", m.fallback
        return [m for m in mentions if m.kind != "unknown"]

    def _first_name(self, words: Sequence[str]) -> str | None:
        """The first word of a name that is not a title or honorific ("General Fuad Basya" -> fuad)."""
        for w in words[:-1]:
            if w.lower() not in self.rules.honorifics and self.lexicon.sector_of_role(w) is None:
                return fold_name(w)
        return None

    @staticmethod
    def _group(mentions: list[Mention]) -> list[list[Mention]]:
        order: list[str] = []
        by_key: dict[str, list[Mention]] = {}
        national: dict[str, set[str]] = {}  # "police" -> the keys of "Georgian riot police" and the like
        for m in mentions:
            head = m.key.rsplit(":", 1)[-1]
            if m.key.startswith("inst:"):
                national.setdefault(head, set()).add(m.key)
            elif m.key.startswith("group:") and len(national.get(head, ())) == 1:
                # "Georgian riot police … accused police of beating": the same force named again
                # without its country; not when two countries' forces of that name came before
                m.key = next(iter(national[head]))
            if m.key not in by_key:
                order.append(m.key)
                by_key[m.key] = []
            by_key[m.key].append(m)
        return [by_key[k] for k in order]

    def _build(self, doc: Doc, groups: list[list[Mention]]) -> tuple[list[Actor], dict[int, str]]:
        actors: list[Actor] = []
        actor_at: dict[int, str] = {}
        for n, group in enumerate(groups, start=1):
            aid = f"a{n}"
            entry = next((m.entry for m in group if m.entry is not None), None)
            kind = group[0].kind
            if entry is not None:
                name = entry.name
            elif kind == "person":
                name = max((m.name for m in group), key=lambda s: (len(s.split()), len(s)))
            else:
                name = max((m.name for m in group), key=len)
            roles: list[str] = []
            for m in group:
                roles.extend(r for r in m.roles if r not in roles)
            country = next((m.country for m in group if m.country), None)
            if country is None and entry is not None:
                country = entry.id if entry.kind == "state" else entry.country
            sector = next((m.sector for m in group if m.sector), None)
            if sector is None and entry is not None:
                sector = entry.sector
            if not roles and entry is not None and kind == "person":
                roles = list(entry.roles[:1])
            aliases: list[str] = []
            for m in group:
                for form in (m.name, m.alias):
                    if form and form != name and form not in aliases:
                        aliases.append(form)
            mentions = []
            for m in group:
                span = doc[m.start:m.end]
                mentions.append((span.start_char, span.end_char))
                for i in range(m.start, m.end):
                    actor_at[i] = aid
            actors.append(Actor(
                id=aid, name=name, kind=kind, country=country, sector=sector, roles=roles,
                aliases=aliases, mentions=mentions, wikidata=entry.wikidata if entry else None,
            ))
        return actors, actor_at

    @staticmethod
    def _resolve_aides(actors: list[Actor], groups: list[list[Mention]]) -> None:
        """ "Putin aide X": X works for Putin's country, as "aide to the President" when the
        article gives Putin that title."""
        by_last = {fold_name(a.name.split()[-1]): a for a in actors if a.kind == "person"}
        for actor, group in zip(actors, groups, strict=True):
            for m in group:
                boss = by_last.get(fold_name(m.aide_of.split()[-1])) if m.aide_of else None
                if boss is None or boss is actor:
                    continue
                actor.country = actor.country or boss.country
                if boss.roles:
                    actor.roles = [f"{r.split(' to ')[0]} to the {boss.roles[0]}" if r.endswith(f"to {m.aide_of}")
                                   else r for r in actor.roles]

    @staticmethod
    def _abbreviations(doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "Director General of Military Operations (DGMO)": the abbreviation defined in the text
        is an alias, and its later uses are mentions of the same actor."""
        defined = {doc[m.end + 1].text: m for m in mentions
                   if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")"}
        # a later use read on its own as a one-word organization ("The DGMO said") is the defined actor
        mentions = [m for m in mentions if not (m.fallback is not None and m.kind == "organization"
                                                and m.name in defined and defined[m.name] is not m)]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        extra: list[Mention] = []
        for m in mentions:
            if m.end + 2 >= len(doc) or doc[m.end].text != "(" or doc[m.end + 2].text != ")":
                continue
            abbr = doc[m.end + 1].text
            if not (abbr.isupper() and abbr.isalpha() and 2 <= len(abbr) <= 10):
                continue
            for tok in doc:
                if tok.text == abbr and tok.i not in taken:
                    extra.append(replace(m, start=tok.i, end=tok.i + 1, name=abbr, alias=None, roles=[]))
                    taken.add(tok.i)
        return sorted(mentions + extra, key=lambda m: m.start)

    @staticmethod
    def _drop_described(doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "the Russian minister" after "Foreign Minister Sergei Lavrov" is Lavrov again, not an
        unnamed official: leave it to ``_resolve_descriptions``."""
        heads_before: list[tuple[int, str]] = [(m.start, _role_head(r)) for m in mentions if m.kind == "person"
                                               for r in m.roles]
        out = []
        for m in mentions:
            definite = m.start > 0 and doc[m.start - 1].lower_ in ("the", "his", "her")
            head = doc[m.end - 1].lower_
            if m.entry is None and m.kind in ("group", "person", "organization") and definite and any(
                    start < m.start and head in (h, h + "s") for start, h in heads_before):
                continue
            out.append(m)
        return out

    def _resolve_descriptions(self, doc: Doc, actors: list[Actor], actor_at: dict[int, str],
                              chunks: list[Span]) -> None:
        """ "the president", "the Kremlin spokesman", "the Russian minister": a definite
        description refers to the latest actor named before it whose title ends in that noun (and
        whose country agrees when the description names one)."""
        by_id = {a.id: a for a in actors}
        titled = [(a, {_role_head(r) for r in a.roles if r}) for a in actors if a.roles]
        if not titled:
            return
        any_head = set().union(*(heads for _, heads in titled))
        first_at = {a.id: min((s for s, _ in a.mentions), default=len(text_of(doc))) for a in actors}
        for chunk in chunks:
            root = chunk.root
            if root.i in actor_at or root.pos != NOUN:
                continue
            nouns = {root.lower_, root.lemma_.lower()}
            if nouns.isdisjoint(any_head):
                continue  # no title ends in this noun: the cheap test first
            det = [t for t in chunk if t.dep_ in ("det", "poss")]
            if not det or det[0].lower_ not in ("the", "his", "her", "its", "their"):
                continue
            country = next((self.lexicon.country_of_word(t.text) for t in chunk if t.i != root.i
                            and self.lexicon.country_of_word(t.text)), None)
            candidates = [a for a, heads in titled if heads & nouns and first_at[a.id] < chunk.start_char
                          and (country is None or a.country == country)]
            if not candidates:
                continue
            latest = max(candidates, key=lambda a: max(s for s, _ in a.mentions if s < chunk.start_char))
            for i in range(chunk.start, chunk.end):
                if doc[i].dep_ not in ("det", "poss"):
                    actor_at.setdefault(i, latest.id)
            by_id[latest.id].mentions.append((chunk.start_char, chunk.end_char))

    def _resolve_kinds(self, doc: Doc, actors: list[Actor], actor_at: dict[int, str]) -> None:
        """ "the group", "the militants", "the country": a definite description by kind refers to the
        latest organization or group (or state) named before it, as news writes "Hezbollah … the
        group's patience". Not "the group of ministers" nor "a group", nor a phrase that names its own."""
        by_id = {a.id: a for a in actors}
        fits = {**dict.fromkeys(self.rules.group_descriptions, ("organization", "group")),
                **dict.fromkeys(self.rules.state_descriptions, ("state",))}
        named = sorted((i, aid) for i, aid in actor_at.items())
        for root in doc:
            kinds = fits.get(root.lower_)
            if kinds is None or root.pos != NOUN or root.i in actor_at:
                continue  # also a possessor ("the group's patience"), which no noun chunk has for root
            chunk = doc[root.left_edge.i : root.i + 1]
            if any(t.i in actor_at for t in chunk):
                continue
            det = [t for t in chunk if t.dep_ == "det"]
            if not det or det[0].lower_ != "the" or any(_members(c) for c in root.children):
                continue  # "the group of ministers" names its members; not "accused the group of lying"
            latest = self._antecedent_by_kind(doc, chunk.start, named, by_id, kinds)
            if latest is None:
                continue
            for i in range(chunk.start, chunk.end):
                if doc[i].dep_ != "det":
                    actor_at[i] = latest
            by_id[latest].mentions.append((chunk.start_char, chunk.end_char))

    def _resolve_heads(self, doc: Doc, actors: list[Actor], actor_at: dict[int, str]) -> None:
        """ "the ministry", "the mission", "the official": a bare definite noun refers back to the
        latest organization, group or unnamed person named before it with that head noun ("the
        Interior Ministry said … The ministry said"; "a security official familiar with the
        investigation … The official said"), when exactly one such actor was named."""
        heads: dict[str, list[tuple[int, str]]] = {}  # head lemma -> (token, actor) of each earlier mention
        for i, aid in sorted(actor_at.items()):
            tok = doc[i]
            if tok.dep_ in ("compound", "amod", "poss", "det") or tok.pos not in (NOUN, PROPN):
                continue
            heads.setdefault(tok.lemma_.lower(), []).append((i, aid))
        by_id = {a.id: a for a in actors}
        for root in doc:
            if root.pos != NOUN or root.i in actor_at or root.i == 0 or doc[root.i - 1].lower_ != "the":
                continue
            if root.left_edge.i != root.i - 1 or root.lower_ in self.rules.state_proxy_nouns:
                continue  # "the ministry" only, not "the defence ministry of Chad" nor "the government"
            earlier = {aid for i, aid in heads.get(root.lemma_.lower(), ()) if i < root.i}
            if len(earlier) != 1 or by_id[next(iter(earlier))].kind == "state":
                continue
            aid = earlier.pop()
            actor_at[root.i] = aid
            by_id[aid].mentions.append((doc[root.i - 1].idx, root.idx + len(root.text)))

    @staticmethod
    def _antecedent_by_kind(doc: Doc, start: int, named: list[tuple[int, str]], by_id: dict[str, Actor],
                            kinds: tuple[str, ...]) -> str | None:
        """The latest actor of a fitting kind named within two sentences before ``start``; "the group" is
        a movement, not the army, a ministry or a newspaper. A name the actors layer did not read that
        comes in between ("The G7 issued a statement. The group …") may be the one meant: no guess."""
        first = doc[start].sent.start  # this sentence and the two before: no walk over every sentence
        for _ in range(2):
            first = doc[first - 1].sent.start if first > 0 else 0
        at = dict(named)
        for i in range(start - 1, first - 1, -1):
            aid = at.get(i)
            if aid is not None:
                actor = by_id[aid]
                if actor.kind in kinds and actor.sector not in ("MED", "MIL", "GOV", "CVL"):
                    return aid
            elif doc[i].ent_type_ in ("ORG", "GPE", "NORP") and doc[i].pos_ == "PROPN" and not (
                    doc[i].ent_type_ == "GPE" and doc[i].dep_ == "pobj" and doc[i].head.lower_ in PLACE_WORDS):
                return None  # but "met in Oman" names a place, not a party
        return None

    def _counterparts(self, doc: Doc, actors: list[Actor], actor_at: dict[int, str]) -> None:
        """ "his Indian counterpart": the holder of the same office in the other country — an actor
        already named with that country and title, else a new unnamed official."""
        by_id = {a.id: a for a in actors}
        for tok in doc:
            if tok.lemma_.lower() != "counterpart" or tok.i in actor_at:
                continue
            owner = next((by_id.get(actor_at.get(c.i, "")) for c in tok.children if c.dep_ == "poss"), None)
            country = next((self.lexicon.country_of_word(c.text) for c in tok.children
                            if c.dep_ in ("amod", "compound") and self.lexicon.country_of_word(c.text)), None)
            if owner is None or country is None:
                continue
            heads = {_role_head(r) for r in owner.roles}
            match = next((a for a in actors if a.country == country and a.kind == "person"
                          and heads & {_role_head(r) for r in a.roles}), None)
            if match is None:
                match = Actor(id=f"a{len(actors) + 1}", name=f"{doc[tok.left_edge.i:tok.i + 1].text}",
                              kind="person", country=country, sector=owner.sector, roles=list(owner.roles))
                match.name = " ".join(t.text for t in doc[tok.left_edge.i:tok.i + 1] if t.dep_ != "poss")
                actors.append(match)
                by_id[match.id] = match
            for t in doc[tok.left_edge.i:tok.i + 1]:
                if t.dep_ != "poss":
                    actor_at[t.i] = match.id
            start = next(t for t in doc[tok.left_edge.i:tok.i + 1] if t.dep_ != "poss")
            match.mentions.append((start.idx, tok.idx + len(tok.text)))

    def _resolve_pronouns(self, doc: Doc, actors: list[Actor], actor_at: dict[int, str]) -> None:
        """he/she/his/her -> the latest person in subject position (else the latest person) within two
        sentences whose gender does not clash: "she" never goes to "Mr. Sam" or to someone an earlier
        "he" was resolved to, which is how a "she" after a man's quote finds the woman named before."""
        by_id = {a.id: a for a in actors}
        gender = self._known_genders(doc, by_id, actor_at)
        subjects: list[str] = []
        persons: list[str] = []
        last_sent = -1
        toks = list(doc)  # iterating each sentence Span would build every Token through the Doc again
        for sent_i, sent in enumerate(doc.sents):
            if sent_i - last_sent > 2:
                subjects, persons = [], []
            for tok in toks[sent.start:sent.end]:
                aid = actor_at.get(tok.i)
                if aid is not None and by_id[aid].kind == "person":
                    persons.append(aid)
                    last_sent = sent_i
                    # "China's lead negotiator, Vice Premier He Lifeng, said": the apposition is the subject
                    if _apposed_to(tok).dep_ in SUBJECT_DEPS:
                        subjects.append(aid)
                # hash and tag id first: this runs for every word of the article
                elif tok.lower in self.pronoun_ids and tok.pos == PRON and aid is None:
                    g = PRONOUN_GENDER.get(tok.lower_)
                    target = next((a for a in (*reversed(subjects), *reversed(persons))
                                   if g is None or gender.get(a, g) == g), None)
                    if target is not None:
                        if g is not None:
                            gender.setdefault(target, g)
                        actor_at[tok.i] = target
                        by_id[target].mentions.append((tok.idx, tok.idx + len(tok.text)))
        for a in actors:
            a.mentions.sort()

    @staticmethod
    def _known_genders(doc: Doc, by_id: dict[str, Actor], actor_at: dict[int, str]) -> dict[str, str]:
        """Gender the text itself gives a person: an honorific ("Mrs.", "Mr") or a gendered title
        ("spokeswoman")."""
        gender: dict[str, str] = {}
        for i, aid in actor_at.items():
            actor = by_id[aid]
            if actor.kind != "person" or aid in gender:
                continue
            for tok in (doc[i - 1], doc[i]) if i > 0 else (doc[i],):
                g = HONORIFIC_GENDER.get(tok.lower_.rstrip("."))
                if g is not None:
                    gender[aid] = g
                    break
        for actor in by_id.values():
            if actor.kind == "person" and actor.id not in gender:
                for role in actor.roles:
                    last = role.split()[-1].lower() if role.split() else ""
                    if last.endswith("woman"):
                        gender[actor.id] = "f"
                    elif last.endswith("man") and last != "woman":
                        gender[actor.id] = "m"
        return gender


def _members(prep: Token) -> bool:
    """Is this an "of" phrase naming the members of a group ("of ministers", "of seven")?"""
    return prep.dep_ == "prep" and prep.lower_ == "of" and any(
        o.dep_ == "pobj" and o.tag_ in ("NNS", "NNPS", "CD") for o in prep.children)


def _role_head(role: str) -> str:
    """The noun a title is named by: "Kremlin spokesman" -> spokesman, "aide to the President" -> aide."""
    words = role.split(" to ")[0].split()
    return words[-1].lower() if words else ""


#: prepositions after which a country or town is where something happens
PLACE_WORDS = frozenset({"in", "at", "near", "from", "to", "into", "inside", "across", "outside"})


def _apposed_to(tok: Token) -> Token:
    """The phrase a name stands in apposition to, through chains of titles: in "China's lead
    negotiator, Vice Premier He Lifeng, said" the parser hangs "Lifeng" on "Premier" and "Premier"
    on "negotiator", the subject."""
    seen = 0
    while (tok.dep_ == "appos" or (tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON")) \
            and tok.head.i != tok.i and seen < 4:
        tok, seen = tok.head, seen + 1
    return tok
