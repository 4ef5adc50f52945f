"""The data the stances component runs on: which words attribute a position, and how they take it.

One JSON object a line in ``components/stances/cues.jsonl`` (STYLE.md practice 6), so that a user
adds "applaud" or "misgivings about" as a data change. A row names a lemma, its part of speech, the
kind of stance it attributes and the *frames* in which its complement is the position held:

* ``clause`` — a finite clause ("believes that the talks will fail"; "fears that …");
* ``to`` — an infinitive ("wants to resume talks"; "a plan to withdraw");
* ``object`` — the direct object ("endorsed the plan"), or the passive subject ("the plan was
  endorsed by …"); a following "of"/"for" phrase belongs to it ("accused Moscow of shelling …");
* ``as`` — an object and its "as" phrase ("sees the deal as a betrayal");
* ``oprd`` — an object and its predicate ("called the vote a sham");
* ``prep:<word>`` — the object of that preposition ("called for a cease-fire", "support for Kyiv");
* ``evidence-object`` — the direct object, only when the subject is a source of evidence listed in
  ``stances/evidence.jsonl`` ("the poll showed a dead heat"; "the army showed restraint" is no
  finding);
* ``raising`` (verbs) — "seems", "appears": the subject with its infinitive or adjective, or the
  clause after "it" ("Moscow appears to be preparing …", "it appears that …"); no holder;
* ``received`` (nouns) — the noun is what its target receives, as the object of a verb listed in
  ``stances/receiving.jsonl`` or after "under": the position is that verb's subject, the holder
  its "from"/"by"/"of" phrase ("the plan drew criticism from Kyiv", "came under criticism");
* ``message`` (verbs) — the direct object, only when its noun is an attitude listed in
  ``stances/messages.jsonl`` with the kind it makes ("expressed shock" a belief, "offered
  guarantees" an intention); a listed noun that is itself a cue and takes its own complement is
  left to that row ("expressed concern that …"). The holder is the noun's possessor or "from"
  phrase when it has one ("conveyed Putin's message"), else the verb's subject.

``people: true`` (verbs with an ``object`` frame) keeps the stance only when the object names a
person (a person's name or a pronoun) or an idea, a decision or words (a noun of
``stances/ideas.jsonl`` or ``messages.jsonl``, or a stance cue noun: "attacked Clinton's record"),
the subject is someone who could speak (a named person, group or state, or a pronoun), and no
"with" phrase names a weapon: in conflict news "attacked the convoy" and "attacked his car with
rockets" are violence, "attacked Clinton" and "blasted the plan" positions.
``not_military: true`` drops the stance when its object or subject is a place or a force (a place
entity, or a noun of ``stances/military.jsonl``): in conflict news "defended the city" is fighting,
"defended his decision" a position.
``frame_kinds`` gives a frame a kind of its own ("called for talks" is a wish, "called the vote a
sham" a characterization). ``pos`` is ``verb``, ``noun`` or ``adj`` (an adjective after a copula: "is confident that …",
"critical of"). ``forms`` lists inflected forms the tagger gives a wrong lemma ("hoping" -> "hop").
A lemma may appear once per part of speech; the same word as verb and noun are two rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from detente.components.statement_lexicon import LexiconError, _need, _rows, load_words

DATA_DIR = Path(__file__).with_name("stances")
KINDS = frozenset({"belief", "desire", "intention", "support", "opposition", "finding", "topic", "characterization"})
POS = frozenset({"verb", "noun", "adj"})
ROW_KEYS = frozenset({"lemma", "pos", "kind", "frames", "forms", "frame_kinds", "not_military", "people"})
PLAIN_FRAMES = frozenset(
    {"clause", "to", "object", "as", "oprd", "evidence-object", "received", "raising", "message"}
)


@dataclass(frozen=True)
class StanceCue:
    """A word that attributes a position to its subject (or possessor), and where the position is."""

    lemma: str
    pos: str
    kind: str
    frames: tuple[str, ...]
    forms: tuple[str, ...] = ()
    frame_kinds: tuple[tuple[str, str], ...] = ()
    not_military: bool = False  # "defended his decision", not "defended the city" (``military.jsonl``)
    people: bool = False  # "attacked Clinton", not "attacked the convoy"

    def kind_of(self, frame: str) -> str:
        """The kind of a stance found in ``frame``."""
        return dict(self.frame_kinds).get(frame, self.kind)


def _frame_ok(frame: object) -> bool:
    if not isinstance(frame, str):
        return False
    if frame in PLAIN_FRAMES:
        return True
    word = frame.removeprefix("prep:")
    return frame.startswith("prep:") and word.isalpha() and word == word.lower()


def load_stance_cues(path: Path = DATA_DIR / "cues.jsonl") -> dict[tuple[str, str], StanceCue]:
    """Read and validate the stance cues, keyed by (lemma, pos); LexiconError names file:line."""
    cues: dict[tuple[str, str], StanceCue] = {}
    for n, row in _rows(path):
        unknown = sorted(set(row) - ROW_KEYS)
        if unknown:
            raise LexiconError(f"T011 {path.name}:{n}: unknown field {unknown[0]!r}; fields are {sorted(ROW_KEYS)}")
        lemma = _need(path, n, row, "lemma", str).strip().lower()
        if not lemma.isalpha():
            raise LexiconError(f"T012 {path.name}:{n}: lemma must be one word of letters")
        pos = _need(path, n, row, "pos", str)
        kind = _need(path, n, row, "kind", str)
        frames = _need(path, n, row, "frames", list)
        if pos not in POS:
            raise LexiconError(f"T001 {path.name}:{n}: pos must be one of {sorted(POS)}")
        if kind not in KINDS:
            raise LexiconError(f"T002 {path.name}:{n}: kind must be one of {sorted(KINDS)}")
        if not frames or not all(_frame_ok(f) for f in frames):
            raise LexiconError(
                f"T003 {path.name}:{n}: frames must list some of {sorted(PLAIN_FRAMES)} or 'prep:<word>'"
            )
        if "received" in frames and pos != "noun":
            raise LexiconError(f"T007 {path.name}:{n}: frame 'received' is for nouns (\"drew criticism from\")")
        if (lemma, pos) in cues:
            raise LexiconError(f"T004 {path.name}:{n}: duplicate {pos} {lemma!r}; merge the two lines")
        forms = row.get("forms", [])
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.isalpha() for f in forms):
            raise LexiconError(f"T005 {path.name}:{n}: forms must be a list of single words")
        frame_kinds = row.get("frame_kinds", {})
        if not isinstance(frame_kinds, dict) or not all(
            f in frames and k in KINDS for f, k in frame_kinds.items()
        ):
            raise LexiconError(f"T006 {path.name}:{n}: frame_kinds maps some of this row's frames to kinds")
        not_military = row.get("not_military", False)
        if not isinstance(not_military, bool):
            raise LexiconError(f"T008 {path.name}:{n}: not_military is true or false")
        people = row.get("people", False)
        if not isinstance(people, bool) or (people and (pos != "verb" or "object" not in frames)):
            raise LexiconError(f"T009 {path.name}:{n}: people is true or false, and true only on a verb with an object")
        if "message" in frames and pos != "verb":
            raise LexiconError(f"T010 {path.name}:{n}: frame 'message' is for verbs (\"expressed shock\")")
        cues[(lemma, pos)] = StanceCue(
            lemma,
            pos,
            kind,
            tuple(frames),
            tuple(f.lower() for f in forms),
            tuple(sorted(frame_kinds.items())),
            not_military,
            people,
        )
    return cues


def load_evidence(path: Path = DATA_DIR / "evidence.jsonl") -> frozenset[str]:
    """Nouns whose subject makes "show"/"find" report a finding (poll, survey, study …)."""
    return load_words(path)


def load_receiving(path: Path = DATA_DIR / "receiving.jsonl") -> frozenset[str]:
    """Verbs whose object is what their subject receives ("drew criticism", "won the support of"),
    for the ``received`` frame."""
    return load_words(path)


def load_military(path: Path = DATA_DIR / "military.jsonl") -> frozenset[str]:
    """Nouns of places held and forces that hold them, for ``not_military`` rows."""
    return load_words(path)


def load_messages(path: Path = DATA_DIR / "messages.jsonl") -> dict[str, str]:
    """Nouns of attitudes a ``message`` verb conveys, with the kind of stance each makes ("expressed
    shock" is a belief, "offered guarantees" an intention)."""
    out: dict[str, str] = {}
    for n, row in _rows(path):
        word = _need(path, n, row, "word", str).strip().lower()
        kind = _need(path, n, row, "kind", str)
        if not word.isalpha() or kind not in KINDS or set(row) - {"word", "kind"}:
            raise LexiconError(f"T013 {path.name}:{n}: a row is a word and the kind of stance it makes")
        out[word] = kind
    return out


def load_ideas(path: Path = DATA_DIR / "ideas.jsonl") -> frozenset[str]:
    """Nouns of ideas, decisions and words: what a ``people`` verb may target besides a person
    ("attacked the plan")."""
    return load_words(path)
