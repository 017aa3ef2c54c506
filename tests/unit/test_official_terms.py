"""Terms learnt from official versions stored in two languages: the real Universal
Declaration and Charter chapter (eval/docs) paired by article, the real dictionary."""

from __future__ import annotations

import uuid

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.base import Paragraph
from ingest.parser import parse_document
from rag.language.dictionary import load_dictionary
from rag.translate.cache import TranslationCache
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import Checker
from rag.translate.official_terms import mine_official_terms, official_pairs
from rag.translate.service import TranslationService
from rag.translate.terms import OFFICIAL, Term, Terminology
from tests.support import CACHE, DOCS

BOTH = [("UDHR_zh.txt", "UDHR_en.txt"), ("UNCharter_ch1_zh.txt", "UNCharter_ch1_en.txt")]


def units(name: str) -> dict[int, str]:
    doc = parse_document((DOCS / name).read_text(encoding="utf-8"), name=name)
    return {p.n: p.text for p in doc.paragraphs}


@pytest.fixture(scope="module")
def glosses():
    return load_dictionary(CACHE).glosses


def pairs(shift: int = 0) -> list[tuple[str, str]]:
    out = []
    for zh_file, en_file in BOTH:
        zh, en = units(zh_file), units(en_file)
        out += [(zh[n], en[n + shift]) for n in zh if n + shift in en]
    return out


def test_aligned_versions_teach_their_multiword_terms(glosses):
    learnt = {t.zh: t.en for t in mine_official_terms(pairs(), Terminology.load(), glosses)}
    assert learnt["人权和基本自由"] == "human rights and fundamental freedoms"
    assert learnt["国际和平及安全"] == "international peace and security"
    assert all(len(en.split()) >= 2 for en in learnt.values())
    # a curated term is never learnt again, nor a phrase that holds one
    base = Terminology([Term("基本自由", "fundamental freedoms")])
    again = {t.zh for t in mine_official_terms(pairs(), base, glosses)}
    assert not any("基本自由" in zh for zh in again)


def test_misaligned_paragraphs_teach_nothing_of_the_kind(glosses):
    learnt = {t.zh for t in mine_official_terms(pairs(shift=1), Terminology.load(), glosses)}
    assert "人权和基本自由" not in learnt and "国际和平及安全" not in learnt


def test_only_paragraphs_stored_in_both_languages_are_paired():
    zh, en, fr = (Paragraph("S", 1, "中文", lang="zh"), Paragraph("S (en)", 1, "English", lang="en"),
                  Paragraph("S (fr)", 2, "Français", lang="fr"))
    assert official_pairs({("S", 1): {"zh": zh, "en": en}, ("S", 2): {"fr": fr}}) == [
        ("中文", "English")]


def test_a_learnt_term_changes_the_version_of_the_sentences_that_use_it_only():
    terms = Terminology.load().with_extra([Term("人权和基本自由", "human rights and fundamental "
                                                "freedoms", OFFICIAL)])
    plain = "人权高专办支持了 28 个国家。"
    using = "各国应尊重人权和基本自由。"
    assert terms.version_for(plain, "zh") == terms.version
    assert terms.version_for(using, "zh").startswith(f"{terms.version}+official-")
    assert terms.version_for("States respect human rights and fundamental freedoms.", "en") \
        == terms.version_for(using, "zh")


class Recorder:
    identity = "stub/p0"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        self.seen.append(text)
        return "States should respect human rights and fundamental freedoms."


def test_a_document_that_uses_a_learnt_term_gets_it_injected_and_keyed():
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    terms = Terminology.load()
    learnt = (Term("人权和基本自由", "human rights and fundamental freedoms", OFFICIAL),
              Term("国际和平及安全", "international peace and security", OFFICIAL))
    model = Recorder()
    svc = TranslationService(TranslationCache(client, f"t-{uuid.uuid4().hex[:8]}"), terms,
                             model.identity,
                             lambda: CheckedTranslator(model, terms, Checker(terms)),
                             official=lambda: learnt)
    doc = [Paragraph("D", 1, "各国应尊重人权和基本自由。")]
    extra = svc.extra_terms("D", doc)
    assert [t.zh for t in extra if t.kind == OFFICIAL] == ["人权和基本自由"]  # the one it uses
    out = svc.translate(doc[0].text, "zh", extra)
    assert model.seen == ["各国应尊重human rights and fundamental freedoms。"]
    assert out.shown and out.terms_version == svc.terms_version(extra, doc[0].text, "zh")
    assert "+official-" in out.terms_version
    assert svc.lookup(doc[0].text, "zh", extra) == out  # stored under the same key
