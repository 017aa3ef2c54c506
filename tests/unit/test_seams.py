"""The retrieval seams: channels and post-fusion stages are passed in, so a new one is a
class and a line. In-memory Chroma and the stub embedder: vectors without meaning."""

from __future__ import annotations

import threading
from concurrent.futures import Future

import numpy as np
import pytest

from ingest.base import Paragraph
from ingest.embedders import unit, weighted
from rag.base import Hit, Refusal
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from rag.library.snapshot import Snapshot
from rag.retrieve.base import StageResult
from rag.retrieve.channels import ChannelHit
from rag.retrieve.channels.bm25 import word_channel
from rag.retrieve.channels.dense import SentenceChannel
from rag.retrieve.retriever import HybridRetriever
from rag.understand.base import Query
from rag.understand.query import QueryAnalyzer
from rag.understand.query_vector import MIN_BUDGET, bridged_terms, cost, in_use_order
from tests.support import FIXTURES, fixture_store, memory_store, stub_embedder


@pytest.fixture(scope="module")
def world():
    embedder = stub_embedder()
    store = fixture_store([FIXTURES / "en_report.txt"], embedder)
    library = Library(store, lambda: Dictionary({}))  # English text needs no bridge
    return store, embedder, QueryAnalyzer(library, embedder)


class LastParagraphChannel:
    """A toy channel: always ranks the highest-numbered paragraph first."""

    name = "last"
    waits_for_vector = False

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        ids = sorted(query.corpus.paragraphs, key=lambda i: -query.corpus.paragraphs[i].n)
        return [ChannelHit(i, 1.0 / r) for r, i in enumerate(ids[:depth], 1)]


class Reverse:
    name = "reverse"

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult:
        return StageResult(list(reversed(hits)), signals={"reversed": 1.0})


class RefuseAll:
    name = "refuse"

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult:
        return StageResult(hits, Refusal("test", {"why": "always"}, (hits[0].id,)))


class Boom:
    name = "boom"

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult:
        raise AssertionError("a stage after a refusal must not run")


def test_a_new_channel_plugs_in_with_its_weight(world):
    store, embedder, analyzer = world
    channels = [word_channel(), LastParagraphChannel()]
    alone = HybridRetriever(analyzer, channels, {"bm25_words": 0.0, "last": 1.0})
    top = alone.retrieve("official development assistance for water", k=3)
    assert [h.paragraph.n for h in top.hits] == [7, 6, 5]
    assert top.hits[0].ranks["last"] == 1 and "last" in top.hits[0].channels
    mixed = HybridRetriever(analyzer, channels, {"bm25_words": 1.0, "last": 0.0})
    assert mixed.retrieve("official development assistance for water").hits[0].paragraph.n == 5


def test_stages_rerank_and_the_first_refusal_ends_the_chain(world):
    store, embedder, analyzer = world
    channels = [SentenceChannel(store.sentences, embedder), word_channel()]
    weights = {"sentence": 1.0, "bm25_words": 1.0}
    plain = HybridRetriever(analyzer, channels, weights).retrieve("water assistance", k=3)
    flipped = HybridRetriever(analyzer, channels, weights, stages=[Reverse()]
                              ).retrieve("water assistance", k=3)
    assert [h.id for h in flipped.candidates] == [h.id for h in reversed(plain.candidates)]
    assert flipped.signals == {"reversed": 1.0} and flipped.refusal is None
    refused = HybridRetriever(analyzer, channels, weights, stages=[RefuseAll(), Boom()]
                              ).retrieve("water assistance")
    assert refused.refusal == Refusal("test", {"why": "always"}, (plain.candidates[0].id,))


def test_the_query_is_analysed_once_with_its_filter(world):
    store, embedder, analyzer = world
    query = analyzer("  How many ODA grants for water?  ", doc_id="A/HRC/99/12 (en)")
    assert query.text == "How many ODA grants for water?" and query.lang == "en"
    assert query.slot is not None and query.slot.kind == "number"
    assert query.vector is not None and query.vector.shape == (64,)
    assert {"oda", "water"} <= set(query.terms)
    retriever = HybridRetriever(analyzer, [word_channel()], {"bm25_words": 1.0})
    assert retriever.retrieve("water", doc_id="nope").hits == []


def test_weights_for_channels_that_are_not_built_are_an_error(world):
    _, _, analyzer = world
    with pytest.raises(ValueError, match="not built: rerank"):
        HybridRetriever(analyzer, [word_channel()], {"bm25_words": 1.0, "rerank": 1.0})


def test_the_lexical_channels_search_while_the_question_is_embedded(world):
    store, embedder, _ = world
    pending: list[tuple[Future, str]] = []

    class Later:
        """Hands out each vector when the test says, or after 5 s at the latest."""

        def query_later(self, text: str) -> Future:
            future: Future = Future()
            pending.append((future, text))
            timer = threading.Timer(5.0, finish)
            timer.daemon = True
            timer.start()
            return future

    def finish() -> None:
        for future, text in pending:
            if not future.done():
                future.set_result(embedder.query_vector(text))

    seen: list[list[bool]] = []

    class Lexical(LastParagraphChannel):
        name = "lexical"

        def search(self, query: Query, depth: int) -> list[ChannelHit]:
            seen.append([f.done() for f, _ in pending])
            finish()
            return super().search(query, depth)

    analyzer = QueryAnalyzer(Library(store, lambda: Dictionary({})), Later())
    dense = SentenceChannel(store.sentences, embedder)  # listed first, searched last
    retriever = HybridRetriever(analyzer, [dense, Lexical()], {"sentence": 1.0, "lexical": 1.0})
    got = retriever.retrieve("water assistance", k=3)
    assert seen == [[False]]  # the analyzer did not wait, nor did the lexical channel
    assert got.hits[0].ranks.get("sentence") is not None
    assert list(got.hits[0].ranks) == ["sentence", "lexical"]  # fused in the listed order
    assert np.allclose(got.query.vector, embedder.query_vector("water assistance"))


def test_a_question_and_its_bridged_terms_are_embedded_apart_and_summed(world):
    _, embedder, _ = world
    blank = Snapshot.__new__(Snapshot)
    english = Query(text="water aid", lang="en", corpus=blank,
                    groups=[{"water": 1.0, "水": 0.5}, {"援助": 1.0, "水": 0.2}])
    assert english.dense_parts == ["water aid", "水 援助"]  # each term once, in order
    assert Query(text="水", lang="zh", corpus=blank).dense_parts == ["水"]
    assert Query(text="为水", lang="zh", corpus=blank, extra=["water", "aid"]
                 ).dense_parts == ["为水", "water aid"]
    a, b = (embedder.query_later(p).result() for p in english.dense_parts)
    assert np.allclose(weighted([a, b], (1.0, 1.5)), unit(a + 1.5 * b))
    assert np.isclose(np.linalg.norm(weighted([a, b], (1.0, 1.5))), 1.0)
    assert np.allclose(weighted([a, b]), unit(a + b))  # a missing weight is 1
    assert np.allclose(weighted([a], (1.0, 1.5)), unit(a))


def test_bridged_terms_take_each_concept_first_then_alternatives_while_the_budget_lasts():
    groups = [{"国家": 0.5, "邦国": 0.5, "各国": 0.5, "countries": 1.0},
              {"联合国人权事务高级专员办事处": 1.0, "高级专员办事处": 1.0, "人权高专办": 1.0,
               "高专办": 1.0, "ohchr": 1.0},
              {"人权": 1.0, "human rights": 1.0}, {"国家": 1.0}, {"aid": 1.0}]
    # costs (a character each, one for the space): 国家 3, 联合国…办事处 15, 人权 3 = 21
    assert bridged_terms(groups, budget=10) == ["国家", "联合国人权事务高级专员办事处", "人权"]
    # then the second round: 邦国 3 (24); 高级专员办事处 lies inside the first of its
    # concept; 各国 (27) is over
    assert bridged_terms(groups, budget=24) == [
        "国家", "邦国", "联合国人权事务高级专员办事处", "人权"]
    # no budget: every alternative once, the inner forms of a concept left out
    assert bridged_terms(groups, budget=1000) == [
        "国家", "邦国", "各国", "联合国人权事务高级专员办事处", "人权高专办", "人权"]
    assert bridged_terms([{"aid": 1.0}], budget=1000) == []
    assert cost("In how many countries?") == 4 and cost("国家 人权高专办") == 7


WOMEN = {"联合国促进性别平等和增强妇女权能署": 1.0, "妇女署": 1.0, "un-women": 1.0}
OHCHR = {"联合国人权事务高级专员办事处": 1.0, "人权高专办": 1.0, "高专办": 1.0, "ohchr": 1.0}
SENSES = {"实现": 0.58, "落实": 0.58, "achieve": 1.0}  # a word's dictionary senses


def test_a_names_forms_are_bridged_in_the_order_the_documents_write_them():
    written = {"联合国促进性别平等和增强妇女权能署": 1, "妇女署": 4, "联合国人权事务高级专员办事处": 2,
               "人权高专办": 90, "高专办": 95, "实现": 3, "落实": 30}.get
    assert in_use_order(WOMEN, written) == ["妇女署", "联合国促进性别平等和增强妇女权能署"]
    # 高专办's own uses: 95 - 90 inside 人权高专办 = 5; the full title 2
    assert in_use_order(OHCHR, written) == ["人权高专办", "高专办", "联合国人权事务高级专员办事处"]
    assert in_use_order(SENSES, written) == ["实现", "落实"]  # the usual sense stays first
    # first round only: 妇女署 3 + 人权高专办 5 + 实现 2 (+ spaces) instead of 17 + 14 + 2
    assert bridged_terms([WOMEN, OHCHR, SENSES], budget=0, usage=written) == [
        "妇女署", "人权高专办", "实现"]
    assert bridged_terms([WOMEN, OHCHR, SENSES], budget=0) == [
        "联合国促进性别平等和增强妇女权能署", "联合国人权事务高级专员办事处", "实现"]


def test_the_question_vector_bridges_a_name_as_the_stored_documents_write_it():
    texts = ["联合国促进性别平等和增强妇女权能署（妇女署）在乌克兰开展了工作。",
             "妇女署与人权高专办合作。", "妇女署还支持了国家人权机构。"]
    store = memory_store([Paragraph("A/1/1", n, t) for n, t in enumerate(texts, 1)],
                         stub_embedder())
    snap = Library(store, lambda: Dictionary({})).snapshot()
    query = Query(text="What did UN-Women do?", lang="en", corpus=snap,
                  groups=[WOMEN, {"乌克兰": 1.0, "ukraine": 1.0}])
    assert query.dense_parts == ["What did UN-Women do?", "妇女署 乌克兰"]


def test_a_long_question_gets_as_many_bridged_terms_as_it_has_tokens():
    blank = Snapshot.__new__(Snapshot)
    many = [{f"{c}{d}": 0.5 for d in "一二三"} | {f"w{i}": 1.0}
            for i, c in enumerate("甲乙丙丁戊己庚辛壬癸子丑")]
    short = Query(text="w0 w1?", lang="en", corpus=blank, groups=many)
    long = Query(text=" ".join(f"w{i} and" for i in range(30)), lang="en", corpus=blank,
                 groups=many)  # 60 words
    # every concept's first term, 3 each with its space: 36, over a short question's 24
    assert short.dense_parts[1].split() == [f"{c}一" for c in "甲乙丙丁戊己庚辛壬癸子丑"]
    # a budget of 60: 36, then 8 second terms (24)
    assert len(long.dense_parts[1].split()) == 20
    assert MIN_BUDGET == 24


def test_the_analyzer_searches_by_the_weighted_parts_and_keeps_them():
    embedder = stub_embedder()
    store = fixture_store([FIXTURES / "zh_report.txt"], embedder)
    reverse = {("drink", "water"): [("饮用水", True, False)]}
    analyzer = QueryAnalyzer(Library(store, lambda: Dictionary(reverse)), embedder,
                             bridged_weight=2.0)
    query = analyzer("Who lacks safe drinking water?")
    assert query.dense_parts == ["Who lacks safe drinking water?", "饮用水"]
    assert len(query.part_vectors) == 2
    assert np.allclose(query.vector, weighted(query.part_vectors, (1.0, 2.0)))
    chinese = analyzer("谁缺乏饮用水？")  # one part: its own vector
    assert len(chinese.part_vectors) == 1
    assert np.allclose(chinese.vector, chinese.part_vectors[0])


def test_a_place_keeps_the_answer_to_its_paragraph_only_while_its_channel_is_built(world):
    """"the final paragraph": the ``position`` channel ranks the paragraph at that place,
    and only it is kept; with the channel weighted out, the place filters nothing."""
    from rag.retrieve.channels.exact import ExactSearch
    from rag.retrieve.channels.position import PositionChannel

    store, embedder, analyzer = world
    question = "What does the final paragraph say about official development assistance?"
    query = analyzer(question)
    assert query.at == {"A/HRC/99/12 (en):7"}
    assert not {"final", "paragraph"} & {t for g in query.groups for t in g}  # a place
    position = PositionChannel(ExactSearch(store.sentences))
    placed = HybridRetriever(analyzer, [word_channel(), position],
                             {"bm25_words": 1.0, "position": 1.0}).retrieve(question)
    assert [h.id for h in placed.hits] == ["A/HRC/99/12 (en):7"]
    assert placed.hits[0].ranks["position"] == 1
    plain = HybridRetriever(analyzer, [word_channel()], {"bm25_words": 1.0}).retrieve(question)
    assert len(plain.hits) > 1 and plain.hits[0].paragraph.n == 5


def test_the_position_channel_reads_the_sentence_channels_vectors(world, tmp_path):
    """One copy of the sentence vectors in memory: the position channel is handed the
    sentence channel's search, and has one of its own only without it."""
    from rag.config import Settings
    from rag.factory import channels
    from rag.retrieve.channels.position import PositionChannel

    store, embedder, _ = world

    def built(weights):
        settings = Settings(store_dir=tmp_path / "store", weights=weights)
        return {c.name: c for c in channels(settings, store, embedder)}

    both = built({"sentence": 1.0, "bm25_words": 1.0, "position": 1.0})
    assert isinstance(both["position"], PositionChannel)
    assert both["position"].exact is both["sentence"].exact
    assert {n for n, c in both.items() if c.waits_for_vector} == {"sentence", "position"}
    alone = built({"bm25_words": 1.0, "position": 1.0})
    assert alone["position"].exact.collection is store.sentences
