"""In real headless Chromium: an English question whose quotes are not translated yet.

The translator is a real HTTP server on loopback that holds its reply until the test
lets it go, so the "translating…" state stays on screen to be looked at: the lead, the
Chinese original with its facts strip, chips that open their cards. Then its reply, a
sentence that fails the checks, comes: the original stays, a notice says why, and the
machine's text never reaches the page.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.e2e.browser import WAIT, WARNINGS, need_browser
from tests.support import running, writable_copy
from ui.app import build_app

sync_api = need_browser()
pytestmark = WARNINGS
UNCHECKED = "UNCHECKED MACHINE TEXT: in 1999 the 77 members agreed."
HAN = re.compile(r"[\u4e00-\u9fff]")


class HeldTranslator:
    """An OpenAI-style chat endpoint that answers once ``release`` is set."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.asked = threading.Event()
        held = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                held.asked.set()
                held.release.wait(timeout=600)
                body = json.dumps({"choices": [{"message": {"role": "assistant",
                                                            "content": UNCHECKED}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()


@pytest.fixture(scope="module")
def held():
    translator = HeldTranslator()
    yield translator
    translator.close()


@pytest.fixture(scope="module")
def server(seed_settings, seed_components, embedder, held, tmp_path_factory):
    # a model of its own name: nothing is cached for it, every quote waits for it
    components = writable_copy(seed_settings, tmp_path_factory.mktemp("translating"), embedder,
                               translate_live=True, translate_base_url=held.url,
                               translate_model="held")
    with running(build_app(components)) as url:
        yield url


def test_the_english_reader_sees_the_original_and_its_facts_while_it_translates(
        server, held, browser, shot):
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, locale="en-US")
    page.goto(server)
    sync_api.expect(page.locator("#send")).to_have_text("Ask", timeout=WAIT)
    page.fill("#question textarea", "What does the report say about easing sanctions?")
    page.press("#question textarea", "Enter")

    waiting = page.locator("#chat .answer.translating").last
    sync_api.expect(waiting).to_be_visible(timeout=WAIT)
    assert held.asked.wait(timeout=WAIT / 1000)  # the model is at work meanwhile
    sync_api.expect(waiting.locator(".translating-state")).to_contain_text("Translating…")
    sync_api.expect(waiting.locator(".lead")).to_contain_text("The report addresses this")
    sync_api.expect(waiting.locator(".original-label").first).to_have_text("Original (Chinese)")
    original = waiting.locator(".claim-text").first.inner_text()
    assert HAN.search(original), original  # the Chinese sentence itself
    facts = waiting.locator(".facts").first
    sync_api.expect(facts).to_contain_text("Numbers, dates and names in the original")
    sync_api.expect(facts.locator(".fact").first).to_be_visible()
    shot(page, "chat_en_translating")

    # the chips work already: the card shows the paragraph, its original
    chip = waiting.locator("a.cite-chip").first
    chip.click()
    card = page.locator(chip.get_attribute("href") or "")
    sync_api.expect(card).to_have_attribute("open", "", timeout=WAIT)
    sync_api.expect(card.locator("mark").first).to_contain_text(original.strip("“”")[:12])

    held.release.set()  # the reply comes, and fails the checks
    final = page.locator("#chat .message-content").last
    sync_api.expect(page.locator("#chat .answer.translating")).to_have_count(0, timeout=WAIT)
    sync_api.expect(final.locator(".notice")).to_contain_text("failed a check", timeout=WAIT)
    sync_api.expect(final).to_contain_text(original.strip("“”"))
    assert UNCHECKED not in page.content()
    shot(page, "chat_en_translation_withheld")
