"""Dense search among a few documents in memory ranks as Chroma's filtered query does;
a part too large for memory is read from Chroma. Stub vectors, a real in-memory Chroma."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ingest.base import Paragraph
from ingest.text import is_marker
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from rag.retrieve.channels.dense import SentenceChannel
from rag.understand.query import QueryAnalyzer
from tests.support import memory_store, stub_embedder

TEXTS = ["Rural schools received clean water.", "Water aid fell sharply in 2028.",
         "A new school was built near the river.", "Teachers were trained in water safety.",
         "The council met twice.", "Schools reopened after the floods."]


@pytest.fixture(scope="module")
def world():
    embedder = stub_embedder()
    paragraphs = [Paragraph(doc_id=d, n=n, text=t.replace(".", f" in zone {d * n}."), lang="en")
                  for d in ("A", "B", "C") for n, t in enumerate(TEXTS, 1)
                  if (n + ord(d)) % 3]  # each document holds a different four
    store = memory_store(paragraphs, embedder)
    library = Library(store, lambda: Dictionary({}), refresh_s=0)
    return store, embedder, QueryAnalyzer(library, embedder)


def test_in_memory_search_ranks_as_chromas_filtered_query(world):
    store, embedder, analyze = world
    query = replace(analyze("water for schools"), scope=frozenset({"A", "C"}))
    channel = SentenceChannel(store.sentences, embedder)
    exact = channel.nodes(query, 5)  # two small documents: in memory
    chroma = SentenceChannel(store.sentences, embedder, exact_max=0).nodes(query, 5)
    assert [n.id for n in exact] == [n.id for n in chroma]
    assert [round(n.cosine, 4) for n in exact] == [round(n.cosine, 4) for n in chroma]
    assert {n.meta["doc_id"] for n in exact} <= {"A", "C"} and exact[0].text


def test_a_part_over_the_limit_is_searched_in_chroma_with_the_same_result(world):
    """One document of three: too few of Chroma's nearest overall are its own, so the
    filtered query answers; two of three: its nearest overall are enough."""
    store, embedder, analyze = world
    for scope in ({"B"}, {"A", "B"}):
        query = replace(analyze("school river"), scope=frozenset(scope))
        small = SentenceChannel(store.sentences, embedder).nodes(query, 3)
        large = SentenceChannel(store.sentences, embedder, exact_max=0).nodes(query, 3)
        assert [n.id for n in small] == [n.id for n in large]
        assert all(n.meta["doc_id"] in scope for n in large)


def test_a_changed_store_is_read_again(world):
    store, embedder, analyze = world
    channel = SentenceChannel(store.sentences, embedder)
    query = replace(analyze("council"), scope=frozenset({"A"}))
    before = channel.nodes(query, 10)
    stale = replace(query, corpus=replace_fingerprint(query.corpus, "another state"))
    channel.exact.collection = _Counting(store.sentences)
    assert [n.id for n in channel.nodes(stale, 10)] == [n.id for n in before]
    assert channel.exact.collection.reads == 1  # the blocks of the old state were dropped


class _Counting:
    def __init__(self, collection):
        self.collection, self.reads = collection, 0

    def get(self, **kw):
        self.reads += 1
        return self.collection.get(**kw)


def replace_fingerprint(snap, fingerprint):
    import copy

    other = copy.copy(snap)
    other.fingerprint = fingerprint
    return other


def test_a_full_cache_reads_again_rather_than_growing(world):
    from rag.retrieve.channels.exact import ExactSearch

    store, embedder, _ = world
    vector = embedder.query_vector("water")
    counting = _Counting(store.sentences)
    exact = ExactSearch(counting, max_rows=1)
    for doc in ("A", "B", "A"):
        assert {n.meta["doc_id"] for n in exact.nearest(vector, {doc}, 3, state="s")} == {doc}
    assert counting.reads == 3  # A was dropped to hold B; unbounded, it would be 2


def test_a_document_not_stored_has_no_neighbours(world):
    from rag.retrieve.channels.exact import ExactSearch

    store, embedder, _ = world
    exact = ExactSearch(store.sentences)
    assert exact.nearest(embedder.query_vector("water"), {"A/HRC/1/1"}, 3, state="s") == []


def test_a_bare_list_marker_is_never_a_paragraphs_best_sentence():
    """Text cut at a numbered item's full stop leaves "sentences" such as "75.": stored,
    but never what ranks their paragraph."""
    embedder = stub_embedder()
    paragraphs = [Paragraph(doc_id="A", n=1, text="Water aid fell. 75. Schools reopened.",
                            lang="en"),
                  Paragraph(doc_id="A", n=2, text="II. The council met twice.", lang="en")]
    store = memory_store(paragraphs, embedder)
    analyze = QueryAnalyzer(Library(store, lambda: Dictionary({}), refresh_s=0), embedder)
    channel = SentenceChannel(store.sentences, embedder)
    query = analyze("75.")
    assert "75." in {n.text for n in channel.nodes(query, 10)}  # stored and searched
    hits = channel.search(query, 10)
    assert {h.id for h in hits} == {"A:1", "A:2"}
    assert not {h.sentence for h in hits} & {"75.", "II."}


@pytest.mark.parametrize("text, marker", [
    ("75.", True), ("II.", True), ("16 9.", True), ("(a)", True), ("㈠", True),
    ("75/1", False), ("Article 5.", False), ("发出公开信；", False), ("Yes.", False),
])
def test_which_sentences_are_bare_markers(text, marker):
    assert is_marker(text) is marker


def test_the_search_can_be_kept_to_some_paragraphs(world):
    store, embedder, analyze = world
    channel = SentenceChannel(store.sentences, embedder)
    query = analyze("water for schools")
    every = channel.exact.nearest(query.vector, {"A", "B", "C"}, 100, state="s")
    kept = channel.exact.nearest(query.vector, {"A", "B", "C"}, 100, state="s",
                                 paragraphs=frozenset({"A:2", "C:4"}))
    assert {n.meta["para_id"] for n in kept} == {"A:2", "C:4"}
    assert [n.id for n in kept] == [n.id for n in every if n.meta["para_id"] in {"A:2", "C:4"}]
