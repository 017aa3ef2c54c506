"""Ranking across languages: BM25 parts put on one scale, routing compared within a
language, a dense search per language. Hand arithmetic, no models."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from ingest.base import Paragraph
from rag.language.tokens import word_tokens
from rag.retrieve.channels.bm25 import BM25Index, by_rank, per_part_scale
from rag.retrieve.channels.dense import language_parts
from rag.understand.query import best_per_language


def test_each_part_is_scaled_by_its_own_best():
    # rows 0-2: part "en", rows 3-4: part "zh"
    scores = np.array([8.0, 2.0, 0.0, 3.0, 1.5], dtype=np.float32)
    out = per_part_scale(scores, [0, 3, 5])
    # en: 8/8 = 1, 2/8 = .25, 0; zh: 3/3 = 1, 1.5/3 = .5
    assert out.tolist() == [1.0, 0.25, 0.0, 1.0, 0.5]


def test_one_matching_part_keeps_its_raw_scores():
    scores = np.array([8.0, 2.0, 0.0, 0.0], dtype=np.float32)
    assert per_part_scale(scores, [0, 3, 4]).tolist() == [8.0, 2.0, 0.0, 0.0]
    assert per_part_scale(scores, [0, 4]).tolist() == [8.0, 2.0, 0.0, 0.0]


def para(doc: str, n: int, text: str, lang: str) -> Paragraph:
    return Paragraph(doc_id=doc, n=n, text=text, lang=lang)


def test_a_large_part_cannot_bury_the_best_of_a_small_one():
    """English paragraphs where the term is rare (high IDF), Chinese ones where every
    paragraph has it (low IDF): raw, every English match outscores every Chinese one;
    scaled, the best Chinese paragraph ranks beside the best English one."""
    paragraphs = [para("E", 1, "water water aid", "en"), para("E", 2, "water aid aid", "en"),
                  para("E", 3, "water aid peace", "en")]
    paragraphs += [para("E", n, "aid peace", "en") for n in range(4, 10)]
    paragraphs += [para("Z", n, f"water {w}", "zh") for n, w in enumerate(["援助", "发展", "人权"], 1)]
    index = BM25Index.build(paragraphs, word_tokens)
    ranked = index.search([{"water": 1.0}], 6)
    raw = dict(ranked)
    assert max(raw[f"Z:{n}"] for n in (1, 2, 3)) < min(raw[f"E:{n}"] for n in (1, 2, 3))
    # by rank: each part's first (E:1, Z:1: 1.0 both, the part order breaks the tie), then
    # each part's second (Z:2 at 1.0, equal in its part, before E:2 below 1.0), then third
    assert [pid for pid, _ in ranked] == ["E:1", "Z:1", "Z:2", "E:2", "Z:3", "E:3"]


def test_parts_are_merged_by_rank_not_by_share():
    """A large part with many paragraphs near its best cannot push a small part's second
    out of the first k (at 300x the seed, the English library's matches of an English
    question's words buried the Chinese report's gold paragraph)."""
    # rows 0-3: part "en", shares 1, .95, .94, .93; rows 4-5: part "zh", shares 1, .8
    shares = np.array([1.0, 0.95, 0.94, 0.93, 1.0, 0.8], dtype=np.float32)
    # by share alone the first four are rows 0, 4, 1, 2: the zh second (row 5) is out;
    # by rank: rank 1 rows 0 and 4 (1.0 both, part order), rank 2 rows 1 (.95), 5 (.8)
    assert by_rank(shares, [0, 4, 6], 4) == [0, 4, 1, 5]
    assert by_rank(shares, [0, 6], 3) == [0, 4, 1]  # one part: by share, as before
    # a part's rows without a match take no place: zh has one, so en fills the rest
    assert by_rank(np.array([1.0, .9, .8, 1.0, 0.0]), [0, 3, 5], 4) == [0, 3, 1, 2]


def test_routing_keeps_each_languages_best_documents():
    # scores: E1 4, E2 2.5 (within 2 of the best), E3 1.5; Z1 1 (best of zh), Z2 0.5
    score = {"E1": 4.0, "E2": 2.5, "E3": 1.5, "Z1": 1.0, "Z2": 0.5, "Y": 0.0}
    versions = {s: frozenset({s}) for s in score}
    langs = [frozenset({"E1", "E2", "E3"}), frozenset({"Z1", "Z2"}), frozenset({"Y"})]
    # across languages Z1 (1.0) would lose to E1 (4.0); within zh it is the best;
    # a language holding nothing (Y: 0) adds nothing
    assert best_per_language(score, versions, langs) == {"E1", "E2", "Z1", "Z2"}


def test_a_document_in_two_languages_competes_in_both():
    score = {"U": 2.0, "E": 3.0, "Z": 2.5}
    versions = {"U": frozenset({"U-en", "U-zh"}), "E": frozenset({"E"}),
                "Z": frozenset({"Z"})}
    langs = [frozenset({"U-en", "E"}), frozenset({"U-zh", "Z"})]
    assert best_per_language(score, versions, langs) == {"E", "Z", "U"}  # U: 2 >= 3-2
    score["U"] = 0.4
    assert best_per_language(score, versions, langs) == {"E", "Z"}  # U: 0.4 < 3-2, 2.5-2


def query(lang_docs: dict[str, frozenset[str]], scope: frozenset[str] | None = None):
    return SimpleNamespace(corpus=SimpleNamespace(lang_docs=lang_docs), scope=scope)


def test_one_dense_search_per_language():
    en = frozenset({"E1", "E2", "E3"})
    parts = language_parts(query({"en": en, "zh": frozenset({"Z"})}))  # type: ignore[arg-type]
    assert parts == [en, frozenset({"Z"})]


def test_one_language_needs_no_filter_and_a_scope_is_kept():
    assert language_parts(query({"zh": frozenset({"Z"})})) == [None]  # type: ignore[arg-type]
    en, zh = frozenset({"E1", "E2"}), frozenset({"Z"})
    parts = language_parts(query({"en": en, "zh": zh}, scope=frozenset({"E1", "Z"})))  # type: ignore[arg-type]
    assert parts == [frozenset({"E1"}), frozenset({"Z"})]


def test_many_close_english_sentences_leave_the_chinese_ones_candidates():
    """Six English paragraphs repeat the question (cosine 1): one search of the 4
    nearest sentences (depth 1) would hold only them; searched per language, the Chinese
    paragraph is a candidate too, ranked after them with its raw cosine kept."""
    from dataclasses import replace

    from rag.language.dictionary import Dictionary
    from rag.library.base import Library
    from rag.retrieve.channels.dense import SentenceChannel
    from rag.understand.query import QueryAnalyzer
    from tests.support import memory_store, stub_embedder

    embedder = stub_embedder()
    asked = "Water aid for rural schools fell sharply."
    paragraphs = [para("E", n, asked, "en") for n in range(1, 7)]
    paragraphs.append(para("Z", 1, "农村学校的饮水援助大幅下降。", "zh"))
    store = memory_store(paragraphs, embedder)
    library = Library(store, lambda: Dictionary({}), refresh_s=0)
    query = replace(QueryAnalyzer(library, embedder)(asked), scope=None)
    hits = SentenceChannel(store.sentences, embedder, same_language_bonus=0.07,
                           same_language_bonus_en=-0.02).search(query, 1)
    assert [h.id[0] for h in hits] == ["E", "E", "E", "E", "Z"]  # 4 nearest English, 1 Chinese
    assert hits[0].score > 0.99  # the cosine, not 1 + 0.02


def test_the_shift_puts_english_sentences_on_the_chinese_scale():
    from rag.retrieve.channels.dense import SentenceChannel

    channel = object.__new__(SentenceChannel)
    channel.bonus, channel.bonus_en = 0.07, -0.02
    # zh question: an English sentence's Chinese version scores 0.07 higher; en question:
    # 0.02 higher too (the model favours Chinese text); a Chinese sentence is as is
    assert (channel.shift("zh", "en"), channel.shift("en", "en")) == (0.07, 0.02)
    assert channel.shift("en", "zh") == channel.shift("zh", "zh") == 0.0


def test_holders_reads_each_document_as_its_own_scoped_snapshot_would():
    """Routing asks which documents hold a term, from one scan of the whole snapshot;
    the answer is what a snapshot scoped to each document says (as written, or an
    English word by its stem)."""
    from rag.language.dictionary import Dictionary
    from rag.library.base import Library
    from tests.support import memory_store, stub_embedder

    paragraphs = [para("E", 1, "Rural schools received water.", "en"),
                  para("E", 2, "Funding fell in 2028.", "en"),
                  para("F", 1, "A school was built.", "en"),
                  para("Z", 1, "农村学校的饮水援助。", "zh")]
    snap = Library(memory_store(paragraphs, stub_embedder()), lambda: Dictionary({}),
                   refresh_s=0).snapshot()
    for term in ("school", "schools", "water", "2028", "饮水", "fell in", "peace", ""):
        each = {d for d in ("E", "F", "Z") if snap.scoped(frozenset({d})).holds(term)}
        assert snap.holders(term) == each, term
    assert snap.holders("school") == {"E", "F"}  # "schools" by its stem, "school" as is
