"""A handful of short, distinct news articles for the multi-process tests (written for these tests)."""

from __future__ import annotations

from detente.inputs import Article

_TEMPLATES = [
    "{a} and {b} agreed on Tuesday to resume talks in Geneva next month, officials said.",
    "{a} accused {b} of shelling border villages on Monday, killing at least {n} civilians.",
    "The foreign minister of {a} will visit {b} on Friday to discuss a ceasefire, his office said.",
    "{a} released {n} prisoners held by {b} on Sunday in an exchange brokered by Turkey.",
    "{b} rejected a proposal from {a} to hold a summit, calling it a stunt, a spokesman said.",
]
_PAIRS = [("Ukraine", "Russia"), ("Israel", "Iran"), ("India", "Pakistan"), ("Armenia", "Azerbaijan"),
          ("Serbia", "Kosovo"), ("Ethiopia", "Eritrea"), ("China", "Taiwan"), ("Sudan", "Chad")]


def short_articles(n: int, prefix: str = "art") -> list[Article]:
    out = []
    for i in range(n):
        a, b = _PAIRS[i % len(_PAIRS)]
        text = _TEMPLATES[i % len(_TEMPLATES)].format(a=a, b=b, n=10 + 7 * i) + f" (Report {prefix}-{i}.)"
        out.append(Article(id=f"{prefix}-{i}", text=text, published="2025-05-17", origin=f"{prefix}-{i}"))
    return out
