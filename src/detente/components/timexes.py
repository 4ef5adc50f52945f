"""The ``detente_timexes`` component: find time expressions and normalize them (TIMEX3).

Find → check → resolve → set. Regular expressions from ``timexes/patterns.json`` propose spans
over the raw text (character offsets, so ``10:00 a.m.`` needs no token alignment); the parse then
vetoes readings that are not times ("Russia *may* attack", "*2022* soldiers", a "45-year-old") and
supplies the clause's tense, which decides whether "Friday" is the last one or the next one, as
news writing means it. Clock times are attached to the nearest day named in their sentence and,
when the zone is known, converted to UTC.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import NamedTuple
from zoneinfo import ZoneInfo

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from detente.components.timex_anaphora import ANAPHORA_NESTED, ANAPHORA_RESOLVERS, resolve_references
from detente.components.timex_clock import CLOCK_NESTED, CLOCK_RESOLVERS
from detente.components.timex_normalize import RESOLVERS, Cues, Resolution
from detente.components.timex_patterns import Lexicon, Pattern, load_lexicon, load_patterns, zone_regex
from detente.components.timex_prefilter import Scan
from detente.components.timex_zones import WASHINGTON, dateline_zone, resolve_zones, to_utc, washington_cue
from detente.doc import anchor_date, layer, text_of
from detente.layers import Timex

_FULL_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2}|XXXX-XX-XX)(?!\d)")
_RESOLVERS = RESOLVERS | CLOCK_RESOLVERS | ANAPHORA_RESOLVERS
_QUOTE = "``|\"|\u201c|''"
_TITLE_WORD = r"[A-Z0-9][\w'\u2019.&-]*"
_TITLE_LEFT = re.compile(rf"(?:{_QUOTE})\s?((?:{_TITLE_WORD}\s+)*)$")
_TITLE_RIGHT = re.compile(rf"((?:\s+{_TITLE_WORD})*)[,.!?]?\s?(?:{_QUOTE}|\u201d)")
_DETERMINERS = ("the", "a", "an", "this", "that", "its", "their", "his", "her", "our")
_NESTED = CLOCK_NESTED | ANAPHORA_NESTED


class Candidate(NamedTuple):
    start: int
    end: int
    rank: int
    resolution: Resolution


@Language.factory(
    "detente_timexes",
    assigns=["doc._.timexes"],
    default_config={"default_tz": None},
)
def make_timexes(nlp: Language, name: str, default_tz: str | None) -> TimexTagger:
    """Create the tagger; ``default_tz`` (IANA) is assumed for clock times that name no zone."""
    return TimexTagger(default_tz=default_tz)


class TimexTagger:
    """Rule-based English TIMEX3 tagger for news, anchored on ``doc._.published``."""

    def __init__(self, default_tz: str | None = None) -> None:
        self.lex: Lexicon = load_lexicon()
        self.patterns: list[Pattern] = load_patterns(self.lex)
        self.explicit_zone = re.compile(zone_regex(self.lex))
        if default_tz is not None:
            ZoneInfo(default_tz)  # fail at creation, not on the first article
        self.default_tz = default_tz

    def __call__(self, doc: Doc) -> Doc:
        out = layer(doc, "timexes")
        out.clear()
        anchor = anchor_date(doc)
        chosen = self._select(self._candidates(doc, anchor))
        resolutions = resolve_references([self._attach(doc, c, chosen, anchor) for c in chosen], anchor)
        resolutions = _in_named_year(doc, chosen, resolutions, self.lex.months)
        local_zone = _Lazy(lambda: dateline_zone(text_of(doc), self.lex.dateline_zones) or self.default_tz)
        for i, (cand, res) in enumerate(zip(chosen, resolutions, strict=True), 1):
            tz = res.tz
            if tz is None and res.type == "TIME" and _FULL_DAY.match(res.value):
                tz = WASHINGTON if washington_cue(_sentence_text(doc, cand)) else local_zone()
            out.append(
                Timex(
                    id=f"t{i}",
                    start_char=cand.start,
                    end_char=cand.end,
                    text=text_of(doc)[cand.start : cand.end],
                    type=res.type,
                    value=res.value,
                    mod=res.mod,
                    tz=tz,
                    utc=to_utc(res.value, tz) if res.type == "TIME" else None,
                )
            )
        return doc

    # -- find and check -------------------------------------------------------------------------
    def _candidates(self, doc: Doc, anchor: date | None) -> list[Candidate]:
        found = []
        scan = Scan(text_of(doc))
        for rank, pattern in enumerate(self.patterns):
            narrow = "tx" in pattern.regex.groupindex
            for match in pattern.finditer(scan):
                start, end = match.span("tx") if narrow and match.group("tx") is not None else match.span()
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                groups = match.groupdict()
                if not self._plausible(pattern, groups, match, span):
                    continue
                cues = self._cues(span, pattern)
                res = self._resolve(pattern.kind, groups, anchor, cues)
                if res is not None:
                    found.append(Candidate(start, end, rank, res))
        return found

    def _resolve(self, kind: str, groups: dict[str, str | None], anchor: date | None, cues: Cues) -> Resolution | None:
        if kind in _NESTED:
            return _NESTED[kind](groups, self.lex, anchor, cues, lambda text: self._resolve_text(text, anchor, cues))
        return _RESOLVERS[kind](groups, self.lex, anchor, cues)

    def _resolve_text(self, text: str, anchor: date | None, cues: Cues | None = None) -> Resolution | None:
        """Normalize a nested expression on its own ("May 19" inside "the morning of May 19")."""
        for pattern in self.patterns:
            match = pattern.regex.fullmatch(text)
            if match:
                res = self._resolve(pattern.kind, match.groupdict(), anchor, Cues(tense=cues.tense) if cues else Cues())
                if res is not None:
                    return res
        return None

    def _plausible(self, pattern: Pattern, g: dict[str, str | None], match: re.Match[str], span: Span) -> bool:
        """Veto readings the parse contradicts; each check is named in patterns.json."""
        if _in_title(text_of(span.doc), match.start(), match.end()):
            return False  # ABC's "This Week", the film "High Noon", CBS's "60 Minutes"
        if g.get("month") and not _capitalized(g["month"]):
            return False
        if g.get("wd") and not _capitalized(g["wd"]):
            return False
        unit = g.get("unit")
        if unit and not _capitalized(unit) and unit.lower() in self.lex.months and unit.lower() not in self.lex.units:
            return False  # "this march" is a demonstration, "this March" a month
        month_alone = g.get("month") and not g.get("day") and not g.get("year") and not g.get("yrel")
        if month_alone and not self._month_alone_ok(span, match):
            return False
        if g.get("month") and g.get("day") and _token_at(span, match.start("month")).tag_ in ("MD", "VB"):
            return False
        check = pattern.check
        if check == "year":
            return self._year_ok(span, match, g)
        if check == "duration":
            unit = _token_at(span, match.start("unit"))
            after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
            before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
            clock = unit.lower_ == "hours" and before in ("at", "by", "until", "till", "from")
            clock = clock and bool(re.fullmatch(r"\d{3,4}", str(g.get("n"))))  # "by 1800 hours", not "by two hours"
            if (
                unit.lower_ in ("quarter", "quarters")
                and after == "of"
                and unit.i > 0
                and unit.nbor(-1).lower_ in ("a", "one", "three", "two")
            ):
                return False  # "a quarter of the territory"
            return unit.pos_ in ("NOUN", "PROPN") and after != "old" and before != "aged" and not clock
        if check == "age":
            return not g.get("old")
        if check == "military":
            before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
            return bool(g.get("hrs") or g.get("tz")) and before not in [*self.lex.quantity_words, "for"]
        if check == "weekday":
            return _not_in_name(span, self.lex.weekday_names)
        if check == "not_name":
            if span[0].lower_ in ("quarterly", "yearly") and span[0].pos_ == "ADJ":
                return False  # "a quarterly dividend" names a kind of payment, not a schedule
            return span[0].pos_ != "PROPN" or span[0].i == span.sent.start
        if check == "nested_only":
            return False  # matched only inside another expression ("the end of the week")
        if check == "quarter_code":  # "Q3 profit", not the car "Audi Q3"
            return span.start == span.sent.start or not span.doc[span.start - 1].text[:1].isupper()
        if check == "holiday":
            if span.start > 0 and span.doc[span.start - 1].ent_type_ == "PERSON":
                return False  # a surname after a first name: "illustrator Johnnie Christmas"
            return _capitalized(g.get("hol"))
        if check == "spelled_year":
            after = span.doc[span.end] if span.end < len(span.doc) else None
            before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
            if after is not None and after.lower_ in self.lex.units:
                return False  # "two thousand years" counts years
            lead = match.group(0).lower().startswith("the year")
            dated = span[0].ent_type_ == "DATE"
            return (lead or dated or before in self.lex.date_prepositions) and (
                dated or after is None or after.pos_ != "NOUN"
            )
        if check == "reference":
            return span[-1].pos_ != "NOUN" or span[0].lower_ in ("the", "these", "a") or len(span) > 1
        return True

    def _month_alone_ok(self, span: Span, match: re.Match[str]) -> bool:
        """A month name alone is a date only as a proper noun after a date preposition or modifier."""
        tok = _token_at(span, match.start("month"))
        if tok.tag_ != "NNP" or (tok.dep_ == "compound" and tok.head.pos_ == "PROPN"):
            return False
        before = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if before in _DETERMINERS and tok.i + 1 < len(tok.doc):  # "the October slaying", "a June accord"
            noun = tok.doc[tok.i + 1]
            if noun.pos_ == "NOUN" and noun.text.islower() and tok.head == noun:
                return True
        return before in self.lex.date_prepositions or match.group("pmod") is not None

    def _year_ok(self, span: Span, match: re.Match[str], g: dict[str, str | None]) -> bool:
        """A bare four-digit number is a year in a date context, not a count ("2022 soldiers")."""
        tok = _token_at(span, match.start("year"))
        doc = tok.doc
        before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if before in self.lex.quantity_words:
            return False
        if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in self.lex.units and doc[tok.i + 2].lower_ == "old":
            return False  # "a 2000 year old tradition": an age
        if "fiscal" in match.group(0).lower() or before == "fiscal" or match.group(0).startswith("FY"):
            return True
        opening = tok.i > 0 and doc[tok.i - 1].i == doc[tok.i - 1].sent.start and before in ("in", "since", "by")
        if opening and re.fullmatch(r"19\d\d|20\d\d", tok.text):
            return True  # "In 2003 sales rose": a sentence that opens on a year
        if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and before not in ("the", "its", "their", "'s"):
            return False  # "2022 soldiers", but "the 1992 protests"
        if tok.ent_type_ == "DATE":
            return True
        if before in ("-", "–", "to", "and") and tok.i > 1 and doc[tok.i - 2].like_num:
            return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d", doc[tok.i - 2].text))  # "1994 and 1997", not "300-2000"
        if tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
            return False
        if g.get("pmod") or "fiscal" in match.group(0).lower() or before in self.lex.date_prepositions:
            return True
        return 1900 <= int(str(g["year"])) <= 2099

    # -- cues -----------------------------------------------------------------------------------
    def _cues(self, span: Span, pattern: Pattern) -> Cues:
        doc = span.doc
        prev = doc[span.start - 1] if span.start > 0 else None
        rate = False
        if pattern.kind == "duration" and prev is not None:
            window = doc[max(span.sent.start, span.start - 8) : span.start]
            rate = (prev.pos_ in ("NOUN", "PROPN", "NUM") or prev.lower_ in ("once", "twice", "times")) and any(
                t.like_num for t in window
            )
        nxt = doc[span.end] if span.end < len(doc) else None
        possessive = nxt is not None and nxt.lower_ in ("'s", "’s") and nxt.dep_ == "case"
        # "Wednesday's ruling", "under a June agreement": the day names the noun's time, not the clause's
        attributive = pattern.name == "month_bare" and (_modifies_next_noun(span) or _names_noun_period(span))
        # a named day that is the verb's object or subject is a thing talked about, not when the act
        # happened: "may have confused Election Day" is this year's, whatever the verb's tense
        argument = pattern.kind == "holiday" and span.root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
        tense = None if possessive or attributive or argument else self._tense(span.root)
        if prev is not None and not possessive and self._deadline(span, prev, tense):
            tense = "future"
        elif prev is not None and prev.lower_ == "for" and pattern.kind == "weekday" and tense == "past":
            verb = _governing_verb(span.root)
            if verb is None or not any(c.lower_ == "had" for c in verb.children):
                tense = "future"  # "called a strike for Monday", "set for Sunday": the day aimed at
        if tense == "present" and _headline(span):
            tense = "past"  # "Stocks fall on Monday": headlines report the past in the present tense
        return Cues(
            tense=tense,
            prev_word=prev.lower_ if prev is not None else "",
            rate=rate,
            next_word=nxt.lower_ if nxt is not None else "",
            firm_future=tense == "future" and _firm_future(span.root),
        )

    def _deadline(self, span: Span, prev: Token, tense: str | None) -> bool:
        """A limit ahead of the report: "postponed until Tuesday", "open until Friday", "as soon as Monday"."""
        if prev.lower_ in ("until", "till"):
            verb = _governing_verb(span.root)
            return tense != "past" or (verb is not None and verb.lemma_ in self.lex.deadline_verbs)
        if prev.lower_ == "through":  # "extended the loans through January", not "fought through January"
            verb = _governing_verb(span.root)
            return verb is not None and verb.lemma_ in self.lex.deadline_verbs
        window = [t.lower_ for t in span.doc[max(span.sent.start, span.start - 5) : span.start]]
        return any(window[i : i + 3] == ["as", "soon", "as"] for i in range(len(window) - 2))

    def _tense(self, token: Token) -> str | None:
        """The tense of the clause that governs ``token``: "past", "future" or None (no cue)."""
        verb = _governing_verb(token)
        if verb is None:
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if verb.tag_ == "VBG" and not words and verb.dep_ in ("advcl", "acl"):
            # a participle takes the time of the clause it hangs on: "Speaking to reporters on Friday, the
            # minister said ...", "The minister, speaking on Friday, said ..."
            main = verb.head if verb.dep_ == "advcl" else _governing_verb(verb.head)
            if main is not None and main is not verb and main.pos_ in ("VERB", "AUX"):
                verb = main
                words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if words & {"would", "could"} and any(c.dep_ == "neg" for c in verb.children):
            return "past"  # "could not be reached Friday", "would not comment Monday"
        if "have" in words and words & {"may", "might", "could", "must", "should"}:
            return "past"  # a modal perfect looks back: "may have been responsible for a drop on Wednesday"
        if words & {"could", "might"} and not words & {"will", "'ll", "shall", "going", "to"}:
            return None  # "could be located Wednesday": possibility, not the future
        if words & {w for w in self.lex.future_auxiliaries if w != "to"}:
            return "future"
        if verb.lemma_ in self.lex.future_verbs and verb.tag_ in ("VBN", "VBG", "VB"):
            return "future"
        if verb.lemma_ in self.lex.future_verbs and verb.tag_ == "VBD" and not words:
            # "agreed on Saturday to a truce": the day comes before what was agreed, so it is the
            # agreement's; "planned a rally on Saturday": the plan is past, its day may be either side
            comps = [c.i for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp", "prep") and c.i > token.i]
            before_comp = token.head.dep_ == "prep" and token.head.head.i == verb.i and comps
            return "past" if before_comp or (token.head.i == verb.i and comps) else None
        if "to" in words and (verb.tag_ == "VB" or (verb.tag_ == "VBN" and "be" in words)):  # "to be completed"
            governor = verb.head
            if governor is not verb and governor.pos_ == "ADJ" and governor.head.pos_ in ("VERB", "AUX"):
                governor = governor.head  # "had been due to expire": the clause of "due"
            if governor is verb:
                return "future"
            gov_aux = {c.lower_ for c in governor.children if c.dep_ in ("aux", "auxpass")}
            if "had" in gov_aux:
                return "past"  # "had been scheduled to expire Friday": the plan's day has gone by
            past_gov = governor.tag_ == "VBD" or (governor.tag_ == "VBN" and gov_aux & {"was", "were"})
            if past_gov and governor.lemma_ not in self.lex.future_verbs:
                return "past"  # "was kidnapped to make the November trip"
            return "future"
        if verb.tag_ == "VBD" or words & set(self.lex.past_auxiliaries):
            return "past"
        if verb.tag_ == "VBN" and not words:
            return "past"
        if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
            return "future"
        present = verb.tag_ in ("VBZ", "VBP") and not words and verb.lower_ not in self.lex.past_forms
        if present and _near_head(token, verb):
            return "present"  # "the offer expires Friday": a schedule, except in a headline ("hurt" may be past)
        return None

    # -- choose and attach ----------------------------------------------------------------------
    @staticmethod
    def _select(cands: list[Candidate]) -> list[Candidate]:
        """Longest match first, then the earlier pattern; overlapping readings are dropped."""
        taken: list[Candidate] = []
        for cand in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
            if all(cand.end <= t.start or cand.start >= t.end for t in taken):
                taken.append(cand)
        return sorted(taken, key=lambda c: c.start)

    def _attach(self, doc: Doc, cand: Candidate, chosen: list[Candidate], anchor: date | None) -> Resolution:
        """Give a floating TIME the day of the nearest dated expression in its sentence, else the anchor."""
        res = cand.resolution
        if not res.floating:
            return res
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        lo, hi = (span.sent.start_char, span.sent.end_char) if span is not None else (0, len(text_of(doc)))
        days = [
            (max(o.start - cand.end, cand.start - o.end, 0), m.group(1))
            for o in chosen
            if o is not cand
            and lo <= o.start < hi
            and (m := _DAY.match(o.resolution.value))
            and not o.resolution.floating
            and o.resolution.type in ("DATE", "TIME")
        ]
        if not days and span is not None and span.sent.start > 0:  # the day the previous sentence names
            prev = doc[span.sent.start - 1].sent
            days = [
                (prev.end_char - o.end, m.group(1))
                for o in chosen
                if prev.start_char <= o.start < prev.end_char
                and (m := _DAY.match(o.resolution.value))
                and not o.resolution.floating
                and o.resolution.type in ("DATE", "TIME")
            ]
        day = min(days)[1] if days else anchor.isoformat() if anchor else "XXXX-XX-XX"
        return replace(res, value=day + res.value, floating=False)


_BOUNDS = frozenset({"until", "till", "by", "before", "after", "since", "through", "from", "to"})
_YEAR_ONLY = re.compile(r"^\d{4}$")
_MONTH_VALUE = re.compile(r"^\d{4}(-\d\d(?:-\d\d)?)$")
_OWN_YEAR = re.compile(r"\d{4}|\b(?:last|next|this|ago|previous|coming|past|year)\b", re.IGNORECASE)


def _in_named_year(
    doc: Doc, chosen: list[Candidate], resolutions: list[Resolution], months: dict[str, int]
) -> list[Resolution]:
    """A month or day without a year of its own ("May", "June 3") that follows a year in the same
    clause takes that year: "drills last year, in May and October" are 2024's when the article is
    of 2025. No verb may stand between them ("held drills last year and will hold more in May")
    unless the year opens the sentence ("In 2023, the rebels seized the town in March")."""
    out = list(resolutions)
    for i, (cand, res) in enumerate(zip(chosen, resolutions, strict=True)):
        m = _MONTH_VALUE.match(res.value) if res.type == "DATE" else None
        words = text_of(doc)[cand.start : cand.end]
        if m is None or _OWN_YEAR.search(words) or not any(w.strip(".") in months for w in words.lower().split()):
            continue  # a weekday ("Saturday") is the nearest one, whatever year was named
        for j in range(i - 1, -1, -1):
            year = out[j].value
            if not _YEAR_ONLY.match(year) or out[j].type != "DATE":
                continue
            between = doc.char_span(chosen[j].end, cand.start, alignment_mode="contract")
            if between is None or any(t.is_sent_start or t.text in ";:" or t.dep_ == "mark"
                                      or t.lower_ in ("will", "'ll", "shall", "that", "which", "until", "since")
                                      for t in between):
                break
            named = doc.char_span(chosen[j].start, chosen[j].end, alignment_mode="expand")
            if named is None or (named.start > 0 and doc[named.start - 1].lower_ in _BOUNDS) or (
                    named[0].lower_ in _BOUNDS):
                break  # "suspended talks until 2028 in late November": a bound, not the act's year
            fronted = between.start > 0 and between.start - doc[between.start - 1].sent.start <= 3 and (
                doc[between.start].text == ",")
            if not fronted and any(t.pos_ in ("VERB", "AUX") for t in between):
                break  # a year that opens the sentence ("In 2023, …") is its time; elsewhere only its clause's
            if year != res.value[:4]:
                out[i] = replace(res, value=year + m.group(1))
            break
    return out


class _Lazy:
    """A value computed on first use (the dateline lookup loads the city table only when needed)."""

    def __init__(self, make):  # type: ignore[no-untyped-def]
        self.make, self.done, self.value = make, False, None

    def __call__(self):  # type: ignore[no-untyped-def]
        if not self.done:
            self.value, self.done = self.make(), True
        return self.value


def _sentence_text(doc: Doc, cand: Candidate) -> str:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span.sent.text if span is not None else text_of(doc)[max(0, cand.start - 200) : cand.end + 200]


__all__ = ["TimexTagger", "resolve_zones", "to_utc"]


def _capitalized(word: str | None) -> bool:
    return bool(word) and word[0].isupper()  # type: ignore[index]


def _in_title(text: str, start: int, end: int) -> bool:
    """The expression lies inside a quoted title of two or more capitalized words ("This Week")."""
    words = text[start:end].split()
    if not all(w[0].isupper() or w[0].isdigit() for w in words):
        return False
    window = text[max(0, start - 60) : start]
    if '"' not in window and "``" not in window and "''" not in window and "\u201c" not in window:
        return False
    left = _TITLE_LEFT.search(text, max(0, start - 60), start)
    if left is None:
        return False
    right = _TITLE_RIGHT.match(text, end, end + 60)
    return right is not None and len(left.group(1).split()) + len(words) + len(right.group(1).split()) >= 2


def _headline(span: Span) -> bool:
    """The expression is in a title line: the document's first sentence, on a line of its own, with no
    full stop."""
    sent = span.sent
    if sent.start != 0:
        return False
    text = text_of(span.doc)
    end = sent.end_char
    line_end = text.find("\n", sent.start_char)
    if line_end != -1 and line_end < end:
        end = line_end
    if span.end_char > end or (line_end != -1 and line_end > sent.end_char + 1):
        return False
    return not text[sent.start_char : end].rstrip().endswith((".", "!", "?", '"', "\u201d", "''"))


def _firm_future(token: Token) -> bool:
    """The clause says outright that it is ahead: "will be held", "shall meet", "is to be held"; not
    "set for" or "expected on", whose plan may have been made for a day since gone."""
    verb = _governing_verb(token)
    if verb is None:
        return False
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if words & {"will", "'ll", "shall", "wo"}:
        return True
    head = verb.head  # "is to be held": the infinitive hangs on a present "be"
    return "to" in words and verb.dep_ == "xcomp" and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP")


def _near_head(token: Token, verb: Token) -> bool:
    """``verb`` governs ``token`` directly or through one preposition ("expires on Friday")."""
    return token.head.i == verb.i or (token.head.dep_ == "prep" and token.head.head.i == verb.i)


def _governing_verb(token: Token) -> Token | None:
    """The verb of the clause ``token`` belongs to (up to six heads up), or None."""
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _token_at(span: Span, char: int) -> Token:
    """The token at ``char``: in the span, or just after it (a group read in a lookahead: "3 to 10 May")."""
    for tok in span.doc[span.start : min(len(span.doc), span.end + 12)]:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return span[0]


def _not_in_name(span: Span, names: list[str]) -> bool:
    """A weekday inside a name ("Bloody Sunday", "the Sunday Times") is not a date."""
    doc = span.doc
    first, last = span[0], span[-1]
    if last.i + 1 < len(doc):
        nxt = doc[last.i + 1]
        if nxt.is_title and nxt.pos_ == "PROPN" and nxt.ent_type_ in ("ORG", "WORK_OF_ART", "FAC", "EVENT"):
            return False
    return not (first.i > 0 and f"{doc[first.i - 1].lower_} {first.lower_}" in names)


def _names_noun_period(span: Span) -> bool:
    """The month is the period a noun covers, not when the clause happens: "the figures for August will
    be released next week" (but "a mission in December" is when the mission happens)."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "for":
        return False
    return prep.head.pos_ == "NOUN" and prep.head.i < prep.i


def _modifies_next_noun(span: Span) -> bool:
    """The expression is a modifier inside a noun phrase: "a June agreement", "the October vote"."""
    root = span.root
    head = root.head
    return head.i >= span.end and head.pos_ == "NOUN" and root.dep_ in ("compound", "nmod", "amod", "npadvmod")
