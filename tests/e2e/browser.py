"""What the headless-Chromium tests share: the browser's path and flags, and the chat's
ask and chip steps. Each browser test module calls ``need_browser()`` at import."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.support import ROOT

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT = 60_000  # ms; the answers take well under a second, a loaded CI box may not
# gradio's queue trips pandas deprecation warnings that are not ours to fix
WARNINGS = [pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
            pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]


def need_browser() -> ModuleType:
    """playwright's sync API, or the calling module skipped with the reason."""
    if not CHROMIUM.exists():
        pytest.skip("no browser: /usr/bin/chromium is missing (apt-get install -y chromium)",
                    allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


def ask(page, question: str) -> None:
    """Send the question and wait for the checked answer (the screenshot script's wait)."""
    from eval.screenshot import ask as ask_and_wait

    ask_and_wait(page, question, WAIT)


def click_chip(page, href_end: str = ""):
    """Click the last answer's chip whose href ends so (its first one by default); return
    the card it should have opened and the paragraph number."""
    from playwright.sync_api import expect

    which = f'[href$="{href_end}"]' if href_end else ""
    chips = page.locator(f"#chat .message-content:has(a.cite-chip) >> nth=-1 >> "
                         f"a.cite-chip{which}")
    chip = chips.first
    chip.click()
    key = chip.get_attribute("href")[len("#card-"):]
    card = page.locator(f"#card-{key}")
    expect(card).to_have_attribute("open", "", timeout=WAIT)
    expect(card).to_be_in_viewport(timeout=WAIT)
    return card, int(key.rsplit("-", 1)[1])
