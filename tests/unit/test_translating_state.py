"""Something useful in the reader's language at once: while the model translates a quote,
the answer shows its lead, the quote's original and its facts strip, and a "translating…"
state; the checked translation replaces the original when it comes; the model's text is
never shown before it passes the checks. A stand-in model, in-memory Chroma."""

from __future__ import annotations

import uuid

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.base import Paragraph
from rag.answer.base import Answer, Citation, Claim, Message
from rag.base import Hit
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from rag.translate.answers import AnswerTranslator, Translating
from rag.translate.cache import TranslationCache
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import Checker
from rag.translate.lease import Leases
from rag.translate.service import TranslationService
from rag.translate.strip import fact_strip
from rag.translate.terms import Terminology
from tests.support import assert_inert, memory_store, stub_embedder, visible_text
from ui.render import answer_html, facts_html, translating_html

DOC = "A/HRC/1/1"
QUOTE = "2021 年 3 月，人权理事会通过了第 46/12 号决议，人权高专办支持了 28 个国家。"
P1 = Paragraph(DOC, 1, QUOTE)
GOOD = ("In March 2021, the Human Rights Council adopted resolution 46/12, and OHCHR "
        "supported 28 countries.")
UNCHECKED = "In May 2019, the Council adopted resolution 99/1 and OHCHR supported 82 countries."


class Stub:
    identity = "stub/p0"

    def __init__(self, reply: str) -> None:
        self.reply, self.calls = reply, 0

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        self.calls += 1
        return self.reply


@pytest.fixture
def flow():
    """(translator of answers, a fresh English answer quoting the Chinese ¶1)."""
    def make(reply: str) -> tuple[AnswerTranslator, Answer]:
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        terms = Terminology.load()
        name = f"t-{uuid.uuid4().hex[:8]}"
        svc = TranslationService(
            TranslationCache(client, name), terms, Stub.identity,
            lambda: CheckedTranslator(Stub(reply), terms, Checker(terms)), Leases(client, name))
        library = Library(memory_store([P1], stub_embedder()), lambda: Dictionary({}))
        cit = Citation(n=1, doc_id=DOC, text=QUOTE, section="", footnotes=[], score=0.05,
                       supported=True, quote=QUOTE, support=1.0, label="[¶1]", quotes=[QUOTE])
        answer = Answer("What did the Council adopt in March 2021?", "en", False,
                        [Claim(QUOTE, [(DOC, 1)], quote=QUOTE, quoted=True)], [cit],
                        [Hit(P1, 0.05)],
                        lead=Message("lead", {"n": 1, "section": "", "source_lang": "zh"}))
        return AnswerTranslator(svc, library), answer
    return make


def test_the_facts_strip_gives_numbers_dates_and_names_as_written():
    facts = fact_strip(QUOTE, "zh", Terminology.load())
    assert [(f.text, f.kind, f.gloss) for f in facts] == [
        ("2021年3月", "date", "March 2021"),
        ("人权理事会", "name", "Human Rights Council"),
        ("第46/12号决议", "symbol", "resolution 46/12"),
        ("人权高专办", "name", "OHCHR"),
        ("28", "number", "")]
    html = facts_html(facts, "en")
    assert "Numbers, dates and names in the original" in visible_text(html)
    assert "March 2021" in html and "人权理事会" in html
    assert_inert(html)


def test_an_uncached_quote_shows_its_original_facts_and_state_until_checked(flow):
    translator, answer = flow(GOOD)
    plan = translator.plan(answer)
    assert plan is not None and [q.claim for q in plan.todo] == answer.claims
    state = translator.waiting(plan)  # what the chat shows at once
    assert isinstance(state, Translating) and state.waiting[0].src == "zh"
    html = translating_html(state, 0, "en")
    text = visible_text(html)
    assert "Translating…" in text and "Original (Chinese)" in text
    assert QUOTE in text and "March 2021" in text and "Human Rights Council" in text
    assert 'class="answer translating"' in html and 'href="#card-t0-A-HRC-1-1-1"' in html
    assert "The report addresses this" in text  # the lead
    assert GOOD not in text
    assert_inert(html)
    done = list(translator.run(plan))
    translator.finish(plan)
    assert done == answer.claims and answer.claims[0].translated
    assert translator.waiting(plan).waiting == []
    final = visible_text(answer_html(answer, 0, "en"))
    assert GOOD in final and "Translating" not in final and "Machine translation" in final


def test_a_translation_that_fails_its_checks_is_never_shown(flow):
    translator, answer = flow(UNCHECKED)  # wrong date, resolution and number
    plan = translator.plan(answer)
    assert plan is not None
    before = translating_html(translator.waiting(plan), 0, "en")
    list(translator.run(plan))
    translator.finish(plan)
    claim = answer.claims[0]
    assert claim.translation is not None and not claim.translation.shown
    assert UNCHECKED not in before and UNCHECKED not in answer_html(answer, 0, "en")
    assert QUOTE in visible_text(answer_html(answer, 0, "en"))
    assert answer.notice == Message("notice.translation_withheld")


def test_a_cached_translation_needs_no_waiting_state(flow):
    translator, answer = flow(GOOD)
    list(translator.translate(answer))  # the model once; cached
    _, again = flow(GOOD)
    again_translator = translator  # the same service and cache
    plan = again_translator.plan(again)
    assert plan is not None and plan.todo == [] and again.claims[0].translated


def test_the_chinese_reader_sees_chinese_labels(flow):
    translator, answer = flow(GOOD)
    plan = translator.plan(answer)
    assert plan is not None
    text = visible_text(translating_html(translator.waiting(plan), 2, "zh"))
    assert "正在翻译" in text and "原文（中文）" in text and "原文中的数字、日期和名称" in text
