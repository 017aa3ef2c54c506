"""Several documents in the chat, in real headless Chromium: the answer says which
document the question was taken to mean, and the document filter scopes the search.
Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from rag.factory import ingest_files
from tests.e2e.browser import SHOTS, WAIT, WARNINGS, ask, need_browser
from tests.support import DOCS, running, writable_copy
from ui.app import build_app

sync_api = need_browser()
pytestmark = WARNINGS


@pytest.fixture(scope="module")
def server(seed_settings, seed_components, embedder, tmp_path_factory):
    """The seed and the Charter's chapter I in both languages, linked by one identifier."""
    components = writable_copy(seed_settings, tmp_path_factory.mktemp("ui-docs"), embedder)
    for name, title in [("UNCharter_ch1_zh.txt", "联合国宪章 第一章：宗旨及原则"),
                        ("UNCharter_ch1_en.txt", "Charter of the United Nations, Chapter I")]:
        summary = ingest_files(components.settings, components.store, components.embedder,
                               [DOCS / name], progress=False, symbol="UN-Charter", title=title)
        assert not summary.failed, summary.failed
    components.library.snapshot(force=True)
    with running(build_app(components)) as url:
        yield components, url


def last_answer(page):
    return page.locator("#chat .message-content:has(.answer) >> nth=-1")


def card_ids(page) -> list[str]:
    cards = page.locator("#evidence-panel details.card")
    sync_api.expect(cards.first).to_be_attached(timeout=WAIT)
    return cards.evaluate_all("els => els.map(e => e.id)")


def test_taken_to_mean_and_the_document_filter(server, browser):
    components, url = server
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, locale="zh-CN")
    page.goto(url)
    sync_api.expect(page.locator("#send")).to_have_text("提问", timeout=WAIT)

    # a question that names the Charter: taken to mean it, searched alone, article 2 cited
    ask(page, "《联合国宪章》规定本组织基于什么原则？")
    taken = last_answer(page).locator(".taken-as")
    sync_api.expect(taken).to_contain_text("只检索该文件")
    sync_api.expect(taken).to_contain_text("联合国宪章 第一章：宗旨及原则 (UN-Charter)")
    sync_api.expect(last_answer(page)).to_contain_text("《联合国宪章》第二条论及此事")
    ids = card_ids(page)
    assert ids and all(i.startswith("card-t0-UN-Charter-") for i in ids), ids
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "chat_taken_to_mean.png"))

    # a question that names no document: nothing is taken to mean, the seed answers
    ask(page, "人权高专办在乍得促成了哪个机构的组建？")
    assert last_answer(page).locator(".taken-as").count() == 0

    # the filter lists documents by title and symbol, and scopes an unnamed question
    page.locator("#doc-filter input").click()
    page.get_by_role("option", name="联合国宪章 第一章：宗旨及原则 (UN-Charter)").click()
    ask(page, "各会员国应如何解决其国际争端？")
    taken = last_answer(page).locator(".taken-as")
    sync_api.expect(taken).to_contain_text("UN-Charter")
    ids = card_ids(page)
    assert ids and all(i.startswith("card-t2-UN-Charter-") for i in ids), ids

    # in English, the same filter: the English version answers, the lead names the Charter
    page.locator("#lang label", has_text="English").click()
    sync_api.expect(page.locator("#send")).to_have_text("Ask", timeout=WAIT)
    ask(page, "How shall Members settle their international disputes?")
    answer = last_answer(page)
    sync_api.expect(answer.locator(".taken-as")).to_contain_text(
        "Taken to mean (searched alone): Charter of the United Nations, Chapter I (UN-Charter)")
    sync_api.expect(answer).to_contain_text("Article 2 of the Charter of the United Nations")
    ids = card_ids(page)
    assert ids and all(i.startswith("card-t3-UN-Charter-en-") for i in ids), ids
    page.screenshot(path=str(SHOTS / "chat_doc_filter_en.png"))
