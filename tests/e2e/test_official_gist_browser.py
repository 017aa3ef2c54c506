"""The English chat in real headless Chromium shows which text is official and which is a
machine gist: over the seed (no English version stored) each translated quote leads with
its facts strip, then the translation under "Machine translation, may contain errors",
then its Chinese original; over the Universal Declaration, whose official English version
is stored beside the Chinese, the answer quotes the official text and shows no gist.
Screenshots: test-artifacts/screenshots/gist_*.png."""

from __future__ import annotations

import pytest

from rag.factory import ingest_files
from tests.e2e.browser import WAIT, WARNINGS, ask, click_chip, need_browser
from tests.support import DOCS, running, writable_copy
from ui.app import build_app

sync_api = need_browser()
pytestmark = WARNINGS


@pytest.fixture(scope="module")
def server(seed_settings, seed_components, embedder, tmp_path_factory):
    components = writable_copy(seed_settings, tmp_path_factory.mktemp("gist"), embedder,
                               translate_live=False)
    summary = ingest_files(components.settings, components.store, embedder,
                           [DOCS / "UDHR_zh.txt", DOCS / "UDHR_en.txt"],
                           symbol="A/RES/217(III)", progress=False)
    assert not summary.failed, summary.failed
    components.library.snapshot(force=True)
    with running(build_app(components)) as url:
        yield url


def test_official_text_and_machine_gist_are_told_apart(server, browser, shot):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page.goto(server)
    sync_api.expect(page.locator("#send")).to_have_text("Ask", timeout=WAIT)

    ask(page, "What did the OHCHR Regional Office for South-East Asia support?")
    answer = page.locator("#chat .message-content >> nth=-1")
    sync_api.expect(answer.locator(".lead")).to_contain_text(
        "Machine translation, may contain errors")
    sync_api.expect(answer.locator(".lead")).not_to_contain_text("qwen")
    gist = answer.locator(".gist").first
    sync_api.expect(gist.locator(".facts")).to_contain_text("Regional Office for South-East Asia")
    sync_api.expect(gist.locator(".mt-head")).to_have_text("Machine translation, may contain errors")
    sync_api.expect(gist.locator(".original-beside")).to_contain_text("东南亚区域办事处")
    boxes = [gist.locator(sel).bounding_box() for sel in
             (".facts", ".mt-head", ".original-beside")]
    assert all(boxes) and boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # facts, gist, original
    assert "qwen" in (gist.locator(".mt-mark").get_attribute("title") or "")
    card, n = click_chip(page)
    assert n == 28
    sync_api.expect(card.locator(".mt-label").first).to_contain_text("Machine translation (")
    shot(page, "gist_machine")

    ask(page, "What does the Universal Declaration say about the right to a nationality?")
    answer = page.locator("#chat .message-content >> nth=-1")
    sync_api.expect(answer).to_contain_text("quoted from the official English text")
    sync_api.expect(answer).to_contain_text("Everyone has the right to a nationality")
    assert answer.locator(".gist").count() == 0 and answer.locator(".mt-mark").count() == 0
    card, n = click_chip(page)
    assert n == 15
    sync_api.expect(card).to_contain_text("A/RES/217(III) (en)")
    shot(page, "gist_official")
