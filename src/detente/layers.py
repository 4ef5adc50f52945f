"""The typed layers that pipeline components add to a spaCy ``Doc``.

Every stage is ``Doc -> Doc`` and adds exactly one layer under a stable extension name (see
``detente.doc``). Layers are plain dataclasses with *character* offsets into ``doc.text`` so that
the record builder, the store and the UI never have to translate token indices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass
class Timex:
    """A TIMEX3 time expression normalized against the document's publication date."""

    id: str
    start_char: int
    end_char: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    tz: str | None = None
    utc: str | None = None


@dataclass
class Actor:
    """One real-world participant, with every mention of it in the document merged."""

    id: str
    name: str
    kind: str  # person | organization | state | group
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    wikidata: str | None = None


@dataclass
class Statement:
    """What someone said: the content span only, with the cue and the speaker kept apart."""

    id: str
    start_char: int
    end_char: int
    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None = None  # actor id
    cue: str | None = None
    cue_span: Span | None = None
    channel: str | None = None
    time: str | None = None  # timex id
    speaker_span: Span | None = None  # the words the speaker is read from ("Kremlin spokesman Dmitry Peskov")


@dataclass
class Stance:
    """A position someone holds: a belief, wish, plan, support or opposition, a finding, a topic.

    Not what was said (that is a ``Statement``) but what the text says someone thinks, wants,
    backs or found; the span is the position only, the cue and holder kept apart as for statements.
    """

    id: str
    start_char: int
    end_char: int
    text: str
    kind: str  # belief | desire | intention | support | opposition | finding | topic | characterization | attributed
    cue: str
    cue_span: Span
    holder: str | None = None  # actor id
    holder_span: Span | None = None  # the words naming the holder, when the text names one
    negated: bool = False
    time: str | None = None  # timex id


@dataclass
class Claim:
    """A numeric fact and who asserts it."""

    id: str
    start_char: int
    end_char: int
    text: str
    value: float
    qualifier: str = "exact"
    unit: str | None = None
    per: str | None = None
    predicate: str | None = None
    claimed_by: str | None = None  # actor id
    about: str | None = None  # event id


@dataclass
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None


@dataclass
class EventTime:
    value: str
    timex: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass
class Event:
    """Who did what to whom, when and where, and whether it happened (CODEBOOK ``events``)."""

    id: str
    type: str
    trigger_text: str
    trigger_span: Span
    sentence: int
    mode: str | None = None
    cameo: str | None = None
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    status: str = "occurred"
    negated: bool = False
    time: EventTime | None = None
    place: Place | None = None
    reported_by: str | None = None
    about: str | None = None
    condition: str | None = None
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
