"""Sentence cases for general-English rows of ``stances/cues.jsonl``: attitude verbs, adjectives
after a copula and nouns with their frames. Each case checks the kind, the position and the
holder, and a literal or non-attitude use of the word (or its context) that must yield nothing.
"""

from __future__ import annotations

import pytest


def _found(doc) -> list[tuple[str, str, str | None, str]]:
    """(kind, cue, holder words, position) per stance."""
    return [
        (p.kind, p.cue, None if p.holder_span is None else doc.text[slice(*p.holder_span)], p.text)
        for p in doc._.stances
    ]


def _by_cue(doc, cue: str):
    hits = [p for p in doc._.stances if p.cue == cue]
    assert len(hits) == 1, _found(doc)
    return hits[0]


# ---------------------------------------------------------------- verbs


@pytest.mark.parametrize(
    ("text", "cue", "kind", "holder", "position"),
    [
        (
            "Several governors balked at the new ceasefire terms.",
            "balked",
            "opposition",
            "Several governors",
            "the new ceasefire terms",
        ),
        (
            "The minister distanced himself from the army's statement.",
            "distanced",
            "opposition",
            "The minister",
            "the army's statement",
        ),
        ("The envoy insulted the Iranian delegation.", "insulted", "opposition", "The envoy", "the Iranian delegation"),
        ("The party repudiated the armistice.", "repudiated", "opposition", "The party", "the armistice"),
        ("The senator likened the accord to a surrender.", "likened", "characterization", "The senator", "the accord"),
        (
            "The president is trumpeting the new trade pact.",
            "trumpeting",
            "support",
            "The president",
            "the new trade pact",
        ),
        (
            "Officials are mulling a new round of sanctions.",
            "mulling",
            "topic",
            "Officials",
            "a new round of sanctions",
        ),
        ("Most voters chose to back the ceasefire.", "chose", "intention", "Most voters", "to back the ceasefire"),
        (
            "Several states opted to stay out of the coalition.",
            "opted",
            "intention",
            "Several states",
            "to stay out of the coalition",
        ),
        ("The analysts foresee a long stalemate.", "foresee", "belief", "The analysts", "a long stalemate"),
        ("Diplomats fret that the truce will collapse.", "fret", "belief", "Diplomats", "the truce will collapse"),
        ("Moscow bristled at the new sanctions.", "bristled", "opposition", "Moscow", "the new sanctions"),
        ("Many Israelis sympathize with the protesters.", "sympathize", "support", "Many Israelis", "the protesters"),
        ("Poland has sided against the proposal.", "sided", "opposition", "Poland", "the proposal"),
        ("Few countries condone the occupation.", "condone", "support", "Few countries", "the occupation"),
        ("Seoul hopes for a quick resolution.", "hopes", "desire", "Seoul", "a quick resolution"),
        ("The coalition accepted the truce proposal.", "accepted", "support", "The coalition", "the truce proposal"),
        ("Voters are convinced that the war will end soon.", "convinced", "belief", "Voters", "the war will end soon"),
        ("The minister is considering new sanctions.", "considering", "topic", "The minister", "new sanctions"),
        ("The Kremlin has acquiesced to the demands.", "acquiesced", "support", "The Kremlin", "the demands"),
        ("Kyiv will reconsider its position.", "reconsider", "topic", "Kyiv", "its position"),
        ("The prime minister opened up about his doubts.", "opened", "topic", "The prime minister", "his doubts"),
        ("Many voters identify with the rebels.", "identify", "support", "Many voters", "the rebels"),
        ("The party is renouncing its former allies.", "renouncing", "opposition", "The party", "its former allies"),
        ("The president regrets the decision.", "regrets", "belief", "The president", "the decision"),
        (
            "Several hardliners fumed over the concessions.",
            "fumed",
            "opposition",
            "Several hardliners",
            "the concessions",
        ),
        ("Israel mistrusts the mediators.", "mistrusts", "opposition", "Israel", "the mediators"),
        ("The prime minister disowned the remarks.", "disowned", "opposition", "The prime minister", "the remarks"),
        ("Belgrade snubbed the summit.", "snubbed", "opposition", "Belgrade", "the summit"),
        ("Many have soured on the war.", "soured", "opposition", "Many", "the war"),
        ("Officials are clamoring for more aid.", "clamoring", "desire", "Officials", "more aid"),
        ("People prayed for peace.", "prayed", "desire", "People", "peace"),
    ],
)
def test_verb_rows(run_doc, text: str, cue: str, kind: str, holder: str, position: str) -> None:
    doc = run_doc(text)
    p = _by_cue(doc, cue)
    assert (p.kind, doc.text[slice(*p.holder_span)], p.text) == (kind, holder, position)
    assert not p.negated


def test_verb_rows_read_negation(run_doc) -> None:
    p = _by_cue(run_doc("Ankara did not balk at the new terms."), "balk")
    assert (p.kind, p.text, p.negated) == ("opposition", "the new terms", True)


@pytest.mark.parametrize(
    "text",
    [
        "The hammer hit the nail.",  # a hammer, no attack in words
        "Workers hammered the steel plates.",  # "hammer" needs a person or an idea as its target
        "The troops were seeking shelter.",  # a force and a bare noun: no position
        "The troops accepted new recruits.",  # a force's acceptance is no position
        "The army chose a new route.",  # "choose" takes only an infinitive
        "The market opened about an hour later.",  # "open up about" only
        "Nomads dwell in tents.",  # "dwell on" only
        "The soldiers balked.",  # no "at" phrase, no position
    ],
)
def test_literal_uses_yield_no_row_stance(run_doc, text: str) -> None:
    new_cues = {"hammer", "hammered", "seeking", "accepted", "chose", "opened", "dwell", "balked"}
    found = _found(run_doc(text))
    assert not [f for f in found if f[1] in new_cues], found


def test_hammer_keeps_an_attack_in_words(run_doc) -> None:
    p = _by_cue(run_doc("Erdogan has hammered Netanyahu for weeks."), "hammered")
    assert p.kind == "opposition"
    assert p.text.startswith("Netanyahu")


# ---------------------------------------------------------------- adjectives after a copula


@pytest.mark.parametrize(
    ("text", "cue", "kind", "holder", "position"),
    [
        ("Tehran is sympathetic to the rebels.", "sympathetic", "support", "Tehran", "the rebels"),
        (
            "The commander is unhappy with the pace of the talks.",
            "unhappy",
            "opposition",
            "The commander",
            "the pace of the talks",
        ),
        ("Washington is furious at the decision.", "furious", "opposition", "Washington", "the decision"),
        ("Paris is keen to restart negotiations.", "keen", "desire", "Paris", "to restart negotiations"),
        ("The cabinet is nervous about the vote.", "nervous", "belief", "The cabinet", "the vote"),
        ("Parliament is averse to new commitments.", "averse", "opposition", "Parliament", "new commitments"),
        ("Kyiv is grateful for the support.", "grateful", "support", "Kyiv", "the support"),
        ("The senator is dismissive of the peace plan.", "dismissive", "opposition", "The senator", "the peace plan"),
        ("Investors are bullish about a ceasefire.", "bullish", "belief", "Investors", "a ceasefire"),
        ("Residents are scared of new air strikes.", "scared", "belief", "Residents", "new air strikes"),
        ("Residents are desperate for food and water.", "desperate", "desire", "Residents", "food and water"),
        ("Europe is frightened that the war will spread.", "frightened", "belief", "Europe", "the war will spread"),
        ("Officials are upbeat about the talks.", "upbeat", "belief", "Officials", "the talks"),
        ("The board is sceptical about the plan.", "sceptical", "opposition", "The board", "the plan"),
        ("The senator is mindful of the risks.", "mindful", "belief", "The senator", "the risks"),
        ("Voters are ambivalent about the war.", "ambivalent", "belief", "Voters", "the war"),
        ("Kyiv is disinclined to negotiate.", "disinclined", "intention", "Kyiv", "to negotiate"),
        (
            "The president is insistent on a full withdrawal.",
            "insistent",
            "desire",
            "The president",
            "a full withdrawal",
        ),
        ("The general is amenable to a truce.", "amenable", "support", "The general", "a truce"),
    ],
)
def test_adjective_rows(run_doc, text: str, cue: str, kind: str, holder: str, position: str) -> None:
    doc = run_doc(text)
    p = _by_cue(doc, cue)
    assert (p.kind, doc.text[slice(*p.holder_span)], p.text) == (kind, holder, position)


@pytest.mark.parametrize(
    "text",
    [
        "The door is open to the public.",  # "open" is no attitude
        "The pilots are ready to fly.",  # readiness is no intention row
        "The soldier leaned toward the window.",  # leaning is no preference row
        "The keen blade cut the rope.",  # an adjective before its noun takes no complement
    ],
)
def test_adjectives_without_an_attitude_yield_nothing(run_doc, text: str) -> None:
    assert run_doc(text)._.stances == [], _found(run_doc(text))


# ---------------------------------------------------------------- nouns


@pytest.mark.parametrize(
    ("text", "cue", "kind", "holder", "position"),
    [
        ("His embrace of the hardline camp surprised allies.", "embrace", "support", "His", "the hardline camp"),
        ("Her passion for human rights is well known.", "passion", "support", "Her", "human rights"),
        ("Iran's bid to join the bloc failed.", "bid", "intention", "Iran", "to join the bloc"),
        ("The general's intent to resign was clear.", "intent", "intention", "The general", "to resign"),
        ("Kyiv's unwillingness to cede land is firm.", "unwillingness", "intention", "Kyiv", "to cede land"),
        ("His misgivings about the deal are public.", "misgivings", "opposition", "His", "the deal"),
        ("The ambassador launched a tirade against NATO.", "tirade", "opposition", "The ambassador", "NATO"),
        ("The council made a request for observers.", "request", "desire", "The council", "observers"),
        (
            "The leaders exchanged messages about the prisoner swap.",
            "messages",
            "topic",
            "The leaders",
            "the prisoner swap",
        ),
    ],
)
def test_noun_rows(run_doc, text: str, cue: str, kind: str, holder: str, position: str) -> None:
    doc = run_doc(text)
    p = _by_cue(doc, cue)
    assert (p.kind, doc.text[slice(*p.holder_span)], p.text) == (kind, holder, position)


def test_received_nouns_take_the_giver_as_holder(run_doc) -> None:
    doc = run_doc("The ceasefire won the approval of the Security Council.")
    assert _found(doc) == [("support", "approval", "the Security Council", "The ceasefire")]
    doc = run_doc("The drone strike drew rebukes from Washington.")
    assert _found(doc) == [("opposition", "rebukes", "Washington", "The drone strike")]


@pytest.mark.parametrize(
    ("text", "cue", "kind", "position"),
    [
        ("Germany is in favor of the plan.", "favor", "support", "the plan"),
        ("The government is in favour of new talks.", "favour", "support", "new talks"),
        ("The strategy of isolating Tehran has failed.", "strategy", "intention", "isolating Tehran"),
        ("There is growing anxiety about the ceasefire.", "anxiety", "belief", "the ceasefire"),
        ("The bitter debate over the aid package continues.", "debate", "topic", "the aid package"),
        ("The backlash against the treaty grew.", "backlash", "opposition", "the treaty"),
        ("The quest for a lasting peace continues.", "quest", "desire", "a lasting peace"),
    ],
)
def test_noun_rows_without_a_named_holder(run_doc, text: str, cue: str, kind: str, position: str) -> None:
    p = _by_cue(run_doc(text), cue)
    assert (p.kind, p.text) == (kind, position)


@pytest.mark.parametrize(
    "text",
    [
        "The debate on Saturday drew large crowds.",  # "debate on" a date is no topic
        "The two presidents shared a warm embrace.",  # a hug names no position
        "The strategy worked.",  # no complement
        "He asked for a favor.",  # "favor" takes only "of"
    ],
)
def test_nouns_without_their_frame_yield_no_row_stance(run_doc, text: str) -> None:
    new_cues = {"debate", "embrace", "strategy", "favor"}
    found = _found(run_doc(text))
    assert not [f for f in found if f[1] in new_cues], found
