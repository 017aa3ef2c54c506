"""The official text all the way through: with the English version of a Chinese document
stored under the same symbol, an English question is answered from it, with no machine
translation, in the lead (its English section), the cards, the reader, the exports and
follow-ups, and the answer says it quotes the official English text.

The Universal Declaration (eval/docs/UDHR_zh.txt, UDHR_en.txt, A/RES/217(III)) and the
report A/HRC/99/12 in both languages (tests/fixtures), in a real store."""

from __future__ import annotations

import pytest

from ingest.base import Paragraph
from rag.answer.export import as_markdown, as_text
from rag.config import Settings
from rag.conversation.base import Exchange
from rag.factory import build, ingest_files
from tests.support import ALWAYS_ANSWER, CACHE, DOCS, FIXTURES, visible_text

UDHR = "A/RES/217(III)"
SECTION_EN = "II. Cooperation in practice › B. Financing"
SECTION_ZH = "二. 实践中的合作 › B. 资金"
ODA = "How much did official development assistance for water fall in 2028?"


@pytest.fixture(scope="module")
def library(tmp_path_factory, embedder):
    settings = Settings(store_dir=tmp_path_factory.mktemp("official") / "store", cache_dir=CACHE,
                        translate_live=False, **ALWAYS_ANSWER)
    components = build(settings, embedder=embedder)
    for files, symbol in (([DOCS / "UDHR_zh.txt", DOCS / "UDHR_en.txt"], UDHR),
                          ([FIXTURES / "zh_report.txt", FIXTURES / "en_report.txt"], None)):
        summary = ingest_files(settings, components.store, embedder, files, symbol=symbol,
                               progress=False)
        assert not summary.failed, summary.failed
    components.library.snapshot(force=True)
    return components


def no_machine_translation(library, answer) -> None:
    """Every quote is in the asker's language already: nothing to translate, none made."""
    assert library.qa.translator.pending(answer) == []
    assert all(c.translation is None and not c.quoted for c in answer.claims)
    assert all(c["translation"] is None for c in answer.to_dict()["claims"])


def test_an_english_question_quotes_the_official_english_text(library):
    answer = library.qa.ask(
        "Does the Universal Declaration say anything about the right to a nationality?")
    assert answer.cited() == [(f"{UDHR} (en)", 15)]
    no_machine_translation(library, answer)
    assert answer.text.splitlines()[0] == ("Article 15 of the Universal Declaration of Human "
                                           "Rights addresses this; quoted from the official "
                                           "English text:")
    assert "1. Everyone has the right to a nationality.[¶15]" in answer.text
    text = as_text(answer)
    assert f"[1] {UDHR}, art. 15 — https://undocs.org/en/{UDHR}" in text
    assert "Text (English): 1. Everyone has the right to a nationality." in text
    assert f"Official Chinese version ({UDHR}, art. 15, https://undocs.org/zh/{UDHR}): " \
           "㈠ 人人有权享有国籍。" in text
    assert "Machine translation" not in text and "machine translation" not in text
    assert "quoted from the official English text" in text
    markdown = as_markdown(answer)
    assert "*Text (English):*" in markdown and "> 1. Everyone has the right to a nationality." \
        in markdown


def test_the_lead_names_the_english_section(library):
    answer = library.qa.ask(ODA)
    assert answer.cited() == [("A/HRC/99/12 (en)", 5)]
    no_machine_translation(library, answer)
    lead = answer.text.splitlines()[0]
    assert lead == (f"The report addresses this in paragraph 5 (section “{SECTION_EN}”); "
                    "quoted from the official English text:")
    assert SECTION_ZH not in answer.text
    text = as_text(answer)
    assert f"Section: {SECTION_EN}" in text and "Text (English): Official development " \
        "assistance for water fell by 0.3 per cent in 2028." in text


def test_a_follow_up_stays_with_the_english_text(library):
    answer = library.qa.ask("And what about blended finance?", history=[Exchange(ODA)])
    assert answer.understood_as != answer.question  # taken as a follow-up
    assert answer.cited() == [("A/HRC/99/12 (en)", 5)]
    no_machine_translation(library, answer)
    assert "Blended finance rose" in answer.text and SECTION_EN in answer.text


def test_a_chinese_question_keeps_the_chinese_text(library):
    answer = library.qa.ask("2028 年用于水的官方发展援助下降了多少？")
    assert answer.cited() == [("A/HRC/99/12", 5)]
    assert "official English text" not in answer.text


def test_the_cards_show_the_english_text_and_section(library):
    from ui.cards import evidence_html

    answer = library.qa.ask(ODA)
    html = visible_text(evidence_html(answer, 0, "en"))
    assert "A/HRC/99/12 (en)" in html and SECTION_EN in html
    assert "Official development assistance for water fell by 0.3 per cent in 2028." in html
    assert "Machine translation" not in html


def test_the_reader_shows_the_official_english_text_not_a_machine_translation(library):
    from ui.library import browse

    _, html = browse(library, "A/HRC/99/12", "", "en", view="both")
    shown = visible_text(html)
    assert "Official English text (A/HRC/99/12 (en))" in shown
    assert "Official development assistance for water fell by 0.3 per cent in 2028." in shown
    assert "2028 年用于水的官方发展援助下降了 0.3%" in shown  # the original beside it
    assert "Machine translation" not in shown and "not translated yet" not in shown
    _, english = browse(library, "A/HRC/99/12 (en)", "", "zh", view="translation")
    assert "正式中文本 (A/HRC/99/12)" in visible_text(english)


def test_the_stored_pairs_teach_terms_for_translating_other_documents(library):
    """The Declaration's Chinese and English articles, paired by number in the store,
    teach its phrases; a Chinese-only document that uses one has it injected and its
    sentence keyed apart, while its other sentences keep their stored translations."""
    service = library.translation
    learnt = {t.zh: t.en for t in service.official()}
    assert learnt["人权和基本自由"] == "human rights and fundamental freedoms"
    other = [Paragraph("A/HRC/98/1", 1, "各国应促进对人权和基本自由的普遍尊重。人权高专办支持了 28 个国家。")]
    extra = service.extra_terms("A/HRC/98/1", other)
    assert ("人权和基本自由", "human rights and fundamental freedoms") in {
        (t.zh, t.en) for t in extra}
    using, plain = "各国应促进对人权和基本自由的普遍尊重。", "人权高专办支持了 28 个国家。"
    assert "+official-" in service.terms_version(extra, using, "zh")
    assert service.terms_version(extra, plain, "zh") == service.terms_version(extra)
