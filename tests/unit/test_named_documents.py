"""Several documents in one store: their records, the document a question names (searched
alone, or first), the units it cites. In-memory Chroma and the stub embedder."""

from __future__ import annotations

import uuid

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.pipeline import ingest_paths
from ingest.store import ParagraphStore
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from rag.retrieve.channels.bm25 import word_channel
from rag.retrieve.documents import DocumentStage
from rag.retrieve.retriever import HybridRetriever
from rag.understand.query import QueryAnalyzer
from tests.support import FIXTURES, stub_embedder

DECLARATION = """Declaration on Glacier Rights

Preamble

Whereas glaciers feed the rivers of many peoples,

Whereas observatories share their data freely,

Article 1

Everyone has the right to water from glaciers.

Article 2

1. States shall protect glacier observatories.
2. Observatories shall share data with downstream communities.
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    embedder = stub_embedder()
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = ParagraphStore(client, name=f"t-{uuid.uuid4().hex[:8]}",
                           embedder_id=embedder.identity)
    decl = tmp_path_factory.mktemp("docs") / "glacier_declaration.txt"
    decl.write_text(DECLARATION, encoding="utf-8")
    for path, symbol in [(FIXTURES / "glacier_en.txt", None), (FIXTURES / "en_report.txt", None),
                         (decl, "A/RES/99/7")]:
        summary = ingest_paths([path], store, embedder, max_bytes=10_000_000, progress=False,
                               symbol=symbol)
        assert not summary.failed, summary.failed
    library = Library(store, lambda: Dictionary({}))
    analyzer = QueryAnalyzer(library, embedder)
    retriever = HybridRetriever(analyzer, [word_channel()], {"bm25_words": 1.0},
                                stages=[DocumentStage()])
    return store, analyzer, retriever


def test_each_document_has_its_record(world):
    store, _, _ = world
    infos = store.document_infos()
    assert set(infos) == {"A/HRC/99/1 (en)", "A/HRC/99/12 (en)", "A/RES/99/7 (en)"}
    decl = infos["A/RES/99/7 (en)"]
    assert (decl.symbol, decl.title, decl.kind, decl.numbering, decl.lang) == (
        "A/RES/99/7", "Declaration on Glacier Rights", "declaration", "articles", "en")
    assert decl.source == "glacier_declaration.txt" and decl.units == 5  # title, 2 PP, 2 art.
    report = infos["A/HRC/99/1 (en)"]
    assert (report.title, report.kind) == ("Cooperation on glacier monitoring", "report")


def test_a_question_naming_one_document_searches_it_alone(world):
    _, analyzer, retriever = world
    q = "What does A/HRC/99/1 say about glacier observatories?"
    query = analyzer(q)
    assert query.documents == ["A/HRC/99/1"] and query.scope == {"A/HRC/99/1 (en)"}
    assert "A/HRC/99/1" not in query.text  # its name is no search term
    hits = retriever.retrieve(q).hits
    assert hits and {h.paragraph.doc_id for h in hits} == {"A/HRC/99/1 (en)"}
    # unnamed, the declaration's article 2 competes
    open_hits = retriever.retrieve("Which observatories share data downstream?").hits
    assert {h.paragraph.doc_id for h in open_hits} >= {"A/HRC/99/1 (en)", "A/RES/99/7 (en)"}


def test_a_title_part_names_the_declaration_and_its_article_comes_first(world):
    _, analyzer, retriever = world
    q = "What does article 2 of the Declaration on Glacier Rights say about observatories?"
    query = analyzer(q)
    assert query.documents == ["A/RES/99/7"] and query.units == [2]
    r = retriever.retrieve(q)
    assert r.refusal is None and r.hits[0].id == "A/RES/99/7 (en):2"


def test_an_article_the_document_does_not_have_is_refused(world):
    _, _, retriever = world
    r = retriever.retrieve("What does the Declaration on Glacier Rights say in article 9?")
    assert r.refusal is not None and r.refusal.reason == "no_unit"
    assert (r.refusal.args["unit"], r.refusal.args["n"]) == ("article", 9)
    assert r.refusal.args["name"]["en"] == "the Declaration on Glacier Rights"


def test_two_reports_make_the_report_ambiguous_and_the_kind_names_nothing(world):
    _, analyzer, _ = world
    query = analyzer("What does the report say about water?")
    assert query.documents == [] and query.scope is None
    assert analyzer("What does the declaration say?").documents == ["A/RES/99/7"]


def test_the_users_filter_wins_and_takes_every_language_version(world):
    _, analyzer, retriever = world
    query = analyzer("What does A/HRC/99/1 say?", doc_id="A/RES/99/7")
    assert query.documents == ["A/RES/99/7"] and query.scope == {"A/RES/99/7 (en)"}
    hits = retriever.retrieve("observatories", doc_id="A/RES/99/7 (en)").hits
    assert {h.paragraph.doc_id for h in hits} == {"A/RES/99/7 (en)"}


def test_remove_deletes_the_record_too(world, tmp_path):
    store, _, _ = world
    embedder = stub_embedder()
    other = tmp_path / "notes.txt"
    other.write_text("1. First note.\n2. Second note.\n", encoding="utf-8")
    ingest_paths([other], store, embedder, max_bytes=10_000_000, progress=False)
    assert "notes" in store.document_infos()
    store.remove_document("notes")
    assert "notes" not in store.document_infos()
    assert store.documents.get(ids=["notes"])["ids"] == []


def test_an_unnamed_question_goes_to_the_documents_holding_its_details(world):
    _, analyzer, retriever = world
    # the glacier report gives a year with its observatories; the declaration, one concept
    # short (within two of the best), stays; the other report, holding none, goes
    query = analyzer("Which observatories shared monitoring data downstream in 2030?")
    assert query.documents == [] and query.scope == {"A/HRC/99/1 (en)", "A/RES/99/7 (en)"}
    hits = retriever.retrieve("Which observatories shared monitoring data downstream in 2030?").hits
    assert hits[0].paragraph.doc_id == "A/HRC/99/1 (en)"
    # words every document holds single none out
    assert analyzer("What does it say?").scope is None


def test_bm25_counts_rarity_in_the_documents_searched(world):
    store, analyzer, _ = world
    channel = word_channel()
    snap = analyzer.library.snapshot()
    scope = frozenset({"A/HRC/99/1 (en)"})
    alone = channel.index(snap, scope)
    assert alone is not channel.index(snap) and alone is channel.index(snap, scope)
    assert {i.split(":")[0] for i in alone.ids} == {"A/HRC/99/1 (en)"}


def test_an_export_cites_each_document_by_its_record(world):
    """Issue 15's export over issue 12's document records: an article is "art. N" of the
    document's symbol, its title beside it; a preambular paragraph is one; a report's
    paragraph stays "para. N"."""
    from rag.answer.base import Answer, Citation, Claim
    from rag.answer.export import as_markdown, as_text
    from rag.service import QA

    _, _, retriever = world
    retrieval = retriever.retrieve("What does the Declaration on Glacier Rights say about "
                                   "observatories?")
    by_n = {h.paragraph.n: h for h in retrieval.hits}
    assert 2 in by_n and 1002 in by_n, sorted(by_n)
    citations = [Citation(n=n, doc_id=by_n[n].paragraph.doc_id, text=by_n[n].paragraph.text,
                          section="", footnotes=[], score=0.1, supported=True, quote="q")
                 for n in (2, 1002)]
    answer = Answer("What does the Declaration say?", "en", False,
                    [Claim("Observatories share data.", [(None, 2), (None, 1002)])],
                    citations, retrieval.hits)
    QA._finish(answer, retrieval, 0.0, 0.0)
    text = as_text(answer)
    assert "[A/RES/99/7, art. 2] [A/RES/99/7, preambular para. 2]" in text
    assert "[1] A/RES/99/7, art. 2 — https://undocs.org/en/A/RES/99/7" in text
    assert "    Document: Declaration on Glacier Rights" in text
    assert "para. 1002" not in text and ", para. 2" not in text
    assert "*Document:* Declaration on Glacier Rights" in as_markdown(answer)


def test_a_follow_up_stays_in_the_document_the_earlier_question_named(world):
    """Issue 15's rule condenser over issue 12's named documents: the document an earlier
    question named as its source remains the one searched alone."""
    from rag.conversation.base import Exchange
    from rag.conversation.rules import RuleCondenser

    _, analyzer, _ = world
    condense = RuleCondenser(analyzer.library)
    earlier = [Exchange("What does the Declaration on Glacier Rights say about observatories?")]
    for follow_up in ("And about water?", "Does it mention funding?"):
        condensed = condense(follow_up, earlier)
        assert condensed.rewritten and condensed.doc_id is None
        query = analyzer(condensed.question, doc_id=condensed.doc_id)
        assert query.documents == ["A/RES/99/7"], condensed.question
        assert query.scope == {"A/RES/99/7 (en)"}
    assert analyzer("Does it mention funding?").scope != {"A/RES/99/7 (en)"}
