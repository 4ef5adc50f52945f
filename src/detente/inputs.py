"""Reading articles from disk: plain text, HTML, JSON objects and JSONL feeds.

Everything the extractor sees passes through here, so this module owns the three promises the
record makes about its text: it is UTF-8 decoded (the encoding actually used is reported),
newlines are ``\\n`` (``document.text`` offsets point into exactly this string), and the id is
stable (given by the caller, else derived from the text's SHA-256). Bad input never stops a batch:
``iter_articles`` yields an :class:`InputError` for the bad file or line and carries on.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import Any

from detente.errors import DetenteError

#: File kinds read as articles; anything else given explicitly is E102, found in a folder is skipped.
SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
META_SUFFIX = ".meta.json"
META_FIELDS = ("id", "published", "title", "url", "source")

# The language check: share of English function words among alphabetic words. The two seed corpus
# articles score 0.44, German, French and Spanish news paragraphs 0.02 (tests/test_inputs.py), so
# 8 % leaves a wide margin both ways; under 20 words the share is too noisy to judge: short texts pass.
MIN_ENGLISH_SHARE = 0.08
MIN_WORDS_FOR_LANGUAGE = 20
# Share of control characters (other than tab, newline, carriage return, form feed) above which a
# decoded text is treated as binary: real articles have none, binary decoded as cp1252 has many.
MAX_CONTROL_SHARE = 0.01

_WORD_RE = re.compile(r"[^\W\d_]+")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")


@dataclass(frozen=True)
class Article:
    """One article as read, before extraction; ``text`` is exactly what offsets will index."""

    id: str | None
    text: str
    published: str | None  # ISO date or date-time as given
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # "path/to/file.txt" or "feed.jsonl:17" for error reports
    encoding: str = "utf-8"  # how the bytes were decoded (utf-8, utf-8-sig, utf-16, cp1252)
    warnings: tuple[str, ...] = ()  # what reading could not do cleanly; goes into document.warnings


class InputError(DetenteError):
    """A file or feed line that cannot become an article; ``str()`` is one line with the fix."""

    code = "E100"

    def __init__(self, code: str, origin: str, message: str) -> None:
        self.code = code
        self.origin = origin
        self.message = message
        super().__init__(f"[{code}] {origin}: {message}")


# Error codes, one per way input can be bad (kept together so the CLI docs can list them).
E_MISSING = "E101"
E_EXTENSION = "E102"
E_TOO_LARGE = "E103"
E_BINARY = "E104"
E_EMPTY = "E105"
E_JSON = "E106"
E_NO_HTML_TEXT = "E107"
E_NOT_ENGLISH = "E108"
E_NO_TEXT_FIELD = "E109"
E_BAD_DATE = "E110"


def article_id(text: str) -> str:
    """The id used when none is given: the first 16 hex digits of the text's SHA-256 (stable)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and ``\\r`` become ``\\n`` so that offsets do not depend on the writer's OS."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@cache
def english_function_words() -> frozenset[str]:
    """The word list in ``data/english_function_words.txt`` (data, not code, so it can be reviewed)."""
    raw = (Path(__file__).parent / "data" / "english_function_words.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


def english_share(text: str) -> tuple[float, int]:
    """(share of function words, number of alphabetic words) — the evidence for the language check."""
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if not words:
        return 0.0, 0
    known = english_function_words()
    return sum(w in known for w in words) / len(words), len(words)


def check_text(text: str, origin: str) -> None:
    """Refuse text the extractor would turn into an empty or misleading record.

    Raises :class:`InputError` for empty text (E105), binary content (E104: NUL or too many control
    characters) and text that is not English (E108, see ``MIN_ENGLISH_SHARE``).
    """
    if not text.strip():
        raise InputError(E_EMPTY, origin, "the text is empty; give a file with the article text")
    if "\x00" in text:
        raise InputError(E_BINARY, origin, "the text contains NUL bytes (binary?); give a text file")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls / len(text) > MAX_CONTROL_SHARE:
        raise InputError(
            E_BINARY, origin, f"{controls} control characters (binary?); give a plain-text or HTML file"
        )
    share, n_words = english_share(text)
    if n_words >= MIN_WORDS_FOR_LANGUAGE and share < MIN_ENGLISH_SHARE:
        raise InputError(
            E_NOT_ENGLISH,
            origin,
            f"the text does not look English ({share:.0%} English function words over {n_words} words, "
            f"need {MIN_ENGLISH_SHARE:.0%}); detente reads English only — translate it first",
        )


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not) or BOM-marked UTF-16; cp1252 only as a clean last resort.

    Returns (text, encoding). cp1252 is tried only when the bytes are not valid UTF-8, because
    many UTF-8 texts also decode as cp1252 into mojibake; latin-1 files are cp1252-compatible.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(E_BINARY, origin, "UTF-16 BOM but invalid UTF-16; re-save as UTF-8") from exc
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif b"\x00" in data:
        raise InputError(E_BINARY, origin, "the file contains NUL bytes (binary?); give a text file")
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise InputError(
            E_BINARY, origin, "not decodable as UTF-8, UTF-16 (BOM) or cp1252; re-save the file as UTF-8"
        ) from exc


def normalize_published(value: Any, origin: str) -> str | None:
    """Return an ISO 8601 date or date-time string, converting RFC 2822 feed dates; else E110."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    try:
        (date if len(text) == 10 else datetime).fromisoformat(text)
        return text
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError):
        raise InputError(
            E_BAD_DATE, origin, f"published {text!r} is not an ISO 8601 date; write e.g. 2025-05-17"
        ) from None


def _read_bytes(path: Path, max_bytes: int, origin: str) -> bytes:
    if not path.is_file():
        raise InputError(E_MISSING, origin, "no such file; check the path")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            E_TOO_LARGE, origin, f"{size:,} bytes is over the {max_bytes:,}-byte limit; split the file "
            "or raise the limit (--max-bytes)"
        )
    return path.read_bytes()


def _html_article(html: str, origin: str) -> tuple[str, dict[str, Any], list[str]]:
    """Main text and metadata via trafilatura; falls back to all page text for very short pages."""
    import trafilatura  # imported here: loading it costs ~0.5 s and most runs read text files

    warnings: list[str] = []
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) or ""
    meta = {
        "title": getattr(doc, "title", None),
        "published": getattr(doc, "date", None),
        "url": getattr(doc, "url", None),
        "source": getattr(doc, "sitename", None),
    }
    if not text.strip():
        # trafilatura skips pages under ~250 characters of main text; a short statement is still news.
        text = trafilatura.html2txt(html) or ""
        if text.strip():
            warnings.append("main text not found in the HTML; used all page text")
    if not text.strip():
        raise InputError(E_NO_HTML_TEXT, origin, "no text could be extracted from the HTML; "
                         "save the article as .txt or check the page is not a script-only shell")
    return text, {k: v for k, v in meta.items() if v}, warnings


def _from_object(obj: Any, origin: str, encoding: str = "utf-8") -> Article:
    """An article from a JSON object: {"id", "text" or "html", "published", "title", "url", "source"}."""
    if not isinstance(obj, dict):
        raise InputError(E_JSON, origin, "expected a JSON object with a \"text\" or \"html\" field")
    warnings: list[str] = []
    meta: dict[str, Any] = {}
    if isinstance(obj.get("text"), str):
        text = obj["text"]
    elif isinstance(obj.get("html"), str):
        text, meta, warnings = _html_article(obj["html"], origin)
    else:
        raise InputError(E_NO_TEXT_FIELD, origin, "the object has no \"text\" or \"html\" string; add one")
    for key in META_FIELDS:
        if obj.get(key) not in (None, ""):
            meta[key] = obj[key]
    return _build(text, meta, origin, encoding, warnings)


def _build(text: str, meta: dict[str, Any], origin: str, encoding: str, warnings: list[str]) -> Article:
    text = normalize_newlines(text).removeprefix("\ufeff")
    check_text(text, origin)
    if encoding == "cp1252":
        warnings.append("file was not UTF-8; decoded as cp1252")
    given_id = meta.get("id")
    return Article(
        id=str(given_id) if given_id not in (None, "") else article_id(text),
        text=text,
        published=normalize_published(meta.get("published"), origin),
        title=_opt_str(meta.get("title")),
        url=_opt_str(meta.get("url")),
        source=_opt_str(meta.get("source")),
        origin=origin,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _sidecar(path: Path, max_bytes: int) -> dict[str, Any]:
    """Metadata from ``NAME.meta.json`` beside ``NAME.txt``/``NAME.html``, or {} when absent."""
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.is_file():
        return {}
    origin = str(meta_path)
    text, _ = decode(_read_bytes(meta_path, max_bytes, origin), origin)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(E_JSON, origin, f"malformed JSON ({exc.msg} at line {exc.lineno}); fix it") from None
    if not isinstance(obj, dict):
        raise InputError(E_JSON, origin, "a .meta.json sidecar must be one JSON object")
    return {k: obj[k] for k in META_FIELDS if obj.get(k) not in (None, "")}


def read_article(path: Path, max_bytes: int = 5_000_000) -> Article:
    """Read one .txt, .html/.htm or .json article file (with its ``.meta.json`` sidecar, if any).

    Raises :class:`InputError`; a .jsonl feed holds many articles, so read it with ``iter_articles``.
    """
    path = Path(path)
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES or suffix == ".jsonl" or path.name.endswith(META_SUFFIX):
        what = "a .jsonl feed: use iter_articles" if suffix == ".jsonl" else f"unsupported type {suffix!r}"
        raise InputError(E_EXTENSION, origin, f"{what}; give .txt, .html, .htm, .json or .jsonl")
    text, encoding = decode(_read_bytes(path, max_bytes, origin), origin)
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            message = f"malformed JSON ({exc.msg} at line {exc.lineno}); fix it"
            raise InputError(E_JSON, origin, message) from None
        return _from_object(obj, origin, encoding)
    warnings: list[str] = []
    meta: dict[str, Any] = {}
    if suffix in (".html", ".htm"):
        text, meta, warnings = _html_article(text, origin)
    meta.update(_sidecar(path, max_bytes))
    return _build(text, meta, origin, encoding, warnings)


def iter_jsonl(path: Path, max_bytes: int = 5_000_000) -> Iterator[Article | InputError]:
    """One article per line of a JSONL feed; ``max_bytes`` limits each line, not the whole feed."""
    path = Path(path)
    if not path.is_file():
        yield InputError(E_MISSING, str(path), "no such file; check the path")
        return
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            origin = f"{path}:{lineno}"
            if not raw.strip():
                continue
            try:
                if len(raw) > max_bytes:
                    raise InputError(E_TOO_LARGE, origin, f"line of {len(raw):,} bytes is over the "
                                     f"{max_bytes:,}-byte limit; split the article or raise the limit")
                line, encoding = decode(raw.removeprefix(codecs.BOM_UTF8) if lineno == 1 else raw, origin)
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(E_JSON, origin, f"malformed JSON line ({exc.msg}); fix or remove "
                                     "the line") from None
                yield _from_object(obj, origin, encoding)
            except InputError as err:
                yield err


def _expand(path: Path) -> Iterator[Path]:
    """Files under a folder, recursively and sorted, of the readable kinds (hidden files skipped)."""
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path).parts
        if any(part.startswith(".") for part in rel) or not child.is_file():
            continue
        if child.suffix.lower() in SUFFIXES and not child.name.endswith(META_SUFFIX):
            yield child


def iter_articles(paths: Sequence[Path], max_bytes: int = 5_000_000) -> Iterator[Article | InputError]:
    """Every article in files, folders and JSONL feeds, in order; a bad one yields an InputError."""
    for given in paths:
        given = Path(given)
        files = _expand(given) if given.is_dir() else iter([given])
        for path in files:
            if path.suffix.lower() == ".jsonl":
                yield from iter_jsonl(path, max_bytes)
                continue
            try:
                yield read_article(path, max_bytes)
            except InputError as err:
                yield err
