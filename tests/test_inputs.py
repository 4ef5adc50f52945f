"""Reading articles: every input kind, and every way an input can be bad (each with its own code)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.errors import DetenteError
from detente.inputs import (
    Article,
    InputError,
    article_id,
    check_text,
    english_function_words,
    english_share,
    iter_articles,
    read_article,
)

ENGLISH = (
    "Russian and Ukrainian delegations met in Istanbul on Friday for their first direct talks in three "
    "years. The meeting lasted less than two hours, and the two sides agreed to exchange 1,000 prisoners "
    "of war each, but they did not agree on a cease-fire."
)
GERMAN = (
    "Die Delegationen Russlands und der Ukraine haben sich am Freitag in Istanbul zu ihren ersten direkten "
    "Gesprächen seit drei Jahren getroffen. Nach weniger als zwei Stunden gingen die Unterhändler wieder "
    "auseinander. Beide Seiten vereinbarten einen Austausch von jeweils tausend Kriegsgefangenen."
)
FRENCH = (
    "Les délégations russe et ukrainienne se sont rencontrées vendredi à Istanbul pour leurs premières "
    "négociations directes depuis trois ans. Les discussions ont duré moins de deux heures. Les deux "
    "parties ont convenu d'un échange de mille prisonniers de guerre chacune."
)
HTML = f"""<!DOCTYPE html><html><head><title>Talks in Istanbul | Wire</title>
<meta property="og:title" content="Talks in Istanbul">
<meta property="article:published_time" content="2025-05-17T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Talks in Istanbul</h1><p>{ENGLISH}</p>
<p>Officials said that the next round of talks would depend on the success of the exchange.</p></article>
<footer>Copyright Wire 2025</footer></body></html>"""


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


def error_of(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    return info.value


# --- each input kind -------------------------------------------------------------------------


def test_txt_article(tmp_path):
    art = read_article(write(tmp_path / "a.txt", ENGLISH + "\n"))
    assert isinstance(art, Article)
    assert art.text == ENGLISH + "\n"
    assert art.id == article_id(art.text) and len(art.id) == 16
    assert art.published is None and art.origin == str(tmp_path / "a.txt")
    assert art.encoding == "utf-8" and art.warnings == ()


def test_id_is_stable_and_text_based(tmp_path):
    first = read_article(write(tmp_path / "a.txt", ENGLISH))
    second = read_article(write(tmp_path / "b.txt", ENGLISH))
    assert first.id == second.id


def test_newlines_are_normalized(tmp_path):
    art = read_article(write(tmp_path / "a.txt", "Line one of it.\r\nLine two.\rLine three.\r\n"))
    assert art.text == "Line one of it.\nLine two.\nLine three.\n"


def test_sidecar_meta(tmp_path):
    write(tmp_path / "talks.txt", ENGLISH)
    meta = {"id": "talks-1", "published": "2025-05-17", "title": "Talks", "url": "https://x.org/t",
            "source": "Wire", "ignored": 1}
    write(tmp_path / "talks.meta.json", json.dumps(meta))
    art = read_article(tmp_path / "talks.txt")
    assert (art.id, art.published, art.title, art.url, art.source) == (
        "talks-1", "2025-05-17", "Talks", "https://x.org/t", "Wire")


def test_html_article(tmp_path):
    art = read_article(write(tmp_path / "page.html", HTML))
    assert "first direct talks in three years" in art.text
    assert "Home" not in art.text and "Copyright" not in art.text
    assert art.title == "Talks in Istanbul"
    assert art.published == "2025-05-17"


def test_htm_with_sidecar_overrides_html_metadata(tmp_path):
    write(tmp_path / "page.htm", HTML)
    write(tmp_path / "page.meta.json", json.dumps({"published": "2025-05-18T09:30:00Z", "title": "Given"}))
    art = read_article(tmp_path / "page.htm")
    assert art.published == "2025-05-18T09:30:00Z" and art.title == "Given"


def test_malformed_html_still_yields_text(tmp_path):
    broken = f"<html><body><div><p>{ENGLISH}<b>unclosed <i>tags</p></div><p>{ENGLISH}"
    art = read_article(write(tmp_path / "broken.html", broken))
    assert "Istanbul" in art.text


def test_short_html_article(tmp_path):
    short = "<html><body><p>The two sides will meet again in Istanbul next week, officials said.</p></body>"
    art = read_article(write(tmp_path / "short.html", short))
    assert art.text == "The two sides will meet again in Istanbul next week, officials said."
    assert art.warnings == ()


def test_html_falls_back_to_page_text_when_main_text_is_discarded(tmp_path):
    # trafilatura drops a block classed "comments" as boilerplate; the page has nothing else.
    page = '<html><body><div class="comments"><p>Kyiv said no to the plan on Friday.</p></div></body></html>'
    art = read_article(write(tmp_path / "c.html", page))
    assert art.text == "Kyiv said no to the plan on Friday."
    assert art.warnings == ("main text not found in the HTML; used all page text",)


def test_json_article(tmp_path):
    obj = {"id": "j1", "text": ENGLISH, "published": "2025-05-17", "title": "T", "source": "S"}
    art = read_article(write(tmp_path / "a.json", json.dumps(obj)))
    assert (art.id, art.text, art.published, art.title, art.source) == ("j1", ENGLISH, "2025-05-17", "T", "S")


def test_json_article_with_html(tmp_path):
    art = read_article(write(tmp_path / "a.json", json.dumps({"html": HTML, "url": "https://x.org/a"})))
    assert "Istanbul" in art.text and art.url == "https://x.org/a" and art.published == "2025-05-17"


def test_rfc2822_feed_date_becomes_iso(tmp_path):
    obj = {"text": ENGLISH, "published": "Sat, 17 May 2025 10:00:00 +0000"}
    assert read_article(write(tmp_path / "a.json", json.dumps(obj))).published == "2025-05-17T10:00:00+00:00"


def test_jsonl_feed_keeps_going_after_a_bad_line(tmp_path):
    lines = [
        json.dumps({"id": "one", "text": ENGLISH, "published": "2025-05-17"}),
        '{"id": "two", "text": ',  # malformed
        "",
        json.dumps({"id": "three", "html": HTML}),
        json.dumps({"id": "four", "title": "no text"}),
        json.dumps({"id": "five", "text": ENGLISH + " Again."}),
    ]
    feed = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    out = list(iter_articles([feed]))
    assert [a.id for a in out if isinstance(a, Article)] == ["one", "three", "five"]
    errors = [e for e in out if isinstance(e, InputError)]
    assert [(e.code, e.origin) for e in errors] == [("E106", f"{feed}:2"), ("E109", f"{feed}:5")]


def test_folder_is_read_recursively_and_sorted(tmp_path):
    write(tmp_path / "b.txt", ENGLISH)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.html", HTML)
    write(tmp_path / "a.json", json.dumps({"id": "a", "text": ENGLISH + " A."}))
    write(tmp_path / "b.meta.json", json.dumps({"id": "b"}))  # a sidecar, not an article
    write(tmp_path / "notes.md", "# not an article")  # other kinds in a folder are skipped
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden" / "x.txt", ENGLISH)
    out = list(iter_articles([tmp_path]))
    assert all(isinstance(a, Article) for a in out)
    assert [Path(a.origin).name for a in out] == ["a.json", "b.txt", "c.html"]
    assert out[1].id == "b"


def test_iter_articles_mixes_files_and_errors(tmp_path):
    good = write(tmp_path / "good.txt", ENGLISH)
    empty = write(tmp_path / "empty.txt", "")
    out = list(iter_articles([empty, tmp_path / "missing.txt", good]))
    assert [type(x).__name__ for x in out] == ["InputError", "InputError", "Article"]
    assert [x.code for x in out[:2]] == ["E105", "E101"]


# --- each error case -------------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "   \n\t\n"])
def test_empty_file(tmp_path, content):
    err = error_of(read_article, write(tmp_path / "e.txt", content))
    assert err.code == "E105"


def test_binary_file(tmp_path):
    err = error_of(read_article, write(tmp_path / "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20))
    assert err.code == "E104"


def test_control_characters_count_as_binary(tmp_path):
    err = error_of(read_article, write(tmp_path / "b.txt", ENGLISH + "\x01\x02\x03\x04\x05\x06" * 5))
    assert err.code == "E104"


def test_cp1252_file_is_decoded_and_reported(tmp_path):
    text = "Café talks in Istanbul – the “first” in three years, officials said, and they agreed."
    art = read_article(write(tmp_path / "w.txt", text.encode("cp1252")))
    assert art.text == text
    assert art.encoding == "cp1252"
    assert art.warnings == ("file was not UTF-8; decoded as cp1252",)


def test_latin1_file(tmp_path):
    data = "Président Macron said the talks in Genève went well.".encode("latin-1")
    art = read_article(write(tmp_path / "l.txt", data))
    assert "Président" in art.text and "Genève" in art.text and art.encoding == "cp1252"


def test_utf8_is_preferred_over_cp1252(tmp_path):
    art = read_article(write(tmp_path / "u.txt", "Zelenskyy said “no” to the plan in Kyiv.".encode()))
    assert art.encoding == "utf-8" and "“no”" in art.text


def test_utf16_bom_file(tmp_path):
    art = read_article(write(tmp_path / "u16.txt", ENGLISH.encode("utf-16")))  # writes a BOM
    assert art.text == ENGLISH and art.encoding == "utf-16"


def test_utf8_bom_is_dropped(tmp_path):
    art = read_article(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode()))
    assert art.text == ENGLISH and art.encoding == "utf-8-sig"


def test_file_over_the_size_limit(tmp_path):
    err = error_of(read_article, write(tmp_path / "big.txt", ENGLISH * 10), max_bytes=1000)
    assert err.code == "E103" and "limit" in str(err)


def test_jsonl_line_over_the_size_limit(tmp_path):
    lines = [json.dumps({"text": ENGLISH * 10}), json.dumps({"text": ENGLISH})]
    feed = write(tmp_path / "f.jsonl", "\n".join(lines))
    out = list(iter_articles([feed], max_bytes=1000))
    assert isinstance(out[0], InputError) and out[0].code == "E103" and isinstance(out[1], Article)


@pytest.mark.parametrize("html", ["<html><body></body></html>", "<html><script>var x = 1;</script></html>"])
def test_html_with_no_text(tmp_path, html):
    assert error_of(read_article, write(tmp_path / "x.html", html)).code == "E107"


@pytest.mark.parametrize("content", ['{"text": "unterminated', "[1, 2]", "null"])
def test_malformed_json(tmp_path, content):
    assert error_of(read_article, write(tmp_path / "x.json", content)).code == "E106"


def test_malformed_sidecar(tmp_path):
    write(tmp_path / "a.txt", ENGLISH)
    write(tmp_path / "a.meta.json", "{not json")
    err = error_of(read_article, tmp_path / "a.txt")
    assert err.code == "E106" and err.origin.endswith("a.meta.json")


def test_bad_published_date(tmp_path):
    bad = write(tmp_path / "a.json", json.dumps({"text": ENGLISH, "published": "soon"}))
    err = error_of(read_article, bad)
    assert err.code == "E110" and "2025-05-17" in str(err)


@pytest.mark.parametrize("text", [GERMAN, FRENCH])
def test_not_english(tmp_path, text):
    err = error_of(read_article, write(tmp_path / "x.txt", text))
    assert err.code == "E108" and "English" in str(err)


def test_missing_file(tmp_path):
    err = error_of(read_article, tmp_path / "nope.txt")
    assert err.code == "E101" and err.origin == str(tmp_path / "nope.txt")


@pytest.mark.parametrize("name", ["a.pdf", "a.docx", "a.jsonl", "a.meta.json"])
def test_unsupported_extension(tmp_path, name):
    assert error_of(read_article, write(tmp_path / name, ENGLISH)).code == "E102"


# --- the error type and the language check -------------------------------------------------------


def test_error_is_one_line_with_code_and_fix(tmp_path):
    err = error_of(read_article, tmp_path / "nope.txt")
    assert isinstance(err, DetenteError)
    assert "\n" not in str(err) and str(err).startswith("[E101]") and "check the path" in str(err)


def test_check_text_directly():
    check_text(ENGLISH, "inline")
    check_text("Kyiv, May 23.", "inline")  # too short to judge the language: passes
    assert error_of(check_text, "a\x00b", "inline").code == "E104"
    assert error_of(check_text, GERMAN, "inline").code == "E108"


def test_error_codes_are_distinct(tmp_path):
    import detente.inputs as inputs

    codes = [v for k, v in vars(inputs).items() if k.startswith("E_")]
    assert len(codes) == len(set(codes)) >= 10


def test_function_word_list_loads():
    words = english_function_words()
    assert {"the", "of", "and", "said"} <= words
    assert all(w == w.strip().lower() and " " not in w for w in words)
    assert english_share(ENGLISH)[0] > 0.3
    assert english_share(GERMAN)[0] < 0.08 and english_share(FRENCH)[0] < 0.08
