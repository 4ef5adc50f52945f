"""The ``detente_actors`` component: one actor per real-world participant in an article.

Mentions (``actor_mentions``) are merged by key: the actor dictionary's id when it knows the name
(so Zelensky / Zelenskyy / Zelenskiy merge), a transliteration-folded last name for other people,
the ISO code for states and their metonyms. A bare surname the NER mislabelled (GPE/ORG) joins the
person whose last name it is. Personal pronouns are resolved to the most recent person in subject
position, which is how news prose usually continues a speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from detente.components.actor_mentions import ActorRules, Mention, MentionFinder, fold_name
from detente.components.lexicon import ActorLexicon
from detente.doc import anchor_date, layer
from detente.layers import Actor

SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@Language.factory(
    "detente_actors",
    assigns=["doc._.actors", "doc._.actor_at"],
    default_config={"extra_dictionaries": []},
)
def make_actors(nlp: Language, name: str, extra_dictionaries: Sequence[str]) -> ActorsComponent:
    return ActorsComponent(ActorLexicon.load([Path(p) for p in extra_dictionaries]), ActorRules.load())


class ActorsComponent:
    """Doc -> Doc: fills ``doc._.actors`` and the token -> actor map ``doc._.actor_at``."""

    def __init__(self, lexicon: ActorLexicon, rules: ActorRules) -> None:
        self.lexicon = lexicon
        self.rules = rules
        self.finder = MentionFinder(lexicon, rules)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.finder.find(doc, anchor_date(doc))
        mentions = self._merge_surnames(mentions)
        groups = self._group(mentions)
        actors, actor_at = self._build(doc, groups)
        self._resolve_aides(actors, groups)
        self._resolve_pronouns(doc, actors, actor_at)
        layer(doc, "actors").extend(actors)
        layer(doc, "actor_at").update(actor_at)
        return doc

    def _merge_surnames(self, mentions: list[Mention]) -> list[Mention]:
        """Give a bare surname (any label) the key of the person it names."""
        people: dict[str, str] = {}
        for m in mentions:
            if m.kind == "person":
                people.setdefault(fold_name(m.name.split()[-1]), m.key)
                if m.entry is not None:
                    for alias in (m.entry.name, *m.entry.aliases):
                        people.setdefault(fold_name(alias.split()[-1]), m.key)
        for m in mentions:
            if m.kind in ("organization", "state", "unknown") and m.entry is None and len(m.name.split()) == 1:
                key = people.get(fold_name(m.name))
                if key is not None:
                    m.kind, m.key = "person", key
            elif m.kind == "person" and m.key.startswith("person:"):
                m.key = people.get(fold_name(m.name.split()[-1]), m.key)
        return [m for m in mentions if m.kind != "unknown"]

    @staticmethod
    def _group(mentions: list[Mention]) -> list[list[Mention]]:
        order: list[str] = []
        by_key: dict[str, list[Mention]] = {}
        for m in mentions:
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

    def _resolve_pronouns(self, doc: Doc, actors: list[Actor], actor_at: dict[int, str]) -> None:
        """he/she/his/her -> the latest person in subject position (else the latest person)."""
        by_id = {a.id: a for a in actors}
        last_subject: str | None = None
        last_person: str | None = None
        last_sent = -1
        for sent_i, sent in enumerate(doc.sents):
            if sent_i - last_sent > 2:
                last_subject = last_person = None
            for tok in sent:
                aid = actor_at.get(tok.i)
                if aid is not None and by_id[aid].kind == "person":
                    last_person = aid
                    last_sent = sent_i
                    if tok.dep_ in SUBJECT_DEPS:
                        last_subject = aid
                elif tok.lower_ in self.rules.person_pronouns and tok.pos_ == "PRON" and aid is None:
                    target = last_subject or last_person
                    if target is not None:
                        actor_at[tok.i] = target
                        by_id[target].mentions.append((tok.idx, tok.idx + len(tok.text)))
        for a in actors:
            a.mentions.sort()
