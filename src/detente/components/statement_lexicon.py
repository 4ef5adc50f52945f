"""The data the statements component runs on: cue verbs, attribution phrases, channels, quote marks.

Every word list lives in ``components/statements/*.jsonl`` (one JSON object a line) so that adding a
cue verb or a channel is a data change with a schema check, not a code change (STYLE.md practice 6;
unlike textacy's in-code ``REPORTING_VERBS``). The files are read once, when the component is made.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from spacy.strings import get_string_id

DATA_DIR = Path(__file__).with_name("statements")
ROLES = frozenset({"direct", "partial", "indirect"})
FAMILIES = frozenset({"double", "single"})


class LexiconError(ValueError):
    """A data file does not follow its schema; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Cue:
    """A verb that attributes speech, and which kinds of statement it may introduce."""

    lemma: str
    roles: frozenset[str]
    particle: str | None = None  # "point" counts only with "out"
    passive_subject_speaks: bool = False  # "X was quoted as saying": the passive subject speaks
    questions: bool = False  # "asked if …": an "if"/"whether" clause is what was asked
    infinitive: bool = False  # "vowed to cut taxes": the "to" clause is what was promised or claimed
    noun: bool = False  # "his claim that …": the noun is a cue too (indirect speech only)
    answers: bool = False  # "said no", "said so", "denied it": a reply or a pronoun stands for the words


@dataclass(frozen=True)
class Phrase:
    """A multi-word attribution ("according to X"): the source is the object of the last word."""

    words: tuple[str, ...]
    cue: str


@dataclass(frozen=True)
class Channel:
    """A phrase near the cue that names the medium ("on Telegram" -> "Telegram")."""

    channel: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class QuoteMark:
    """An opening quotation mark, the marks that may close it, and its family (double/single).

    Marks are one character, or two alike: typewriter copy writes a double mark as '' (and ``).
    """

    open: str
    close: frozenset[str]
    family: str


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, Cue]
    phrases: tuple[Phrase, ...]
    channels: tuple[Channel, ...]
    marks: dict[str, QuoteMark]
    #: words that label a line without naming a speaker ("Update:", "Editor's note:", "Poll:")
    not_speakers: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()  # "Kremlin spokesman:" speaks, "NATO summit:" does not

    @cached_property
    def phrase_ends(self) -> frozenset[int]:
        """Hashes of the last word of every attribution phrase: no other token can end one (once per
        lexicon, not per document)."""
        return frozenset(get_string_id(p.words[-1]) for p in self.phrases)

    def cue_for(self, lemma: str, role: str) -> Cue | None:
        """The cue entry for a lemma when it may introduce ``role``, else None."""
        cue = self.cues.get(lemma.lower())
        return cue if cue is not None and role in cue.roles else None


def _rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LexiconError(f"S001 {path.name}:{n}: not JSON ({exc.msg}); one object per line") from exc
        if not isinstance(row, dict):
            raise LexiconError(f"S001 {path.name}:{n}: expected a JSON object")
        rows.append((n, row))
    return rows


def _need(path: Path, n: int, row: dict[str, Any], key: str, kind: type) -> Any:
    value = row.get(key)
    if not isinstance(value, kind) or (kind is str and not value):
        raise LexiconError(f"S002 {path.name}:{n}: field {key!r} must be a non-empty {kind.__name__}")
    return value


def load_cues(path: Path) -> dict[str, Cue]:
    cues: dict[str, Cue] = {}
    for n, row in _rows(path):
        lemma = _need(path, n, row, "lemma", str).lower()
        roles = frozenset(_need(path, n, row, "roles", list))
        if not roles or not roles <= ROLES:
            raise LexiconError(f"S003 {path.name}:{n}: roles must be a non-empty subset of {sorted(ROLES)}")
        if lemma in cues:
            raise LexiconError(f"S004 {path.name}:{n}: duplicate lemma {lemma!r}; merge the two lines")
        cues[lemma] = Cue(
            lemma,
            roles,
            row.get("particle"),
            bool(row.get("passive_subject_speaks")),
            bool(row.get("questions")),
            bool(row.get("infinitive")),
            bool(row.get("noun")),
            bool(row.get("answers")),
        )
    return cues


def load_phrases(path: Path) -> tuple[Phrase, ...]:
    out = []
    for n, row in _rows(path):
        words = _need(path, n, row, "words", list)
        if len(words) < 2 or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"S005 {path.name}:{n}: words must list at least two words")
        out.append(Phrase(tuple(w.lower() for w in words), _need(path, n, row, "cue", str)))
    return tuple(out)


def load_channels(path: Path) -> tuple[Channel, ...]:
    out = []
    for n, row in _rows(path):
        name = _need(path, n, row, "channel", str)
        try:
            pattern = re.compile(_need(path, n, row, "pattern", str), re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"S006 {path.name}:{n}: bad pattern ({exc})") from exc
        out.append(Channel(name, pattern))
    return tuple(out)


def load_marks(path: Path) -> dict[str, QuoteMark]:
    marks: dict[str, QuoteMark] = {}
    for n, row in _rows(path):
        opener = _need(path, n, row, "open", str)
        close = _need(path, n, row, "close", list)
        family = _need(path, n, row, "family", str)
        # one character, or one typed twice ('' for a double mark on a typewriter keyboard)
        if len(opener) not in (1, 2) or len(set(opener)) != 1:
            raise LexiconError(f"S007 {path.name}:{n}: open must be one character or one character twice")
        if not close or not all(isinstance(c, str) and len(c) == len(opener) for c in close):
            raise LexiconError(f"S007 {path.name}:{n}: each close mark must be as long as the open mark")
        if family not in FAMILIES:
            raise LexiconError(f"S008 {path.name}:{n}: family must be one of {sorted(FAMILIES)}")
        marks[opener] = QuoteMark(opener, frozenset(close), family)
    return marks


def load_words(path: Path) -> frozenset[str]:
    out = set()
    for n, row in _rows(path):
        word = _need(path, n, row, "word", str)
        if " " in word.strip():
            raise LexiconError(f"S009 {path.name}:{n}: one word a line")
        out.add(word.strip().lower())
    return frozenset(out)


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read and validate the data files; raises LexiconError with file:line on a bad row."""
    words = data_dir / "not_speakers.jsonl"
    nouns = data_dir / "speaker_nouns.jsonl"
    return Lexicon(
        cues=load_cues(data_dir / "cues.jsonl"),
        phrases=load_phrases(data_dir / "phrases.jsonl"),
        channels=load_channels(data_dir / "channels.jsonl"),
        marks=load_marks(data_dir / "quote_marks.jsonl"),
        not_speakers=load_words(words) if words.exists() else frozenset(),
        speaker_nouns=load_words(nouns) if nouns.exists() else frozenset(),
    )
