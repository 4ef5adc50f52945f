"""Pair quotation marks into top-level quotes in one linear pass per paragraph.

Why not a regex or a stack over the whole text: news text has unbalanced marks (a missing closing
mark, an apostrophe typed as ``'``), multi-paragraph quotes that reopen a mark at each paragraph
without closing the previous one, and nested quotes in the other family (‘bloodbath’ inside “…”).
textacy's ``direct_quotations`` raises on an odd count; we instead drop an unbalanced opener and
rescan only the stretch it had swallowed, with its family switched off. A stretch is rescanned at
most once per family (two families), so every character is visited at most three times: linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


def _can_open(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if text[i] == "'" and nxt.isdigit():  # '90s
        return False
    if prev == "," and text[i] in _OPEN_ONLY:  # said,“Look …” (a missing space)
        return True
    return prev in _OPEN_BEFORE or (not prev.isalnum() and prev not in ".,!?")


def _can_close(text: str, i: int, mark: QuoteMark) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if mark.family == "single":  # ’ or ' between letters is an apostrophe (Trump’s, don't)
        return not prev.isspace() and not nxt.isalnum()
    if text[i] == '"':
        return not prev.isspace() or not nxt.isalnum()
    return True


class _Scanner:
    def __init__(self, text: str, marks: dict[str, QuoteMark]) -> None:
        self.text = text
        self.marks = marks
        self.out: list[Quote] = []

    def scan(self, start: int, end: int, disabled: frozenset[str], next_par: int | None) -> None:
        """Pair marks in ``text[start:end]`` (inside one paragraph); families in ``disabled`` are text."""
        text, marks = self.text, self.marks
        cur: int | None = None
        mark: QuoteMark | None = None
        for i in range(start, end):
            ch = text[i]
            if mark is not None and cur is not None:
                if ch in mark.close and _can_close(text, i, mark):
                    self.out.append(Quote(cur, i))
                    cur = mark = None
                elif ch == mark.open and _can_open(text, i):
                    # the same opener again before a close: the earlier one was unbalanced
                    self.scan(cur + 1, i, disabled | {mark.family}, None)
                    cur = i
                continue
            m = marks.get(ch)
            if m is not None and m.family not in disabled and _can_open(text, i):
                cur, mark = i, m
        if mark is None or cur is None:
            return
        if next_par is not None and self._opens_with(next_par, mark.family):
            stop = end
            while stop > cur + 1 and text[stop - 1].isspace():
                stop -= 1
            self.out.append(Quote(cur, stop, closed=False))
        else:
            self.scan(cur + 1, end, disabled | {mark.family}, None)

    def _opens_with(self, pos: int, family: str) -> bool:
        while pos < len(self.text) and self.text[pos].isspace():
            pos += 1
        m = self.marks.get(self.text[pos]) if pos < len(self.text) else None
        return m is not None and m.family == family


def pair_quotes(text: str, marks: dict[str, QuoteMark]) -> list[Quote]:
    """All top-level quotes in text order; nested quotes stay inside, unbalanced marks are skipped."""
    scanner = _Scanner(text, marks)
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    for k, (start, end) in enumerate(paragraphs):
        nxt = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else None
        scanner.scan(start, end, frozenset(), nxt)
    return sorted((q for q in scanner.out if q.end > q.start), key=lambda q: q.open)
