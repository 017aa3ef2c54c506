"""BM25 indexes saved under the store's content fingerprint: a second process loads
them, a changed store gets a new one, a broken or stale file is rebuilt, never served.
In-memory Chroma, the stub embedder and a temporary cache directory."""

from __future__ import annotations

import dataclasses
import json

import pytest

from ingest.base import Paragraph, ParsedDocument
from ingest.pipeline import FileResult, sync_document
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from rag.retrieve.channels.bm25 import BM25Index, word_channel
from rag.retrieve.channels.bm25_cache import KEEP, META, BM25Cache
from rag.understand.query import QueryAnalyzer
from tests.support import FIXTURES, fixture_store, stub_embedder


@pytest.fixture
def world(tmp_path):
    embedder = stub_embedder()
    store = fixture_store([FIXTURES / "en_report.txt"], embedder)
    library = Library(store, lambda: Dictionary({}), refresh_s=0)
    return store, embedder, QueryAnalyzer(library, embedder), tmp_path / "cache"


def whole(query):
    """The query searched over every document (a question with two documents stored may
    be routed to one of them, which a scoped index kept in memory ranks)."""
    return dataclasses.replace(query, scope=None)


def search(channel, analyzer, question):
    return [(h.id, round(h.score, 5)) for h in channel.search(analyzer(question), 10)]


def add_document(store, embedder, doc_id, text, lang="en"):
    doc = ParsedDocument(doc_id, lang, (Paragraph(doc_id, 1, text, lang=lang),))
    sync_document(doc, store, embedder, FileResult(doc_id), progress=False)


def test_a_second_process_loads_the_saved_index_and_ranks_the_same(world):
    store, embedder, analyzer, cache = world
    first = word_channel(cache)
    want = search(first, analyzer, "official development assistance for water")
    assert first.last["how"] == "built" and want
    assert [p.name for p in cache.iterdir() if p.name.startswith(".tmp")] == []
    second = word_channel(cache)  # a new worker: same cache directory, nothing in memory
    assert search(second, analyzer, "official development assistance for water") == want
    assert second.last["how"] == "loaded"


def test_a_changed_store_gets_a_new_index_never_the_old_one(world):
    store, embedder, analyzer, cache = world
    worker = word_channel(cache)
    old = analyzer("zanzibar desalination")
    assert worker.search(old, 5) == []
    add_document(store, embedder, "A/NEW/1", "Zanzibar opened a desalination plant.")
    other = word_channel(cache)  # the ingesting process builds and saves the new one
    asked = whole(analyzer("zanzibar desalination"))
    assert [h.id for h in other.search(asked, 5)] == ["A/NEW/1:1"]
    hits = worker.search(asked, 5)  # next refresh: new fingerprint
    assert [h.id for h in hits] == ["A/NEW/1:1"] and worker.last["how"] == "loaded"
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 2  # one per fingerprint


@pytest.mark.parametrize("damage", ["truncate", "garbage_meta", "no_ids"])
def test_a_corrupt_index_is_rebuilt_and_replaced(world, damage):
    store, embedder, analyzer, cache = world
    want = search(word_channel(cache), analyzer, "sanitation in schools")
    [saved] = [p for p in cache.iterdir() if p.is_dir()]
    if damage == "truncate":
        data = saved / "part-en" / "data.csc.index.npy"
        data.write_bytes(data.read_bytes()[:20])
    elif damage == "garbage_meta":
        (saved / META).write_text("{not json", encoding="utf-8")
    else:
        (saved / "ids.json").unlink()
    rebuilt = word_channel(cache)
    assert search(rebuilt, analyzer, "sanitation in schools") == want
    assert rebuilt.last["how"] == "built"
    again = word_channel(cache)
    assert search(again, analyzer, "sanitation in schools") == want
    assert again.last["how"] == "loaded"  # the rebuilt copy replaced the broken one


def test_an_index_of_other_paragraphs_under_the_key_is_not_served(world):
    store, embedder, analyzer, cache = world
    channel = word_channel(cache)
    channel.search(analyzer("water"), 5)
    [saved] = [p for p in cache.iterdir() if p.is_dir()]
    meta = json.loads((saved / META).read_text(encoding="utf-8"))
    meta["ids"] = meta["ids"][:-1]  # as if written for a store without one paragraph
    (saved / META).write_text(json.dumps(meta), encoding="utf-8")
    fresh = word_channel(cache)
    fresh.search(analyzer("water"), 5)
    assert fresh.last["how"] == "built"


def test_a_failed_save_still_answers_and_leaves_nothing_half_written(world):
    store, embedder, analyzer, cache = world
    paragraphs = list(analyzer.library.snapshot().paragraphs.values())

    def broken_save(index, path):
        path.mkdir(parents=True)
        (path / "data.csc.index.npy").write_bytes(b"half")
        raise OSError("disk full")

    index, how = BM25Cache(cache).get(
        "bm25_words", "f" * 16, {p.id for p in paragraphs},
        load=lambda path: pytest.fail("nothing valid to load"),
        build=lambda: BM25Index.build(paragraphs, str.split), save=broken_save)
    assert how == "built" and len(index.ids) == len(paragraphs)
    assert [p.name for p in cache.iterdir() if not p.name.endswith(".lock")] == []


def test_old_fingerprints_are_pruned(world):
    store, embedder, analyzer, cache = world
    channel = word_channel(cache)
    for i in range(KEEP + 2):
        add_document(store, embedder, f"A/NEW/{i}", f"Paragraph number {i} about wells.")
        channel.search(whole(analyzer("wells")), 5)
    assert len([p for p in cache.iterdir() if p.is_dir()]) == KEEP


def test_term_scores_read_from_the_matrix_equal_bm25s_own(world):
    store, embedder, analyzer, cache = world
    paragraphs = list(analyzer.library.snapshot().paragraphs.values())
    for channel in (word_channel(None), word_channel(cache), word_channel(cache)):
        index = channel.index(analyzer.library.snapshot())  # built, saved, then loaded
        [part] = index.parts  # one language
        bm25 = part.retriever.bm25
        for term in ["water", "sanitation schools", "2028", "least developed", "nothing"]:
            want = sum((bm25.get_scores([t]) for t in channel.tokenize(term)
                        if t in bm25.vocab_dict), start=0 * index.term_scores(term))
            assert index.term_scores(term).tolist() == want.tolist(), term
    assert len(paragraphs) == len(index.ids)


def test_each_language_keeps_its_own_term_weights():
    """Chinese scores among Chinese paragraphs do not move when English ones are added."""
    zh = [Paragraph("Z", n, t) for n, t in enumerate(
        ["水 井 学校", "水 卫生", "学校 教师 学校", "债务 减免"], 1)]
    en = [Paragraph("E", n, f"water wells report {n}", lang="en") for n in range(1, 30)]
    alone = BM25Index.build(zh, str.split)
    mixed = BM25Index.build(zh + en, str.split)
    assert [p.lang for p in mixed.parts] == ["en", "zh"]
    rows = [mixed.ids.index(p.id) for p in zh]
    for term in ["水", "学校", "债务"]:
        assert mixed.term_scores(term)[rows].tolist() == alone.term_scores(term).tolist()
    assert mixed.term_scores("water")[rows].tolist() == [0.0] * 4


def test_a_named_document_is_ranked_in_its_own_index_and_saves_nothing(world):
    """Issue 12's rarity counted in the document a question names, over issue 14's saved
    whole index: a named scope gets an index of that document only (in memory, one part
    per language), the same scores as a store holding it alone."""
    store, embedder, analyzer, cache = world
    add_document(store, embedder, "A/NEW/1", "Water wells in Zanzibar.")
    add_document(store, embedder, "A/NEW/1_zh", "桑给巴尔的水井。", lang="zh")
    channel = word_channel(cache)
    asked = dataclasses.replace(analyzer("water wells"), named=True,
                                scope=frozenset({"A/NEW/1", "A/NEW/1_zh"}))
    hits = channel.search(asked, 5)
    assert [h.id for h in hits] == ["A/NEW/1:1"]
    scoped = channel.index(asked.corpus, asked.scope)
    assert scoped is not None and sorted(scoped.ids) == ["A/NEW/1:1", "A/NEW/1_zh:1"]
    assert [p.lang for p in scoped.parts] == ["en", "zh"]
    alone = BM25Index.build([Paragraph("A/NEW/1", 1, "Water wells in Zanzibar.", lang="en")],
                            channel.tokenize)
    assert hits[0].score == pytest.approx(float(alone.term_scores("water")[0]
                                                + alone.term_scores("wells")[0]))
    assert not cache.exists() or [p for p in cache.iterdir() if p.is_dir()] == []
    channel.search(whole(asked), 5)  # the whole index: saved as before
    assert channel.last["how"] == "built" and len([p for p in cache.iterdir()
                                                   if p.is_dir()]) == 1


def test_a_routed_scope_is_the_whole_index_masked_not_a_new_index(world):
    """Issue 14: documents routing picks for an unnamed question are searched in the
    whole (saved) index with hits outside them dropped; no index is built per routed set,
    so the scores are the whole library's."""
    store, embedder, analyzer, cache = world
    add_document(store, embedder, "A/NEW/1", "Water wells in Zanzibar.")
    channel = word_channel(cache)
    routed = dataclasses.replace(analyzer("water wells"), named=False,
                                 scope=frozenset({"A/NEW/1"}))
    hits = channel.search(routed, 5)
    assert [h.id for h in hits] == ["A/NEW/1:1"]  # the report's water paragraphs masked
    assert list(channel._built) == [None]  # only the whole index
    full = channel.index(routed.corpus)
    assert full is not None
    row = full.ids.index("A/NEW/1:1")
    want = full.term_scores("water")[row] + full.term_scores("wells")[row]
    assert hits[0].score == pytest.approx(float(want))
    everywhere = {h.id for h in channel.search(whole(routed), 20)}
    assert len(everywhere) > 1 and "A/NEW/1:1" in everywhere


def test_the_analyzer_marks_a_named_scope_and_not_a_routed_one(world):
    store, embedder, analyzer, cache = world
    add_document(store, embedder, "A/NEW/1", "Zanzibar desalination plants and wells.")
    assert analyzer("zanzibar desalination").named is False
    named = analyzer("zanzibar desalination", doc_id="A/NEW/1")
    assert named.named is True and named.scope == {"A/NEW/1"}
