"""End to end in real headless Chromium: ask, click a chip, switch language, read the
report, upload a document and ask about it. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import WAIT, WARNINGS, ask, click_chip, need_browser
from tests.support import FIXTURES, running, writable_copy
from ui.app import build_app

sync_api = need_browser()
pytestmark = WARNINGS


@pytest.fixture(scope="module")
def server(seed_settings, seed_components, embedder, tmp_path_factory):
    components = writable_copy(seed_settings, tmp_path_factory.mktemp("ui-browser"), embedder)
    with running(build_app(components)) as url:
        yield components, url


def test_chat_chips_language_reader_and_upload(server, browser, shot, tmp_path):
    components, url = server
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, locale="zh-CN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    sync_api.expect(page.locator("#send")).to_have_text("提问", timeout=WAIT)

    # Chinese question; the chip opens the card with the paragraph and its section
    ask(page, "报告认为加强全球裁军方面的合作能带来什么好处？")
    seed = {p.n: p for p in components.store.all_paragraphs("A/HRC/47/47")}
    p86 = seed[86]
    card, n = click_chip(page, "-86")
    sync_api.expect(card).to_contain_text(p86.text)
    sync_api.expect(card).to_contain_text(p86.section)
    sync_api.expect(card.locator("mark")).to_contain_text("增强全球裁军合作可以释放资源来实现权利")
    shot(page, "chat_zh_card_open")

    # switch the language: the labels change
    page.locator("#lang label", has_text="English").click()
    sync_api.expect(page.locator("#send")).to_have_text("Ask", timeout=WAIT)
    sync_api.expect(page.locator("#tab-read-button")).to_have_text("Read the report")

    ask(page, "What does the report say about easing sanctions?")
    card, n = click_chip(page)
    assert n in {9, 66, 86}
    sync_api.expect(card).to_contain_text(seed[n].text[:40])
    sync_api.expect(card).to_contain_text("制裁")
    sync_api.expect(card).to_contain_text("retrieval score")
    # the shipped translation of the quote, labelled as machine-made, above the original
    # with the quoted sentence marked in it
    sync_api.expect(card.locator(".mt-label").first).to_contain_text("Machine translation (")
    sync_api.expect(card.locator(".mt-text", has_text="sanctions").first).to_be_visible()
    sync_api.expect(card.locator(".ev-original")).to_be_visible()
    sync_api.expect(card.locator("mark").first).to_contain_text("制裁")
    answer_text = page.locator("#chat .message-content >> nth=-1")
    sync_api.expect(answer_text).to_contain_text("sanctions")
    shot(page, "chat_en_card_open")

    # a chip of the first answer re-opens that answer's evidence
    old = page.locator('#chat a.cite-chip[href="#card-t0-A-HRC-47-47-86"]')
    old.click()
    sync_api.expect(page.locator("#card-t0-A-HRC-47-47-86")).to_have_attribute(
        "open", "", timeout=WAIT)

    # the paragraph browser: jump to ¶88
    page.click("#tab-read-button")
    page.fill("#jump-n input", "88")
    page.click("#jump-btn")
    target = page.locator("#reader-panel #para-A-HRC-47-47-88.target")
    p88 = seed[88]
    sync_api.expect(target).to_contain_text(p88.text[:40], timeout=WAIT)
    sync_api.expect(target).to_be_in_viewport(timeout=WAIT)
    sync_api.expect(page.locator("#toc-panel")).to_contain_text("Contents")
    shot(page, "browser_para_88")

    # upload a small document with hostile markup in it
    doc = tmp_path / "glacier.txt"  # its ¶3 carries <img onerror> and <script>
    doc.write_text((FIXTURES / "glacier_en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    page.click("#tab-add-button")
    page.set_input_files("#upload input[type=file]", str(doc))
    page.click("#ingest-btn")
    summary = page.locator("#ingest-summary table")
    sync_api.expect(summary).to_contain_text("A/HRC/99/1", timeout=WAIT)
    sync_api.expect(summary).to_contain_text("glacier.txt")
    shot(page, "upload_summary")

    # its paragraphs show their markup as text, and nothing ran
    page.click("#tab-read-button")
    p3 = page.locator("#reader-panel #para-A-HRC-99-1-en-3")
    sync_api.expect(p3).to_contain_text('<img src=x onerror="window.__pwned=1">', timeout=WAIT)
    sync_api.expect(p3).to_contain_text("<script>window.__pwned=2</script>")
    assert page.evaluate("window.__pwned") is None

    # ask about it: the answer cites the new document
    page.click("#tab-chat-button")
    question = "How many glacier observatories shared data with downstream communities?"
    ask(page, question)
    card, n = click_chip(page, "-A-HRC-99-1-en-2")
    sync_api.expect(card).to_contain_text("17 glacier observatories")
    shot(page, "chat_uploaded_doc")

    # the document filter now offers it, and scopes what is retrieved to it
    page.locator("#doc-filter input").click()
    page.get_by_role("option", name="Cooperation on glacier monitoring (A/HRC/99/1)").click()
    ask(page, question)
    cards = page.locator("#evidence-panel details.card")
    sync_api.expect(cards.first).to_be_attached(timeout=WAIT)
    ids = cards.evaluate_all("els => els.map(e => e.id)")
    assert ids and all(i.startswith("card-t3-A-HRC-99-1-en-") for i in ids), ids
    assert page.evaluate("window.__pwned") is None
    assert not [e for e in errors if re.search(r"unqa|cite|card", e)], errors
