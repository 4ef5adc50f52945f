"""Pair quotation marks into top-level quotes in one linear pass per paragraph.

Why not a regex or a stack over the whole text: news text has unbalanced marks (a missing closing
mark, an apostrophe typed as ``'``), multi-paragraph quotes that reopen a mark at each paragraph
without closing the previous one, and nested quotes in the other family (‘bloodbath’ inside “…”).
textacy's ``direct_quotations`` raises on an odd count; we instead drop an unbalanced opener and
rescan only the stretch it had swallowed, with its family switched off. A stretch is rescanned at
most once per family (two families), so every character is visited at most three times: linear.

A mark may be two characters: New York Times copy types a double quotation mark as two apostrophes
(''Like this,'' she said), which read one at a time would open and close single quotes at random. Two-
character marks are tried first; in a run of three apostrophes ('Fox,''') the first closes the
nested single quote and the last two close the quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from detente.components.statement_lexicon import QuoteMark

_OPEN_BEFORE = set(" \t\r\n([{—–-/:;") | {"\u00a0"}
_PARAGRAPH = re.compile(r"[^\n]+")
#: double marks that only ever open a quotation (never a closing mark or an apostrophe)
_OPEN_ONLY = frozenset("“«„")


@dataclass(frozen=True)
class Quote:
    """A top-level quotation: marks at ``open``/``close``; content is ``text[open + 1:close]``.

    ``closed`` is False for a paragraph of a multi-paragraph quote that ends without a closing mark
    (``close`` is then the end of the paragraph, whitespace trimmed).
    """

    open: int
    close: int
    closed: bool = True
    width: int = 1  # characters in each mark: 2 for a typewriter ''

    @property
    def start(self) -> int:
        return self.open + self.width

    @property
    def end(self) -> int:
        return self.close

    @property
    def stop(self) -> int:
        """End of the quotation with its closing mark (the paragraph end when it has none)."""
        return self.close + self.width if self.closed else self.close


def _can_open(text: str, i: int, width: int = 1) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    if nxt.isspace():
        return False
    if text[i] == "'" and nxt.isdigit():  # '90s
        return False
    if prev == "," and text[i] in _OPEN_ONLY:  # said,“Look …” (a missing space)
        return True
    return prev in _OPEN_BEFORE or (not prev.isalnum() and prev not in ".,!?")


def _can_close(text: str, i: int, mark: QuoteMark) -> bool:
    width = len(mark.open)
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    if nxt == mark.open[-1]:
        return False  # not the last of a run of the same mark: 'Fox,''' closes at the end
    if mark.family == "single":  # ’ or ' between letters is an apostrophe (Trump’s, don't)
        return not prev.isspace() and not nxt.isalnum()
    if mark.open in mark.close:  # " and '' open and close alike
        return not prev.isspace() or not nxt.isalnum()
    return True


class _Scanner:
    def __init__(self, text: str, marks: dict[str, QuoteMark]) -> None:
        self.text = text
        self.marks = marks
        self.long = {k: m for k, m in marks.items() if len(k) > 1}
        self.out: list[Quote] = []
        # most characters are no mark: jump straight to the next one that may open (or close) a quote
        self.openers, self.closers = _mark_patterns(tuple(marks.items()))

    def mark_at(self, i: int) -> QuoteMark | None:
        """The mark that starts at ``i``, a two-character one first."""
        if self.long:
            m = self.long.get(self.text[i : i + 2])
            if m is not None:
                return m
        return self.marks.get(self.text[i])

    def scan(self, start: int, end: int, disabled: frozenset[str], next_par: int | None) -> None:
        """Pair marks in ``text[start:end]`` (inside one paragraph); families in ``disabled`` are text."""
        text = self.text
        cur: int | None = None
        mark: QuoteMark | None = None
        i = start
        while i < end:
            nxt = (self.closers[mark.open] if mark is not None else self.openers).search(text, i, end)
            if nxt is None:
                break
            i = nxt.start()
            if mark is not None and cur is not None:
                width = len(mark.open)
                if text[i : i + width] in mark.close and _can_close(text, i, mark):
                    self.out.append(Quote(cur, i, width=width))
                    cur = mark = None
                    i += width
                    continue
                if text.startswith(mark.open, i) and _can_open(text, i, width):
                    # the same opener again before a close: the earlier one was unbalanced
                    self.scan(cur + width, i, disabled | {mark.family}, None)
                    cur = i
                    i += width
                    continue
                i += 1
                continue
            m = self.mark_at(i)
            if m is not None and m.family not in disabled and _can_open(text, i, len(m.open)):
                cur, mark = i, m
                i += len(m.open)
                continue
            i += 1
        if mark is None or cur is None:
            return
        if next_par is not None and self._opens_with(next_par, mark.family):
            stop = end
            while stop > cur + 1 and text[stop - 1].isspace():
                stop -= 1
            self.out.append(Quote(cur, stop, closed=False, width=len(mark.open)))
        else:
            self.scan(cur + len(mark.open), end, disabled | {mark.family}, None)

    def _opens_with(self, pos: int, family: str) -> bool:
        while pos < len(self.text) and self.text[pos].isspace():
            pos += 1
        m = self.mark_at(pos) if pos < len(self.text) else None
        return m is not None and m.family == family


def _any_of(chars: Iterable[str]) -> re.Pattern[str]:
    escaped = sorted({re.escape(c) for c in chars})
    return re.compile("[" + "".join(escaped) + "]" if escaped else "(?!)")  # no marks: never matches


@lru_cache(maxsize=8)
def _mark_patterns(
    marks: tuple[tuple[str, QuoteMark], ...],
) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """The characters a mark can open with, and per open mark those it can close (or reopen) with;
    cached because every document is scanned with the same few marks."""
    closers = {m.open: _any_of([m.open[0], *(c[0] for c in m.close)]) for _, m in marks}
    return _any_of(key[0] for key, _ in marks), closers


def pair_quotes(text: str, marks: dict[str, QuoteMark]) -> list[Quote]:
    """All top-level quotes in text order; nested quotes stay inside, unbalanced marks are skipped."""
    scanner = _Scanner(text, marks)
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    for k, (start, end) in enumerate(paragraphs):
        nxt = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else None
        scanner.scan(start, end, frozenset(), nxt)
    return sorted((q for q in scanner.out if q.end > q.start), key=lambda q: q.open)
