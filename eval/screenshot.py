"""``python -m eval.screenshot --url URL --question Q --out FILE``: a screenshot of the chat.

Opens a running chat (``rag serve``) in Debian's headless Chromium, driven by playwright
(never a downloaded browser), asks one question, waits for the checked answer, clicks its
first citation chip so that the paragraph's card opens beside the chat, and saves a PNG.
The selectors are those of the browser tests (``tests/e2e/browser.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def ask(page: Page, question: str, timeout_ms: int) -> None:
    """Send the question and wait until the checked answer has replaced the streamed text
    (and the originals shown while its quotes were being translated)."""
    before = page.locator("#chat .message-content").count()
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .message-content').length >= n + 2 && "
        "!document.querySelector('#chat .answer.streaming, #chat .answer.translating')",
        arg=before, timeout=timeout_ms)


def open_first_card(page: Page, timeout_ms: int) -> str:
    """Click the last answer's first citation chip; return the id of the card it opened."""
    chip = page.locator("#chat .message-content:has(a.cite-chip) >> nth=-1 >> a.cite-chip").first
    expect(chip).to_be_visible(timeout=timeout_ms)
    chip.click()
    href = chip.get_attribute("href") or ""
    if not href.startswith("#card-"):
        raise RuntimeError(f"the chip links to {href!r}, not to a card")
    card = page.locator(href)
    expect(card).to_have_attribute("open", "", timeout=timeout_ms)
    expect(card).to_be_in_viewport(timeout=timeout_ms)
    return href[1:]


def screenshot(url: str, question: str, out: Path, *, width: int = 1280, height: int = 900,
               locale: str = "en-GB", timeout_ms: int = 120_000) -> str:
    """Ask ``question`` at ``url``, open the first citation's card, save ``out``; return
    the card's id."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"no browser: {CHROMIUM} is missing (apt-get install -y chromium)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, locale=locale)
            page.goto(url)
            expect(page.locator("#question textarea")).to_be_visible(timeout=timeout_ms)
            ask(page, question, timeout_ms)
            card = open_first_card(page, timeout_ms)
            page.wait_for_timeout(500)  # let the card's scroll and highlight settle
            page.screenshot(path=str(out))
        finally:
            browser.close()
    return card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.screenshot", description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:7860/")
    parser.add_argument("--question", required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/img/chat.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--locale", default="en-GB", help="the browser's language (UI labels)")
    args = parser.parse_args(argv)
    try:
        card = screenshot(args.url, args.question, args.out, width=args.width,
                          height=args.height, locale=args.locale)
    except Exception as e:  # one line, not a traceback
        print(f"screenshot failed: {e}", file=sys.stderr)
        return 1
    print(f"{args.out} ({card} open)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
