"""Questions that name a stored document: by symbol, title, a distinctive part of it, a
subject title next to its kind, or its kind alone; what an answer calls each document."""

from __future__ import annotations

import pytest

from ingest.base import ARTICLES, DocumentInfo
from rag.library.documents import (
    KIND,
    PART,
    SYMBOL,
    TITLE,
    Catalogue,
    blank,
    document_names,
    taken_to_mean,
)

INFOS = [
    DocumentInfo("A/HRC/47/47", "A/HRC/47/47", "落实和加强人权领域的国际合作", "report", "zh"),
    DocumentInfo("A/RES/217(III)", "A/RES/217(III)", "世界人权宣言", "declaration", "zh",
                 numbering=ARTICLES),
    DocumentInfo("A/RES/217(III) (en)", "A/RES/217(III)", "Universal Declaration of Human Rights",
                 "declaration", "en", numbering=ARTICLES),
    DocumentInfo("RTD-2001-draft (en)", "RTD-2001-draft", "The right to development",
                 "draft resolution", "en"),
    DocumentInfo("UN-Charter (en)", "UN-Charter",
                 "Charter of the United Nations, Chapter I: Purposes and Principles", "charter",
                 "en", numbering=ARTICLES),
]
# the curated terminology's pairs, as the snapshot builds them (English keys lower-cased)
TRANSLATIONS = {"right to development": ["发展权"], "发展权": ["right to development"],
                "charter of the united nations": ["联合国宪章"],
                "联合国宪章": ["Charter of the United Nations"]}


@pytest.fixture(scope="module")
def cat():
    return Catalogue.build(INFOS, TRANSLATIONS)


def named(cat, question):
    return taken_to_mean(cat.mentions(question))


@pytest.mark.parametrize(("question", "symbol", "strength"), [
    ("世界人权宣言关于酷刑有何规定？", "A/RES/217(III)", TITLE),
    ("《世界人权宣言》对受教育的权利有何规定？", "A/RES/217(III)", TITLE),
    ("Does the Universal Declaration say anything about the right to a nationality?",
     "A/RES/217(III)", PART),
    ("What does the draft resolution on the right to development urge States to do?",
     "RTD-2001-draft", TITLE),
    ("According to the 2001 draft resolution on the right to development, who?",
     "RTD-2001-draft", TITLE),
    ("What does the right-to-development draft say about the gap?", "RTD-2001-draft", TITLE),
    ("关于发展权的决议草案如何看待妇女的作用？", "RTD-2001-draft", TITLE),
    ("这份发展权决议草案决定在哪一届会议上继续审议？", "RTD-2001-draft", TITLE),
    ("What does the draft resolution say about women's access to credit?", "RTD-2001-draft",
     KIND),
    ("《联合国宪章》第一条怎么规定？", "UN-Charter", TITLE),
    ("Does the Charter of the United Nations authorize it?", "UN-Charter", TITLE),
    ("Does the United Nations Charter authorize it?", "UN-Charter", TITLE),
    ("According to the High Commissioner's report A/HRC/47/47, what?", "A/HRC/47/47", SYMBOL),
    ("What does the report say about easing sanctions?", "A/HRC/47/47", KIND),
    ("报告认为加强全球裁军方面的合作能带来什么好处？", "A/HRC/47/47", KIND),
    ("人权高专办报告中，委员会建议比利时做什么？", "A/HRC/47/47", KIND),
])
def test_a_named_document_is_recognised_alone(cat, question, symbol, strength):
    mentions = cat.mentions(question)
    assert taken_to_mean(mentions) == ([symbol], True)
    assert max(m.strength for m in mentions) == strength


@pytest.mark.parametrize("question", [
    "What did the Council ask for in its resolution 44/18?",  # another resolution
    "纪念联合国成立75周年宣言中，会员国作出了什么承诺？",  # another declaration
    "What does the Declaration on the commemoration of the anniversary say?",
    "哪位特别报告员建议设立税务委员会？",  # 报告员 is no report
    "In what spirit should cooperation for the right to development be conducted?",  # a subject
    "第75/233号决议说了什么？",
])
def test_words_that_do_not_name_a_stored_document(cat, question):
    assert named(cat, question) == ([], False)


def test_two_documents_named_are_both_favoured_none_alone(cat):
    docs, alone = named(cat, "What does the report say about the Universal Declaration?")
    assert set(docs) == {"A/HRC/47/47", "A/RES/217(III)"} and not alone


def test_blank_takes_the_naming_words_out_of_the_search_text(cat):
    q = "What does the draft resolution on the right to development urge States to do?"
    assert blank(q, cat.mentions(q)) == "What does urge States to do?"
    q = "What does the report on cooperation in human rights (A/HRC/47/47) call for?"
    assert blank(q, cat.mentions(q)) == "What does call for?"
    q = "《世界人权宣言》对受教育的权利有何规定？"
    assert blank(q, cat.mentions(q)) == "对受教育的权利有何规定？"


def test_a_kind_alone_is_ambiguous_when_two_documents_share_it():
    two = Catalogue.build([*INFOS, DocumentInfo("A/HRC/48/1", "A/HRC/48/1", "Other", "report",
                                                "en")])
    assert named(two, "What does the report say about easing sanctions?") == ([], False)
    assert named(two, "What does A/HRC/48/1 say?") == (["A/HRC/48/1"], True)


def test_answers_name_documents_in_their_own_words(cat):
    names = {s: document_names(d, cat, TRANSLATIONS) for s, d in cat.documents.items()}
    assert names["A/HRC/47/47"] == {"en": "the report", "zh": "报告"}
    assert names["RTD-2001-draft"] == {"en": "the draft resolution", "zh": "决议草案"}
    assert names["A/RES/217(III)"] == {"en": "the Universal Declaration of Human Rights",
                                       "zh": "《世界人权宣言》"}
    assert names["UN-Charter"] == {"en": "the Charter of the United Nations", "zh": "《联合国宪章》"}
    two = Catalogue.build([*INFOS, DocumentInfo("A/HRC/48/1", "A/HRC/48/1", "T", "report", "en")])
    assert document_names(two.documents["A/HRC/48/1"], two)["en"] == "the report A/HRC/48/1"


def test_every_word_that_names_a_document(cat):
    words = cat.words()
    assert {"世界人权宣言", "universal declaration of human rights", "draft resolution",
            "发展权", "a/hrc/47/47", "报告"} <= words
