"""A fact-checker's session in headless Chromium: a deep link opens the reader at its
paragraph; a citation card's link leads to the same place; a follow-up shows how it was
understood and can be edited and resent; an answer is copied with its sources; the
conversation is downloaded. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.browser import ARGS, CHROMIUM, WAIT, WARNINGS, ask, click_chip, need_browser
from tests.support import running, writable_copy
from ui.app import build_app

sync_api = need_browser()
pytestmark = WARNINGS
DOC = "A/HRC/47/47"


@pytest.fixture(scope="module")
def server(seed_settings, seed_components, embedder, tmp_path_factory):
    components = writable_copy(seed_settings, tmp_path_factory.mktemp("ui-followup"), embedder)
    with running(build_app(components)) as url:
        yield components, url


@pytest.fixture(scope="module")
def context():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        ctx = b.new_context(viewport={"width": 1500, "height": 1000}, locale="zh-CN",
                            accept_downloads=True)
        yield ctx
        ctx.close()
        b.close()


def expect_marked(page, n: int, text: str) -> None:
    """The reader tab is shown, with ¶n marked as the target and scrolled into view."""
    target = page.locator(f"#reader-panel #para-A-HRC-47-47-{n}.target")
    sync_api.expect(target).to_contain_text(text[:30], timeout=WAIT)
    sync_api.expect(target).to_be_in_viewport(timeout=WAIT)
    assert page.locator("#reader-panel .para.target").count() == 1
    sync_api.expect(page.locator("#read-doc input")).to_have_value(DOC)


def test_deep_link_opens_the_reader_at_the_paragraph(server, context, shot):
    components, url = server
    seed = {p.n: p for p in components.store.all_paragraphs(DOC)}
    page = context.new_page()
    page.goto(f"{url}?doc={DOC}&p=72")
    expect_marked(page, 72, seed[72].text)
    shot(page, "deep_link_para_72")
    # a link to a paragraph that does not exist says so, and marks nothing
    page.goto(f"{url}?doc={DOC}&p=999")
    sync_api.expect(page.locator("#reader-panel .reader-msg")).to_contain_text("999",
                                                                              timeout=WAIT)
    assert page.locator("#reader-panel .para.target").count() == 0
    page.close()


def test_card_link_leads_to_the_same_place(server, context, shot):
    components, url = server
    seed = {p.n: p for p in components.store.all_paragraphs(DOC)}
    page = context.new_page()
    page.goto(url)
    ask(page, "报告认为加强全球裁军方面的合作能带来什么好处？")
    card, n = click_chip(page, "-86")
    link = card.locator("a.deep-link")
    assert link.get_attribute("href") == f"?doc={DOC}&p=86"
    with context.expect_page() as opened:
        link.click()
    linked = opened.value
    expect_marked(linked, 86, seed[86].text)
    assert linked.url.startswith(url) and linked.url.endswith(f"?doc={DOC}&p=86")
    shot(linked, "card_link_para_86")
    # the reader's own paragraph links are the same links
    href = linked.locator("#reader-panel #para-A-HRC-47-47-86 a.deep-link").get_attribute("href")
    assert href == f"?doc={DOC}&p=86"
    linked.close()
    page.close()


def test_follow_up_understood_edited_copied_and_downloaded(server, context, shot):
    components, url = server
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    page.goto(url)
    sync_api.expect(page.locator("#send")).to_have_text("提问", timeout=WAIT)
    ask(page, "经济、社会及文化权利委员会在结论性意见中建议几内亚做什么？")
    sync_api.expect(page.locator("#understood")).to_be_hidden()  # the first question is as is
    ask(page, "对贝宁呢？")
    last = page.locator("#chat .message-content >> nth=-1")
    understood = last.locator(".understood")
    sync_api.expect(understood).to_contain_text("理解为")
    sync_api.expect(understood).to_contain_text("经济、社会及文化权利委员会在结论性意见中建议贝宁做什么")
    sync_api.expect(last.locator("a.cite-chip").first).to_have_attribute(
        "href", "#card-t1-A-HRC-47-47-64")
    box = page.locator("#understood textarea")
    sync_api.expect(box).to_have_value("经济、社会及文化权利委员会在结论性意见中建议贝宁做什么？")
    shot(page, "followup_understood_as")

    # copy with sources: plain text that names every source, in UN style, with its link
    sync_api.expect(last.locator(".export pre.export-text")).to_be_hidden()
    sync_api.expect(last.locator(".export .copied")).to_be_hidden()
    last.locator('a[href="#copy-text-t1"]').click()
    sync_api.expect(last.locator(".export .copied")).to_be_visible(timeout=WAIT)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("问题: 对贝宁呢？\n理解为: 经济、社会及文化权利委员会在结论性意见中建议贝宁做什么？")
    assert "[A/HRC/47/47, para. 64]" in copied and "[¶" not in copied
    assert "[1] A/HRC/47/47, para. 64 — https://undocs.org/zh/A/HRC/47/47" in copied
    assert "<" not in copied  # no markup leaks into the pasted text
    last.locator('a[href="#copy-md-t1"]').click()
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert "1. **A/HRC/47/47, para. 64** — <https://undocs.org/zh/A/HRC/47/47>" in markdown

    # edit what was understood and ask that, as written
    box.fill("经济、社会及文化权利委员会在结论性意见中建议乌克兰做什么？")
    page.click("#resend")
    page.wait_for_function(
        "() => document.querySelectorAll('#chat .message-content').length >= 6 && "
        "!document.querySelector('#chat .answer.streaming')", timeout=WAIT)
    resent = page.locator("#chat .message-content >> nth=-1")
    sync_api.expect(resent).to_contain_text("乌克兰")
    assert resent.locator(".understood").count() == 0  # asked as written, not rewritten
    sync_api.expect(page.locator("#understood")).to_be_hidden()

    # download the conversation: every question, how it was understood, its citations
    button = page.locator("#download-json")
    sync_api.expect(button).to_be_visible(timeout=WAIT)
    with page.expect_download() as dl:
        button.click()
    record = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    turns = record["turns"]
    assert [t["question"] for t in turns] == [
        "经济、社会及文化权利委员会在结论性意见中建议几内亚做什么？", "对贝宁呢？",
        "经济、社会及文化权利委员会在结论性意见中建议乌克兰做什么？"]
    assert turns[1]["understood_as"] == "经济、社会及文化权利委员会在结论性意见中建议贝宁做什么？"
    assert turns[1]["condenser"] == "rules"
    assert turns[1]["sources"][0]["cite"] == "A/HRC/47/47, para. 64"
    assert record["models"]["embedder"] == components.embedder.identity
    assert "llm_api_key" not in record["settings"] and "top_k" in record["settings"]
    with page.expect_download() as dl_md:
        page.locator("#download-md").click()
    md = Path(dl_md.value.path()).read_text(encoding="utf-8")
    assert md.count("**A/HRC/47/47, para. 64**") == 3 and "## Models and settings" in md
    page.close()
