"""Tests for the ``detente_statements`` component: data files, quote pairing, and who-said-what cases.

The quote pairing and the data loader are tested without a model. The sentence cases need a parse,
so they run the packaged model with a stand-in actors layer built from spaCy's entities (the real
``detente_actors`` is tested on its own); that keeps these tests about statements only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from detente.components.statement_lexicon import DATA_DIR, ROLES, LexiconError, load_lexicon
from detente.components.statement_quotes import pair_quotes
from detente.layers import Actor, Statement, Timex
from detente.pipeline import MODEL

KIND = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}


# ---------------------------------------------------------------- data files (no model)


def test_lexicon_loads_and_follows_schema() -> None:
    lex = load_lexicon()
    assert {"say", "tell", "write", "add", "call", "propose"} <= set(lex.cues)
    assert all(c.roles and c.roles <= ROLES for c in lex.cues.values())
    assert any(p.cue == "according to" for p in lex.phrases)
    assert {"statement", "reporters", "Telegram", "X", "Truth Social", "social media post"} <= {
        c.channel for c in lex.channels
    }
    assert {"“", "«", "„", "‘", '"'} <= set(lex.marks)
    assert lex.cues["ask"].questions and lex.cues["vow"].infinitive and lex.cues["claim"].noun
    assert "statement" in lex.cues and lex.cues["statement"].roles == {"indirect"}
    assert {"update", "poll"} <= lex.not_speakers
    for name in ("cues.jsonl", "channels.jsonl", "phrases.jsonl", "quote_marks.jsonl", "not_speakers.jsonl"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)


@pytest.mark.parametrize(
    ("name", "line", "code"),
    [
        ("cues.jsonl", '{"lemma": "say", "roles": ["shouted"]}', "S003"),
        (
            "cues.jsonl",
            '{"lemma": "say", "roles": ["direct"]}\n{"lemma": "say", "roles": ["direct"]}',
            "S004",
        ),
        ("cues.jsonl", "not json", "S001"),
        ("channels.jsonl", '{"channel": "X", "pattern": "(unclosed"}', "S006"),
        ("quote_marks.jsonl", '{"open": "<>", "close": ["<>"], "family": "double"}', "S007"),
        ("quote_marks.jsonl", '{"open": "<<", "close": [">"], "family": "double"}', "S007"),
        ("phrases.jsonl", '{"words": ["per"], "cue": "per"}', "S005"),
        ("not_speakers.jsonl", '{"word": "editor note"}', "S009"),
    ],
)
def test_lexicon_rejects_bad_rows(tmp_path: Path, name: str, line: str, code: str) -> None:
    for f in DATA_DIR.glob("*.jsonl"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / name).write_text(line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=code):
        load_lexicon(tmp_path)


# ---------------------------------------------------------------- quote pairing (no model)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“A,” she said. “B ‘x’ c.”", ["A,", "B ‘x’ c."]),
        ('He said "hi there" and "bye."', ["hi there", "bye."]),
        ("«Oui», dit-il. „Ja“, sagte er.", ["Oui", "Ja"]),
        ("‘We stay,’ he said. Trump’s aides’ view.", ["We stay,"]),
        ("“First paragraph\n“Second paragraph.”", ["First paragraph", "Second paragraph."]),
        ("“Never closed. Then “closed,” he said.", ["closed,"]),
        ("“Never closed, no close at all\nNext “one.”", ["one."]),
        ("In the '90s it was 'cold' there.", ["cold"]),
        ("Ryan said,“Look, we will win.”", ["Look, we will win."]),
        # typewriter doubles: two apostrophes are one double mark, nested single quotes stay inside
        ("''I hate the word 'poor,' '' she said. ''Yes.''", ["I hate the word 'poor,' ", "Yes."]),
        ("''It aired on 'Fox News,''' said Ann. He wasn't ''sure.''", ["It aired on 'Fox News,'", "sure."]),
        ("``Go home,'' he said.", ["Go home,"]),
        ("''First paragraph\n''Second paragraph.''", ["First paragraph", "Second paragraph."]),
    ],
)
def test_pair_quotes(text: str, expected: list[str]) -> None:
    quotes = pair_quotes(text, load_lexicon().marks)
    assert [text[q.start : q.end] for q in quotes] == expected


def test_pair_quotes_is_linear_on_many_marks() -> None:
    text = " ".join(f"“Quote number {i} here,” he said." for i in range(5000)) + " “unbalanced"
    quotes = pair_quotes(text, load_lexicon().marks)
    assert len(quotes) == 5000


# ---------------------------------------------------------------- component on parsed sentences


def fill_actors(doc: Doc) -> None:
    """Test-only stand-in for ``detente_actors``: one actor per entity surname, no pronouns."""
    actors: list[Actor] = []
    by_key: dict[str, Actor] = {}
    at: dict[int, str] = {}
    for ent in doc.ents:
        if ent.label_ not in KIND:
            continue
        actor = by_key.get(ent[-1].text)
        if actor is None:
            actor = Actor(id=f"a{len(actors) + 1}", name=ent.text, kind=KIND[ent.label_])
            actors.append(actor)
            by_key[ent[-1].text] = actor
        actor.mentions.append((ent.start_char, ent.end_char))
        for tok in ent:
            at[tok.i] = actor.id
    doc._.actors = actors
    doc._.actor_at = at


@pytest.fixture(scope="module")
def snlp() -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("detente_statements")
    return nlp


@pytest.fixture(scope="module")
def statements_of(snlp: Language):
    def _run(text: str, timexes: tuple[str, ...] = ()) -> tuple[Doc, list[Statement], dict[str, str]]:
        with snlp.select_pipes(disable=["detente_statements"]):
            doc = snlp(text)
        fill_actors(doc)
        doc._.timexes = []
        for k, phrase in enumerate(timexes, 1):
            start = text.index(phrase)
            doc._.timexes.append(Timex(f"t{k}", start, start + len(phrase), phrase, "DATE", "2025-05-17"))
        doc = snlp.get_pipe("detente_statements")(doc)
        names = {a.id: a.name for a in doc._.actors}
        return doc, doc._.statements, names

    return _run


# (kind, content, speaker name or None, cue)
CASES: list[tuple[str, list[tuple[str, str, str | None, str | None]]]] = [
    # quote styles, cue after
    (
        '"We will not retreat," Macron said on Tuesday.',
        [("direct", "We will not retreat,", "Macron", "said")],
    ),
    ("“We will not retreat,” Macron said.", [("direct", "We will not retreat,", "Macron", "said")]),
    ("‘We will not retreat,’ Macron said.", [("direct", "We will not retreat,", "Macron", "said")]),
    ("«We will not retreat», Macron said.", [("direct", "We will not retreat", "Macron", "said")]),
    ("„We will not retreat“, Macron said.", [("direct", "We will not retreat", "Macron", "said")]),
    (
        '"It is over," said Kremlin spokesman Dmitry Peskov.',
        [("direct", "It is over,", "Dmitry Peskov", "said")],
    ),
    # cue before, several sentences
    (
        "Macron said: “We will not retreat. We will fight on.”",
        [("direct", "We will not retreat. We will fight on.", "Macron", "said")],
    ),
    # cue in the middle: new sentence -> continuation, same sentence -> same cue
    (
        "Angela Merkel arrived. “We are ready,” she said. “The talks will continue.”",
        [
            ("direct", "We are ready,", "Angela Merkel", "said"),
            ("direct", "The talks will continue.", "Angela Merkel", None),
        ],
    ),
    (
        "“We are ready,” Scholz said, “and we will stay ready.”",
        [
            ("direct", "We are ready,", "Scholz", "said"),
            ("direct", "and we will stay ready.", "Scholz", "said"),
        ],
    ),
    # continuation in the next paragraph, and a multi-paragraph quote without a closing mark
    (
        "“We are ready to host the talks,” Erdogan said.\n“Turkey will do its part.”",
        [
            ("direct", "We are ready to host the talks,", "Erdogan", "said"),
            ("direct", "Turkey will do its part.", "Erdogan", None),
        ],
    ),
    (
        "Erdogan said: “We are ready to host the talks.\n“Turkey will do its part.”",
        [
            ("direct", "We are ready to host the talks.", "Erdogan", "said"),
            ("direct", "Turkey will do its part.", "Erdogan", None),
        ],
    ),
    # nested quotes stay inside
    (
        "“Stop the ‘bloodbath’ now,” Zelensky wrote.",
        [("direct", "Stop the ‘bloodbath’ now,", "Zelensky", "wrote")],
    ),
    # partial quotes
    (
        "Putin proposed holding negotiations “without preconditions” on Friday.",
        [("partial", "without preconditions", "Putin", "proposed")],
    ),
    (
        "Biden promised to end what he called “a war that should never have happened.”",
        [("partial", "a war that should never have happened.", "Biden", "called")],
    ),
    (
        "Peskov declined to comment, telling reporters that negotiations “are taking place behind closed doors.”",
        [
            ("partial", "are taking place behind closed doors.", "Peskov", "telling"),
        ],
    ),
    (
        "Chancellor Olaf Scholz wrote that the new arms agreement “will change everything.”",
        [
            ("indirect", "the new arms agreement", "Olaf Scholz", "wrote"),
            ("partial", "will change everything.", "Olaf Scholz", "wrote"),
        ],
    ),
    (
        "President Joe Biden congratulated both sides, writing that the swap “was just completed” and more"
        " would follow.",
        [("partial", "was just completed", "Joe Biden", "writing")],
    ),
    # indirect speech
    (
        "The army will withdraw from the city, Shoigu said.",
        [("indirect", "The army will withdraw from the city", "Shoigu", "said")],
    ),
    (
        "Stoltenberg stressed that NATO is a defensive alliance.",
        [("indirect", "NATO is a defensive alliance", "Stoltenberg", "stressed")],
    ),
    (
        "Biden denied that the United States had supplied the missiles.",
        [("indirect", "the United States had supplied the missiles", "Biden", "denied")],
    ),
    (
        "Peskov added that Russia plans to present a list of conditions.",
        [("indirect", "Russia plans to present a list of conditions", "Peskov", "added")],
    ),
    (
        "Zelensky said in a statement that Ukraine would send a delegation.",
        [("indirect", "Ukraine would send a delegation", "Zelensky", "said")],
    ),
    (
        "Lavrov was quoted as saying that Moscow was open to dialogue.",
        [("indirect", "Moscow was open to dialogue", "Lavrov", "saying")],
    ),
    (
        "Blinken met Wang Yi in Beijing, telling reporters that both sides wanted stability.",
        [("indirect", "both sides wanted stability", "Blinken", "telling")],
    ),
    (
        "Peskov did not rule out a meeting, saying it would depend on the prisoner exchange.",
        [("indirect", "it would depend on the prisoner exchange", "Peskov", "saying")],
    ),
    # according to
    (
        "The army will withdraw from the city, according to NATO.",
        [("indirect", "The army will withdraw from the city", "NATO", "according to")],
    ),
    (
        "According to NATO, Russian troops crossed the border.",
        [("indirect", "Russian troops crossed the border", "NATO", "according to")],
    ),
    # pronoun speakers the actors layer left open
    (
        "Macron met Scholz in Berlin. He said the two countries would coordinate.",
        [("indirect", "the two countries would coordinate", "Macron", "said")],
    ),
    (
        "The Kremlin issued a statement. It said the talks had been useful.",
        [("indirect", "the talks had been useful", "Kremlin", "said")],
    ),
    # a cue clause set off by commas reports the rest of its sentence, one statement per side
    (
        "The ceasefire, Peskov said, would hold until Monday.",
        [
            ("indirect", "The ceasefire", "Peskov", "said"),
            ("indirect", "would hold until Monday", "Peskov", "said"),
        ],
    ),
    (
        "In the end, Peskov said, the talks would resume in Istanbul.",
        [("indirect", "the talks would resume in Istanbul", "Peskov", "said")],
    ),
    (
        "The talks will resume in Istanbul next week, his spokesman, Dmitry Peskov, told reporters.",
        [("indirect", "The talks will resume in Istanbul next week", "Dmitry Peskov", "told")],
    ),
    (
        "As Reuters reported, the talks collapsed on Friday.",
        [("indirect", "the talks collapsed on Friday", "Reuters", "reported")],
    ),
    (
        "The talks collapsed on Friday, as Reuters reported.",
        [("indirect", "The talks collapsed on Friday", "Reuters", "reported")],
    ),
    # ... but a modifier of the cue is not what was said
    ("When he won, Trump said hello.", []),
    ("In 2015, Trump announced his candidacy.", []),
    # a speaker's name and a colon opening a line (headline and transcript style)
    (
        "Zelensky: Ukraine will not give up its land\nThe president spoke on Monday.",
        [("indirect", "Ukraine will not give up its land", "Zelensky", ":")],
    ),
    ("Update: The talks resumed on Monday.", []),
    ("Donald Trump: The Man Behind the Curtain\nHe was born in New York.", []),
    # questions; a passive participle cue has no speaker of its own
    (
        "Macron asked whether the talks would resume.",
        [("indirect", "whether the talks would resume", "Macron", "asked")],
    ),
    ("Asked if he would run again, Macron said no.", [("indirect", "if he would run again", None, "Asked")]),
    # a reported clause the parser made an xcomp
    (
        "Emmanuel Macron said legalizing it could put thousands of people to work.",
        [("indirect", "legalizing it could put thousands of people to work", "Emmanuel Macron", "said")],
    ),
    # what was promised or claimed "to" do; nouns of saying with a "that" clause
    (
        "President Donald Trump vowed to impose a tariff on Mexican cars.",
        [("indirect", "to impose a tariff on Mexican cars", "Donald Trump", "vowed")],
    ),
    (
        "Kyiv rejected Moscow's claim that the strike hit a military base.",
        [("indirect", "the strike hit a military base", "Moscow", "claim")],
    ),
    (
        "Lavrov repeated that Russia was open to talks.",
        [("indirect", "Russia was open to talks", "Lavrov", "repeated")],
    ),
    # words before a quote that end in a function word say nothing on their own
    ("Trump asked whether it could lead to “something big.”", [("partial", "something big.", "Trump", "asked")]),
    # not statements: titles, scare quotes, a single word, unbalanced marks keep the rest
    ("Trump watched “The Apprentice” last night.", []),
    ("The so-called “peace plan” was rejected by Kyiv.", []),
    # …but one quoted word after "as" is the speaker's own characterization
    ("Officials described the mood as “tense” after the meeting.", [("partial", "tense", None, "described")]),
    (
        "“Unbalanced quote here. Macron said the talks would resume.",
        [("indirect", "the talks would resume", "Macron", "said")],
    ),
    # typewriter double marks ('' … ''), a nested single quote closing with them
    (
        "''We will not retreat,'' Macron said. ''It aired on 'Fox News,''' said Anna Smith.",
        [
            ("direct", "We will not retreat,", "Macron", "said"),
            ("direct", "It aired on 'Fox News,'", "Anna Smith", "said"),
        ],
    ),
    # a scare-quoted word that ends reported speech stays in it (it is no statement of its own)
    (
        "Rubio said that the reforms did not amount to “amnesty.”",
        [("indirect", "the reforms did not amount to “amnesty.”", "Rubio", "said")],
    ),
    # a "that" clause hung deep inside the channel phrase
    (
        "Estrosi said in one of a series of Twitter messages that the truck was carrying arms.",
        [("indirect", "the truck was carrying arms", "Estrosi", "said")],
    ),
    # a second cue verb of the same speaker ends the first one's words; a verb of the content does not
    (
        "Lavrov said the talks were useful and said that a deal was close.",
        [("indirect", "the talks were useful", "Lavrov", "said")],
    ),
    (
        "Scholz told reporters that Germany would not send troops, conceding the point to Macron.",
        [("indirect", "Germany would not send troops", "Scholz", "told")],
    ),
    (
        "Kasich says he would sit Putin down and tell him to stop.",
        [("indirect", "he would sit Putin down and tell him to stop", "Kasich", "says")],
    ),
    # "as" clauses after a conjunction or in the passive
    (
        "But as the paper noted, the talks failed on Friday.",
        [("indirect", "the talks failed on Friday", None, "noted")],
    ),
    (
        "As reported by Reuters, the talks collapsed on Friday.",
        [("indirect", "the talks collapsed on Friday", "Reuters", "reported")],
    ),
    # requests and instructions reported with an object and a "to" clause
    (
        "Macron urged Scholz to send more tanks.",
        [("indirect", "Scholz to send more tanks", "Macron", "urged")],
    ),
    # a cue clause after a quoted phrase that ends in a comma
    (
        'Despite his "brash manner," lawyer Anna Quill wrote, Lazar is a devoted father.',
        [("indirect", "Lazar is a devoted father", "Anna Quill", "wrote")],
    ),
    # whole quoted sentences after a colon with no cue verb: the colon is the cue
    (
        "The result did not surprise pollster Daron Shaw: “Lesser-known candidates often gain the most.”",
        [("direct", "Lesser-known candidates often gain the most.", "Daron Shaw", ":")],
    ),
    ("Related: “Trump wins the Nevada caucus.”", []),
    ("The plan had one goal: “peace.”", []),
    # a reply or a pronoun object stands for the words, after a cue marked "answers"
    ("Asked whether he would resign, Shoigu said no.", [("indirect", "no", "Shoigu", "said")]),
    (
        "Most Germans said yes, and 55 percent of the French said the same of Macron.",
        [("indirect", "yes", "Germans", "said"), ("indirect", "the same of Macron", "French", "said")],
    ),
    ("Peskov denied it on Monday.", [("indirect", "it", "Peskov", "denied")]),
    # not a reply: "so far" opens the reported clause, "it" added to a list is no statement
    ("Peskov said so far the talks had gone well.", [("indirect", "so far the talks had gone well", "Peskov", "said")]),
    ("Erdogan added it to the agenda.", []),
    # one quoted word after "as" names what was said of the thing ("dismissed … as “fabrications”")
    (
        "Alemu dismissed the reports as “fabrications” on Monday.",
        [("partial", "fabrications", None, "dismissed")],
    ),
    ("He said the plan was “dead” on arrival.", [("indirect", "the plan was “dead” on arrival", None, "said")]),
    # a cue clause that closes its sentence reports all before it, however the parser hung that
    (
        "As Putin prepared to speak in Minsk on Tuesday, a girl outside the venue was pepper-sprayed "
        "by another bystander, police said.",
        [("indirect", "As Putin prepared to speak in Minsk on Tuesday, a girl outside the venue was "
          "pepper-sprayed by another bystander", None, "said")],
    ),
    # …but a cue with an object of its own is modified by the clause before it, not reporting it
    ("As the talks stalled, Erdogan proposed a new round in Istanbul.", []),
    # a verb left open before an inserted cue clause is completed behind it
    (
        "It was, Zelensky said, one of the hardest days of the war.",
        [
            ("indirect", "It was", "Zelensky", "said"),
            ("indirect", "one of the hardest days of the war", "Zelensky", "said"),
        ],
    ),
    # a cue joined by "and" to a past-tense verb keeps its subject, whatever its tense
    (
        "Reid caucused in Nevada on Saturday and says he voted for Sanders.",
        [("indirect", "he voted for Sanders", "Reid", "says")],
    ),
]


def test_new_rules_exclude_what_they_should(statements_of) -> None:
    """Rules with a negative side: no adverbial piece, no dangling head before a quote."""
    _doc, found, _names = statements_of("In the end, Peskov said, the talks would resume in Istanbul.")
    assert all(not s.text.startswith("In the end") for s in found)
    _doc, found, _names = statements_of("Trump asked whether it could lead to “something big.”")
    assert [s.kind for s in found] == ["partial"]


@pytest.mark.slow
def test_second_cue_of_the_speaker_is_its_own_statement(statements_of) -> None:
    _doc, found, names = statements_of("Lavrov said the talks were useful and said that a deal was close.")
    assert sorted(s.text for s in found) == ["a deal was close", "the talks were useful"]
    assert [names.get(s.speaker or "") for s in found] == ["Lavrov", "Lavrov"]  # both his, not the talks'


def _check_invariants(doc: Doc, found: list[Statement]) -> None:
    assert [s.id for s in found] == [f"s{k}" for k in range(1, len(found) + 1)]
    assert [(s.start_char, s.end_char) for s in found] == sorted((s.start_char, s.end_char) for s in found)
    for s in found:
        assert doc.text[s.start_char : s.end_char] == s.text
        assert s.text == s.text.strip()
        assert s.kind in ROLES


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_statement_cases(statements_of, text: str, expected: list[tuple]) -> None:
    doc, found, names = statements_of(text)
    _check_invariants(doc, found)
    got = {(s.kind, s.text, names.get(s.speaker), s.cue) for s in found}
    if not expected:
        assert got == set()
    for item in expected:
        assert item in got, f"missing {item}; got {sorted(got, key=str)}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("“We will win,” Trump wrote in a post on social media.", "social media post"),
        ("“We will win,” Trump wrote on Truth Social.", "Truth Social"),
        ("Shoigu warned on Telegram that the strikes would continue.", "Telegram"),
        ("Musk wrote on X that the deal was done.", "X"),
        ("“Today, almost 400 people are home,” Zelensky said in his nightly video address.", "video address"),
        ("Putin said in a televised address that Russia would respond.", "televised address"),
        ("Erdogan told reporters that Turkey was ready to mediate.", "reporters"),
        ("Lavrov said at a news conference that Moscow was open to dialogue.", "news conference"),
        ("Zelensky said in a statement that Ukraine would send a delegation.", "statement"),
        ("Sanchez said in an interview that Spain would increase spending.", "interview"),
        ("The army will withdraw, Shoigu said.", None),
    ],
)
def test_channels(statements_of, text: str, channel: str | None) -> None:
    _doc, found, _names = statements_of(text)
    assert found
    assert found[0].channel == channel


@pytest.mark.slow
def test_time_is_a_timex_in_the_cue_clause_outside_the_content(statements_of) -> None:
    text = "“I will call Putin on Monday,” Trump wrote in a post on social media on May 17."
    _doc, found, _names = statements_of(text, timexes=("Monday", "May 17"))
    assert [(s.kind, s.time, s.channel) for s in found] == [("direct", "t2", "social media post")]


@pytest.mark.slow
def test_real_article_shape(statements_of) -> None:
    text = (
        "President Donald Trump said he plans to speak with Putin on Monday.\n"
        "“I will be speaking to President Vladimir Putin,” Trump wrote. “The subjects of the call will be, "
        "stopping the ‘bloodbath’ and trade.”\n"
        "Trump added that he would then speak with NATO allies."
    )
    doc, found, names = statements_of(text)
    _check_invariants(doc, found)
    assert [(s.kind, names.get(s.speaker), s.cue) for s in found] == [
        ("indirect", "Donald Trump", "said"),
        ("direct", "Donald Trump", "wrote"),
        ("direct", "Donald Trump", None),
        ("indirect", "Donald Trump", "added"),
    ]
    assert "‘bloodbath’" in found[2].text


@pytest.mark.slow
def test_hundreds_of_quote_marks_in_one_article(statements_of) -> None:
    paragraphs = [f"“Point number {i} is settled,” Macron said." for i in range(250)]
    paragraphs.insert(100, "“This one never closes, and the article goes on.")
    doc, found, _names = statements_of("\n".join(paragraphs))
    _check_invariants(doc, found)
    direct = [s for s in found if s.kind == "direct" and s.cue == "said"]
    assert len(direct) == 250


@pytest.mark.slow
def test_cue_clause_hung_as_adverbial_closes_its_sentence(snlp: Language) -> None:
    """The parser sometimes makes "…, Zelensky said." an adverbial clause of the verb before it."""

    def parsed(extra: list[str]) -> Doc:
        words = ["Ukraine", "will", "hold", "the", "line", ",", *extra, "Zelensky", "said", "."]
        k = len(extra)
        heads = [2, 2, 2, 4, 2, 2] + [7 + k] * k + [7 + k, 2, 2]
        deps = ["nsubj", "aux", "ROOT", "det", "dobj", "punct"] + ["mark"] * k + ["nsubj", "advcl", "punct"]
        pos = ["PROPN", "AUX", "VERB", "DET", "NOUN", "PUNCT"] + ["SCONJ"] * k + ["PROPN", "VERB", "PUNCT"]
        tags = ["NNP", "MD", "VB", "DT", "NN", ","] + ["IN"] * k + ["NNP", "VBD", "."]
        lemmas = ["Ukraine", "will", "hold", "the", "line", ",", *extra, "Zelensky", "say", "."]
        doc = Doc(snlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
        doc._.actors, doc._.actor_at, doc._.timexes = [], {}, []
        return snlp.get_pipe("detente_statements")(doc)

    assert [(s.text, s.cue) for s in parsed([])._.statements] == [("Ukraine will hold the line", "said")]
    assert parsed(["because"])._.statements == []  # a subordinate clause is no insertion


def test_context_lookups_agree_with_a_scan() -> None:
    """``Context.tokens`` and ``Context.covered`` bisect instead of scanning; they must say the same."""
    from detente.components.statement_speech import Context

    nlp = spacy.blank("en")
    text = "“One,” he said. Then “two three” and four, “five.” Six seven “eight”"
    doc = nlp(text)
    ctx = Context(doc, load_lexicon())
    spans = [(q.open, q.stop) for q in pair_quotes(text, load_lexicon().marks)]
    assert ctx.covered(spans) == [any(s <= t.idx < e for s, e in spans) for t in doc]
    for lo in range(0, len(text) + 1, 3):
        for hi in range(lo, len(text) + 2, 4):
            assert [t.i for t in ctx.tokens(lo, hi)] == [t.i for t in doc if lo <= t.idx < hi]


def test_context_time_agrees_with_a_scan() -> None:
    """``Context.time`` bisects the timexes; it must pick what a pass over all of them picks: the
    first timex wholly inside one of the segments."""
    import random

    from detente.components.statement_speech import Context

    doc = spacy.blank("en")("x " * 100)
    rng = random.Random(5)
    starts = sorted(rng.sample(range(190), 25))
    doc._.timexes = [Timex(f"t{k}", s, s + rng.randint(1, 12), "x", "DATE", "2025") for k, s in enumerate(starts)]
    ctx = Context(doc, load_lexicon())
    for _ in range(300):
        segments = [tuple(sorted(rng.sample(range(200), 2))) for _ in range(rng.randint(1, 3))]
        scan = next(
            (t.id for t in ctx.timexes if any(s <= t.start_char and t.end_char <= e for s, e in segments)), None
        )
        assert ctx.time(segments) == scan


@pytest.mark.slow
def test_colon_source_is_the_line_label_or_the_name_before_the_colon(statements_of) -> None:
    from detente.components.statement_speech import Context

    text = "Angela Merkel: “The talks will go on.”\nHere is Olaf Scholz in 2022: “Our new direction is clear.”"
    doc, found, names = statements_of(text)
    assert [(s.kind, s.cue, names.get(s.speaker)) for s in found] == [
        ("direct", ":", "Angela Merkel"),
        ("direct", ":", "Olaf Scholz"),
    ]
    ctx = Context(doc, load_lexicon())
    sources = [ctx.source_span(s.cue_span) for s in found]
    assert [text[s:e] for s, e in sources] == ["Angela Merkel", "Olaf Scholz"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kept", "not_cue"),
    [
        # an "as" clause of demanding after reported words: the words stay the reporter's
        ("Spokesman Lawrence Kanyuka said the rebels would not withdraw from the cities, as Kinshasa demands, and "
         "insisted that the government free 700 prisoners.", ("the rebels would not withdraw from the cities",
                                                            "Lawrence Kanyuka"), "demands"),
        # a denial in a relative clause after an accusation reported by another
        ("He repeated Kinshasa's accusation that Rwanda arms the rebels, a charge Kigali has denied.",
         ("Rwanda arms the rebels", None), "denied"),
        # a clause before a semicolon is no complement of the verb after it
        ("The Pakistani military claimed that 200 fighters died; the Taliban acknowledged nine deaths.",
         ("200 fighters died", "Pakistani"), "acknowledged"),
    ],
)
def test_an_inserted_cue_does_not_take_words_another_cue_reports(statements_of, text, kept, not_cue) -> None:
    _doc, found, names = statements_of(text)
    assert not [s.text for s in found if s.cue == not_cue], [(s.cue, s.text) for s in found]
    content, speaker = kept
    hit = [s for s in found if s.text.startswith(content)]
    assert hit, [(s.cue, s.text) for s in found]
    if speaker is not None:
        assert speaker in (names.get(hit[0].speaker) or "")


@pytest.mark.slow
def test_a_cue_in_a_relative_clause_leaves_the_inserted_cue_its_words(statements_of) -> None:
    _doc, found, names = statements_of("The U.S. military struck a boat it said was carrying drugs, killing three "
                                       "people, President Donald Trump said.")
    assert any(s.cue == "said" and s.text.startswith("The U.S. military struck a boat")
               and "Trump" in (names.get(s.speaker) or "") for s in found), [(s.cue, s.text) for s in found]


@pytest.mark.slow
def test_an_as_clause_after_a_parenthetical_cue_leaves_that_speaker_his_words(statements_of) -> None:
    _doc, found, _names = statements_of("Ukraine has retaken the village, Zelenskiy said, as Russia claimed "
                                       "advances elsewhere.")
    assert not [s for s in found if s.cue == "claimed" and "retaken" in s.text], [(s.cue, s.text) for s in found]
    assert any(s.text == "Ukraine has retaken the village" and s.cue == "said" for s in found)
