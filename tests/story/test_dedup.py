"""Near-duplicate articles: MinHash/LSH finds syndicated copies; ingest stores them once."""

from __future__ import annotations

from detente.ingest import ingest_articles
from detente.inputs import Article
from detente.store import queries
from detente.story import NearDuplicates, clusters, find_duplicate, sources
from detente.story.dedup import record_source
from detente.story.minhash import BANDS, jaccard, shingles, signature, text_keys
from tests.story.conftest import moscow

HEADLINE = "Russia and Ukraine carry out largest prisoner swap of the war"
BODY = [
    "Russia and Ukraine exchanged 390 prisoners each on Friday in the first stage of the largest swap "
    "since the full-scale invasion began, officials in both capitals said.",
    "The exchange took place on the border with Belarus, where buses carrying the freed soldiers and "
    "civilians crossed in the early afternoon under the watch of international observers.",
    "Ukrainian President Volodymyr Zelensky wrote on social media that the country was bringing its "
    "people home and that further stages were expected over the weekend.",
    "The Russian Defense Ministry said the returning servicemen would receive medical and psychological "
    "care in hospitals run by the ministry before they rejoin their families.",
    "The deal was the only concrete result of direct talks held in Istanbul last week, the first such "
    "meeting between the two delegations in more than three years of fighting.",
    "Relatives of missing soldiers gathered near the crossing point holding photographs and flags, "
    "hoping to find their sons and husbands among those who had come back.",
    "Officials said the lists of names had been agreed in advance through mediators and that both "
    "sides had checked every person before the buses were allowed to move.",
    "Analysts said the swap showed that limited humanitarian agreements remain possible even while "
    "the main questions of a cease-fire and territory are far from settled.",
    "Both governments said they would continue the exchange in the coming days until all of the "
    "agreed number of prisoners had been returned to their home countries.",
    "Among those released were several men captured during the defense of Mariupol in the spring of "
    "2022, according to a coordination headquarters that handles the treatment of prisoners.",
    "Human rights monitors have documented abuse in detention on both sides and called for access "
    "to every facility where captured fighters and civilians are being held.",
    "The International Committee of the Red Cross said it was ready to help with later stages but had "
    "not been asked to take part in the transfer that took place on Friday.",
    "Earlier exchanges this year involved far smaller numbers, usually a few dozen people at a time, "
    "and were often delayed by disputes over the lists at the last minute.",
    "Turkey, which hosted the talks, welcomed the swap and offered to host a further round of "
    "negotiations at the level of leaders if both sides agreed to meet.",
    "In Moscow, state television showed returning soldiers stepping off buses and kneeling to kiss "
    "the ground, while in Kyiv crowds sang the national anthem in the rain.",
    "Diplomats in Brussels described the exchange as a modest but welcome step and urged both "
    "governments to build on it with a broader agreement on civilians.",
    "A second group of prisoners is expected to be handed over on Saturday, with a third and final "
    "group on Sunday, according to officials familiar with the arrangements.",
]
ORIGINAL = HEADLINE + "\n" + " ".join(BODY)
CHANGED = ("A Kremlin spokesman declined to give further details of the timing of the next stages when "
           "asked by reporters on Friday evening.")
COPY = "Ukraine, Russia free hundreds in swap, officials say\n" + " ".join([*BODY[:4], CHANGED, *BODY[5:]])
OTHER = ("Talks between Armenia and Azerbaijan in Abu Dhabi ended without a peace treaty on Monday, "
         "but both foreign ministers said a draft text was nearly complete and that their leaders "
         "could meet again in the summer to settle the remaining questions about the border.")


def test_a_pending_text_is_found_until_it_is_forgotten(store):
    store.create()
    index = NearDuplicates(store)
    index.add("orig", ORIGINAL)
    assert index.query(COPY) == "orig"
    assert index.query(OTHER) is None
    assert index.query(" ".join(BODY[::-1])) is None  # same sentences, another story order: few shingles
    index.forget(["orig"])
    assert len(index) == 0 and index.query(COPY) is None  # not stored: nothing to point at any more


def test_band_keys_make_copies_candidates_and_others_not():
    """The LSH keys are what the store is searched by: a copy (Jaccard 0.84) must share one, an
    unrelated text none; the exact Jaccard then decides."""
    assert 0.8 <= jaccard(shingles(ORIGINAL), shingles(COPY)) < 0.9
    assert set(text_keys(ORIGINAL)) & set(text_keys(COPY))
    assert not set(text_keys(ORIGINAL)) & set(text_keys(OTHER))
    assert len(text_keys(ORIGINAL)) == BANDS and text_keys("") == () and text_keys("!!") == ()


def test_the_signature_estimates_jaccard():
    import random

    rng = random.Random(7)
    words = [f"w{i}" for i in range(3000)]
    errors = []
    for _ in range(60):
        base = [rng.choice(words) for _ in range(200)]
        edited = [rng.choice(words) if rng.random() < rng.random() * 0.4 else w for w in base]
        a, b = shingles(" ".join(base)), shingles(" ".join(edited))
        errors.append(float((signature(a) == signature(b)).mean()) - jaccard(a, b))
    assert abs(sum(errors) / len(errors)) < 0.02  # unbiased
    assert max(map(abs, errors)) < 0.2  # sd is about 0.045 with 120 hash functions


def test_a_store_from_before_the_keys_gets_them_once(tmp_path):
    """``Store.create`` on a store without ``article_bands`` writes the keys of its articles."""
    from sqlalchemy import text

    from detente.store import Store

    url = f"sqlite:///{tmp_path / 'old.db'}"
    rec = moscow()
    rec["document"].update(text=ORIGINAL, sha256="3" * 64)
    rec["events"], rec["claims"], rec["timexes"], rec["actors"] = [], [], [], []
    with Store(url) as old:
        old.create()
        old.add(rec)
        with old.engine.begin() as conn:
            conn.execute(text("DROP TABLE article_bands"))
    with Store(url) as upgraded:
        upgraded.create()
        assert queries.stats(upgraded)["article_bands"] == BANDS
        assert find_duplicate(upgraded, COPY) == "moscow"


def test_find_duplicate_against_the_store(store):
    rec = moscow()
    rec["document"].update(text=ORIGINAL, sha256="2" * 64)
    rec["events"], rec["claims"], rec["timexes"], rec["actors"] = [], [], [], []
    store.add(rec)
    assert find_duplicate(store, COPY) == "moscow"
    assert find_duplicate(store, OTHER) is None
    assert record_source(store, "moscow", "copy-1", {"source": "Other Wire", "published": "2025-05-24"})
    assert not record_source(store, "moscow", "copy-1", {"source": "Other Wire"})
    assert [s["source"] for s in sources(store, "moscow")] == ["Moscow Daily", "Other Wire"]


def test_copy_sources_count_in_clusters(call_store):
    record_source(call_store, "moscow", "copy-1", {"source": "Other Wire", "published": "2025-05-20"})
    call = next(c for c in clusters(call_store, min_articles=2) if c["type"] == "CONSULT")
    assert call["sources"] == ["Washington Wire", "Moscow Daily", "Other Wire"] and call["n_sources"] == 3


def test_ingest_stores_a_near_duplicate_once_with_both_sources(store, monkeypatch):
    extracted: list[str] = []

    def fake_extract_many(triples, nlp=None, batch_size=16):
        from detente.record import default_id

        for text, published, meta in triples:
            extracted.append(meta["id"])
            rec = moscow()
            rec["events"], rec["claims"], rec["timexes"], rec["actors"] = [], [], [], []
            rec["document"].update(id=meta["id"] or default_id(text), text=text, sha256=None,
                                   source=meta["source"], published=published)

            class R:
                def to_dict(self, rec=rec):
                    return rec
            yield R()

    monkeypatch.setattr("detente.ingest.extract_many", fake_extract_many)
    batch = [Article(id="wire-a", text=ORIGINAL, published="2025-05-23", source="Wire A", origin="a"),
             Article(id="wire-b", text=COPY, published="2025-05-23", source="Wire B", origin="b"),
             Article(id="other", text=OTHER, published="2025-05-23", source="Wire C", origin="c")]
    summary = ingest_articles(batch, store)
    assert (summary.added, summary.skipped, summary.failed) == (2, 1, [])
    assert extracted == ["wire-a", "other"]
    assert [s["source"] for s in sources(store, "wire-a")] == ["Wire A", "Wire B"]
    again = ingest_articles([Article(id="wire-b", text=COPY, published="2025-05-23", source="Wire B",
                                     origin="b")], store)
    assert (again.added, again.skipped) == (0, 1)
    assert queries.stats(store)["article_sources"] == 1
