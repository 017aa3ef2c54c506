"""Translation in the answer path with a stand-in model: the cache, the checks' verdict,
resuming a document, the answer's claims and their rendering. In-memory Chroma."""

from __future__ import annotations

import uuid

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.base import Paragraph
from rag.answer.base import Answer, Citation, Claim, Message
from rag.base import Hit, Translation
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from rag.translate.answers import AnswerTranslator
from rag.translate.base import TranslateError
from rag.translate.cache import TranslationCache
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import Checker
from rag.translate.lease import Leases
from rag.translate.service import TranslationService, translate_document
from rag.translate.terms import Terminology
from tests.support import memory_store, stub_embedder
from ui.cards import citation_card
from ui.reader import reader_html

DOC = "A/HRC/1/1"
P1 = Paragraph(DOC, 1, "2021 年 3 月，人权理事会举行了会议。人权高专办支持了 28 个国家。")


class Stub:
    """A stand-in model: a fixed English text per sentence, or a failure."""

    identity = "stub/p0"

    def __init__(self, answers: dict[str, str], fail_after: int | None = None) -> None:
        self.answers, self.calls, self.fail_after = answers, 0, fail_after
        self.contexts: dict[str, str] = {}

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        self.calls += 1
        self.contexts[text] = context
        if self.fail_after is not None and self.calls > self.fail_after:
            raise TranslateError("endpoint down")
        return next(v for k, v in self.answers.items() if k in text)


GOOD = {"会议": "In March 2021, the Human Rights Council held a meeting.",
        "28": "OHCHR supported 28 countries."}


@pytest.fixture
def client():
    return chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))


def service(client, stub: Stub) -> TranslationService:
    terms = Terminology.load()
    name = f"t-{uuid.uuid4().hex[:8]}"
    return TranslationService(TranslationCache(client, name), terms, stub.identity,
                              lambda: CheckedTranslator(stub, terms, Checker(terms)),
                              Leases(client, name))


def test_translations_are_checked_cached_and_never_asked_twice(client):
    stub = Stub({**GOOD, "28": "OHCHR supported 82 countries."})  # a wrong number
    svc = service(client, stub)
    good = svc.translate("2021 年 3 月，人权理事会举行了会议。", "zh", [])
    bad = svc.translate("人权高专办支持了 28 个国家。", "zh", [])
    assert good.shown and good.model == "stub/p0"
    assert not bad.shown and "numbers" in bad.failed
    assert svc.translate("人权高专办支持了 28 个国家。", "zh", []) == bad  # from the cache
    assert stub.calls == 2 and svc.cache.count() == 2


def test_a_document_run_stops_on_an_outage_and_resumes(client, tmp_path):
    stub = Stub(GOOD, fail_after=1)
    svc = service(client, stub)
    first = translate_document(svc, DOC, [P1])
    assert (first.sentences, first.translated, len(first.errors)) == (2, 1, 1)
    stub.fail_after = None
    second = translate_document(svc, DOC, [P1])
    assert (second.cached, second.translated, second.errors) == (1, 1, [])
    # the second sentence was translated with the first as its context (terms injected)
    assert stub.contexts == {"March 2021，Human Rights Council举行了会议。": "",
                             "OHCHR支持了28个国家。": "March 2021，Human Rights Council举行了会议。"}
    path = tmp_path / "out.jsonl"
    assert svc.cache.export(path, DOC) == 2
    fresh = service(client, Stub({}))
    assert fresh.cache.import_file(path) == 2 and fresh.cache.import_file(path) == 0


def test_an_answer_shows_translated_quotes_and_keeps_the_original(client):
    embedder = stub_embedder()
    library = Library(memory_store([P1], embedder), lambda: Dictionary({}))
    svc = service(client, Stub(GOOD))
    quote = "2021 年 3 月，人权理事会举行了会议。"
    cit = Citation(n=1, doc_id=DOC, text=P1.text, section="", footnotes=[], score=0.05,
                   supported=True, quote=quote, support=1.0, label="[¶1]", quotes=[quote])
    answer = Answer("When did the Council meet?", "en", False,
                    [Claim(quote, [(DOC, 1)], quote=quote, quoted=True)], [cit], [Hit(P1, 0.05)],
                    lead=Message("lead", {"n": 1, "section": "", "source_lang": "zh"}),
                    notes=[Message("glosses", {"pairs": [("会议", "meeting")]})])
    done = list(AnswerTranslator(svc, library).translate(answer))
    assert done == answer.claims and answer.claims[0].translated
    text = answer.text
    assert "In March 2021, the Human Rights Council held a meeting.[¶1]" in text
    assert "Machine translation, may contain errors" in text and "by dictionary" not in text
    assert "stub/p0" not in text  # the model's name is on the mark and the card only
    card = citation_card(cit, None, 0, "en", claims=answer.claims)
    assert "Machine translation (stub/p0)" in card and "<mark>" + quote in card
    assert answer.to_dict()["claims"][0]["translation"]["shown"] is True


def test_an_answers_quote_is_translated_with_the_sentence_before_it(client):
    library = Library(memory_store([P1], stub_embedder()), lambda: Dictionary({}))
    stub = Stub(GOOD)
    quote = "人权高专办支持了 28 个国家。"  # P1's second sentence
    cit = Citation(n=1, doc_id=DOC, text=P1.text, section="", footnotes=[], score=0.05,
                   supported=True, quote=quote, support=1.0, label="[¶1]", quotes=[quote])
    answer = Answer("How many countries?", "en", False,
                    [Claim(quote, [(DOC, 1)], quote=quote, quoted=True)], [cit], [Hit(P1, 0.05)],
                    lead=Message("lead", {"n": 1, "section": "", "source_lang": "zh"}))
    list(AnswerTranslator(service(client, stub), library).translate(answer))
    assert answer.claims[0].translated
    assert stub.contexts == {"OHCHR支持了28个国家。": "March 2021，Human Rights Council举行了会议。"}


def test_the_reader_shows_translation_beside_the_original():
    html = reader_html([P1], "en", view="both", model="stub/p0",
                       translations={P1.id: [("In March 2021, …", True), ("人权高专办…", False)]})
    assert 'class="pair"' in html and "In March 2021" in html and "untranslated" in html
    assert "Machine translation (stub/p0)" in html
    assert "In March 2021" not in reader_html([P1], "en", view="original")


def test_one_worker_holds_a_documents_lease(client):
    leases = Leases(client, f"t-{uuid.uuid4().hex[:8]}", ttl_s=60)
    assert leases.acquire(DOC, "w1") and leases.holder(DOC) == "w1"
    assert not leases.acquire(DOC, "w2")
    leases.release(DOC, "w1")
    assert leases.holder(DOC) is None and leases.acquire(DOC, "w2")


def test_a_model_that_cannot_load_turns_translation_off_with_a_notice(client):
    from rag.translate.model_file import ModelFileError

    def broken() -> CheckedTranslator:
        raise ModelFileError("sha256 mismatch for the joined model")

    name = f"t-{uuid.uuid4().hex[:8]}"
    svc = TranslationService(TranslationCache(client, name), Terminology.load(), "stub/p0",
                             broken, Leases(client, name))
    embedder = stub_embedder()
    library = Library(memory_store([P1], embedder), lambda: Dictionary({}))
    quote = "2021 年 3 月，人权理事会举行了会议。"
    cit = Citation(n=1, doc_id=DOC, text=P1.text, section="", footnotes=[], score=0.05,
                   supported=True, quote=quote, support=1.0, label="[¶1]", quotes=[quote])
    answer = Answer("When did the Council meet?", "en", False,
                    [Claim(quote, [(DOC, 1)], quote=quote, quoted=True)], [cit], [Hit(P1, 0.05)],
                    lead=Message("lead", {"n": 1, "section": "", "source_lang": "zh"}))
    list(AnswerTranslator(svc, library).translate(answer))
    assert not answer.claims[0].translated and not svc.enabled
    assert answer.notice == Message("notice.no_translation")
    assert quote in answer.text  # the original stays, nothing is lost


def _translated_answer(client, section: str = "") -> tuple[Answer, TranslationService]:
    para = Paragraph(DOC, 1, P1.text, section=section)
    library = Library(memory_store([para], stub_embedder()), lambda: Dictionary({}))
    svc = service(client, Stub({**GOOD, "导言": "Introduction"}))
    translate_document(svc, DOC, [para])  # the sentences and the section's title
    quote = "2021 年 3 月，人权理事会举行了会议。"
    cit = Citation(n=1, doc_id=DOC, text=P1.text, section=section, footnotes=[], score=0.05,
                   supported=True, quote=quote, support=1.0, label="[¶1]", quotes=[quote])
    answer = Answer("When did the Council meet?", "en", False,
                    [Claim(quote, [(DOC, 1)], quote=quote, quoted=True)], [cit],
                    [Hit(para, 0.05)],
                    lead=Message("lead", {"n": 1, "section": section, "source_lang": "zh",
                                          "doc_id": DOC}))
    list(AnswerTranslator(svc, library).translate(answer))
    return answer, svc


def test_a_gist_leads_with_its_facts_then_the_marked_translation_then_the_original(client):
    from ui.render import answer_html

    answer, _ = _translated_answer(client)
    facts = [(f.text, f.gloss) for f in answer.claims[0].facts]
    assert ("2021年3月", "March 2021") in facts and ("人权理事会", "Human Rights Council") in facts
    html = answer_html(answer, 0, "en")
    order = [html.index(s) for s in ('class="facts"', 'class="mt-head"',
                                      "In March 2021, the Human Rights Council",
                                      'class="original-beside"')]
    assert order == sorted(order)
    assert ">Machine translation, may contain errors<" in html
    assert "Original (Chinese)" in html and "人权理事会举行了会议" in html
    assert 'title="Machine translation by stub/p0;' in html  # the model, in a tooltip
    assert answer.to_dict()["claims"][0]["facts"][0]["gloss"] == "March 2021"


def test_a_section_title_is_named_by_its_gist_beside_the_original(client):
    answer, _ = _translated_answer(client, section="一. 导言")
    assert ("paragraph 1 (section “Introduction”, a machine gist of “一. 导言”)"
            in answer.text)


def test_a_stored_translation_goes_through_todays_checks(client):
    """A row cached before the first-person check existed is withheld on lookup."""
    terms = Terminology.load()
    svc = service(client, Stub({}))
    svc.checker = Checker(terms)
    source = "建议挪威审查其法律。"
    old = Translation("We recommend that Norway review its laws.", source, "zh", "en",
                      shown=True, model="stub/p0", terms_version=terms.version)
    svc.cache.put(old)
    got = svc.lookup(source, "zh", [])
    assert got is not None and not got.shown and got.failed == ["voice"]


def test_a_gist_carries_its_own_facts_so_the_figures_note_goes(client):
    from ui.render import answer_html

    answer, _ = _translated_answer(client)
    answer.notes = [Message("figures", {"items": ["2021", "28"]}),
                    Message("glosses", {"pairs": [("会议", "meeting")]})]
    assert answer.shown_notes() == []  # the facts strip says it, beside the quote
    assert "Figures and names as written" not in answer_html(answer, 0, "en")
    answer.claims[0].translation = None  # the original shown: both notes help again
    assert [n.key for n in answer.shown_notes()] == ["figures", "glosses"]
