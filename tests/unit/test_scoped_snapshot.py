"""A snapshot scoped to some documents (a mask over the library's one text index) says
what a snapshot of a store holding only those documents says. Stub vectors, in-memory
Chroma; the texts carry overlaps, headings, grouped digits and both languages."""

from __future__ import annotations

import pytest

from ingest.base import Paragraph
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from tests.support import memory_store, stub_embedder

PARAGRAPHS = [
    Paragraph("E", 1, "Rural schools received water; 1,235 people were trained.", lang="en",
              section="I. Water and schools"),
    Paragraph("E", 2, "The Human Rights Council met. Councils met again.", lang="en",
              section="II. Meetings"),
    Paragraph("F", 1, "A school was built. The council of elders met.", lang="en",
              section="I. Water and schools"),
    Paragraph("Z", 1, "人权理事会在2020年发送了228份信函。哈哈哈哈", lang="zh", section="二. 会议"),
    Paragraph("Z", 2, "农村学校的饮水援助（饮水援助）。", lang="zh", section="一. 学校"),
    Paragraph("E (zh)", 1, "农村学校获得了饮水；1,235 人接受了培训。", lang="zh",
              section="一. 饮水和学校"),  # E's Chinese version: one symbol, two documents
    Paragraph("E (copy)", 1, "Rural schools received water.", lang="en",
              section="I. Water"),  # a second English document of E's symbol
]
TERMS = ["water", "Schools", "1235", "1,235", "council", "met", "人权", "哈哈", "信函", "会议",
         "学校", "peace", "饮水援助", ""]
PHRASES = ["Human Rights Council", "council", "school", "schools", "elders met", "trained"]
SCOPES = [{"E"}, {"F"}, {"Z"}, {"E", "Z"}, {"E", "F", "Z"}, {"E (zh)"}, {"E", "E (zh)"},
          {"E", "F", "Z", "E (zh)"}, {"E (copy)", "E (zh)"}, {"E", "E (copy)"}]


@pytest.fixture(scope="module")
def snapshots():
    embedder = stub_embedder()

    def snapshot(docs):
        store = memory_store([p for p in PARAGRAPHS if p.doc_id in docs], embedder)
        return Library(store, lambda: Dictionary({}), refresh_s=0).snapshot()

    return snapshot({"E", "F", "Z", "E (zh)", "E (copy)"}), snapshot


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: "".join(sorted(s)))
def test_a_scope_answers_as_a_store_of_its_documents_alone(snapshots, scope):
    library, alone_of = snapshots
    scoped, alone = library.scoped(frozenset(scope)), alone_of(scope)
    assert scoped.paragraphs.keys() == alone.paragraphs.keys()
    assert scoped.lang_docs == alone.lang_docs and scoped.aliases == alone.aliases
    assert scoped.langs == alone.langs and scoped.stored == alone.stored
    assert scoped.versions == alone.versions
    for p in PARAGRAPHS:
        for lang in ("zh", "en"):
            assert scoped.version(p, lang) == alone.version(p, lang), (p.id, lang)
    for term in TERMS:
        assert scoped.share(term) == alone.share(term), term
        assert scoped.holds(term) == alone.holds(term), term
        assert scoped.corpus.count(term) == alone.corpus.count(term), term
        assert (term in scoped.corpus) == (term in alone.corpus), term
    for phrase in PHRASES:
        assert scoped.english_text.written(phrase) == alone.english_text.written(phrase)
        assert scoped.corpus.written(phrase) == alone.corpus.written(phrase)


def test_the_views_read_texts_as_they_were_written(snapshots):
    library, _ = snapshots
    texts = [p.text for p in PARAGRAPHS]
    for term in ("met", "哈哈", "信函", "council"):
        # the bridge's counts: non-overlapping, in the texts (not the headings), any case
        assert library.corpus.count(term) == sum(t.lower().count(term) for t in texts)
    assert library.share("schools") == 3 / 7  # E:1 (text and heading), F:1 (heading), copy
    assert library.english_text.written("water and schools")  # a heading
    assert not library.corpus.written("water and schools")  # … not a text
    assert library.english_text.written("Human Rights Council")
    assert not library.english_text.written("人权理事会")  # the Chinese text is not English
