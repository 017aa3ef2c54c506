"""The seed beside real UN texts (eval/docs: the Universal Declaration in zh and en, a 2001
draft resolution, the Charter's chapter I), in a real store with the real embedder:
questions that name a document reach it, answers say which document speaks, near misses
across documents are refused."""

from __future__ import annotations

import pytest

from eval.library import ingest_manifest
from tests.support import ALWAYS_ANSWER, DOCS, writable_copy

UDHR = "A/RES/217(III)"


@pytest.fixture(scope="module")
def library(seed_settings, seed_components, embedder, tmp_path_factory):
    components = writable_copy(seed_settings, tmp_path_factory.mktemp("library"), embedder,
                               **ALWAYS_ANSWER)
    ingest_manifest(components, DOCS / "manifest.json")
    return components


def test_every_document_has_its_record(library):
    infos = library.store.document_infos()
    got = {d: (i.symbol, i.kind, i.lang, i.numbering) for d, i in infos.items()}
    assert got == {
        "A/HRC/47/47": ("A/HRC/47/47", "report", "zh", "paragraphs"),
        UDHR: (UDHR, "declaration", "zh", "articles"),
        f"{UDHR} (en)": (UDHR, "declaration", "en", "articles"),
        "RTD-2001-draft (en)": ("RTD-2001-draft", "draft resolution", "en", "paragraphs"),
        "UN-Charter": ("UN-Charter", "charter", "zh", "articles"),
        "UN-Charter (en)": ("UN-Charter", "charter", "en", "articles"),
    }
    assert infos[UDHR].title == "世界人权宣言"
    assert infos["A/HRC/47/47"].title == "落实和加强人权领域的国际合作"


def test_the_declarations_title_reaches_its_article(library):
    answer = library.qa.ask("世界人权宣言关于酷刑有何规定？")
    assert not answer.refused
    assert [d["symbol"] for d in answer.documents] == [UDHR] and answer.searched_only
    assert answer.cited()[0] == (UDHR, 5)
    assert answer.text.startswith("《世界人权宣言》第五条论及此事：")
    assert "任何人不得加以酷刑" in answer.text


def test_an_english_question_gets_the_article_in_english_named_in_words(library):
    answer = library.qa.ask(
        "Does the Universal Declaration say anything about the right to a nationality?")
    assert answer.cited()[0] == (f"{UDHR} (en)", 15)
    assert answer.text.startswith("Article 15 of the Universal Declaration of Human Rights "
                                  "addresses this; quoted from the official English text:")


def test_the_draft_resolution_is_reached_by_its_subject_and_kind(library):
    answer = library.qa.ask("What does the draft resolution on the right to development urge "
                            "States to do about external debt?")
    assert not answer.refused
    assert answer.cited()[0] == ("RTD-2001-draft (en)", 21)
    assert answer.text.startswith("The draft resolution addresses this in paragraph 21")
    assert "Debt burden" in answer.text


def test_a_detail_of_another_document_is_a_near_miss(library, embedder):
    from rag.factory import build

    judged = build(library.settings.model_copy(update={"judge_answer_at": None,
                                                       "judge_refuse_below": None}),
                   embedder=embedder).qa
    answer = judged.ask("What does the Universal Declaration of Human Rights say about "
                        "external debt relief?")
    assert answer.outcome in ("refusal", "hedge"), answer.text
    assert answer.text.startswith("The Universal Declaration of Human Rights ")
    roma = judged.ask("What does the High Commissioner's report A/HRC/47/47 say about "
                      "the Roma?")  # the Roma are in the draft resolution only
    assert roma.outcome in ("refusal", "hedge"), roma.text
    assert roma.text.startswith("The report ")


def test_an_article_the_declaration_lacks_is_refused(library):
    answer = library.qa.ask("世界人权宣言第三十一条规定了什么？")
    assert answer.refused and answer.refusal is not None
    assert answer.refusal.reason == "no_unit"
    assert answer.to_dict()["refusal"]["message"] == "《世界人权宣言》没有第三十一条。"


def test_seed_questions_stay_with_the_seed(library):
    answer = library.qa.ask("What does the report say about easing sanctions?")
    assert not answer.refused and answer.documents[0]["symbol"] == "A/HRC/47/47"
    assert {h.paragraph.doc_id for h in answer.retrieved} == {"A/HRC/47/47"}
    unnamed = library.qa.ask("How many people has OHCHR trained on implementing the right to "
                             "development, and from how many countries?")
    assert unnamed.cited()[0] == ("A/HRC/47/47", 13) and not unnamed.documents
