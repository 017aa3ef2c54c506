"""``rag fetch`` end to end: CLI subprocesses against a real HTTP server, started here,
that answers the UN document service's URLs with the real PDFs of eval/docs/pdf
(``/api/symbol/access?s=A/HRC/59/L.17&l=en&t=pdf``, through a redirect as the service
does), HTTP 404 for what it lacks, an HTML "not found" page for one symbol and a body
that is not a PDF for another."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from tests.support import CACHE, DOCS, ROOT, assert_clean_error, run

PDFS = DOCS / "pdf"
DRAFT, FINAL = "A/HRC/59/L.17", "A/HRC/RES/59/25"
HTML_SYMBOL = "A/HRC/99/1"  # the service's "not found" page, with status 200
BODY_SYMBOL = "A/HRC/99/2"  # 200 and application/pdf, but no PDF in it
SLOW_SYMBOL = "A/HRC/EMRIP/2025/1"  # sent half, then held until released (a killed run)
NOT_FOUND_PAGE = (b"<!DOCTYPE html>\n<html><head><title>Document Not Found</title></head>"
                  b"<body>The symbol you requested was not found.</body></html>")


class Service(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.asked: list[tuple[str, str, str]] = []  # (symbol, lang, user agent)
        self.hold = False  # SLOW_SYMBOL: send half, then wait for ``release``
        self.half_sent = threading.Event()
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Service

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path.startswith("/files/"):  # where the service redirects to
            path = PDFS / unquote(url.path.removeprefix("/files/"))
            return self._file(path) if path.is_file() else self._send(404, "text/plain", b"")
        if url.path != "/api/symbol/access":
            return self._send(404, "text/plain", b"no such page")
        query = parse_qs(url.query)
        symbol, lang = query["s"][0], query["l"][0]
        assert query["t"] == ["pdf"]
        self.server.asked.append((symbol, lang, self.headers.get("User-Agent", "")))
        if symbol == HTML_SYMBOL:
            return self._send(200, "text/html; charset=utf-8", NOT_FOUND_PAGE)
        if symbol == BODY_SYMBOL:
            return self._send(200, "application/pdf", b"Service temporarily unavailable\n")
        name = f"{symbol.replace('/', '_')}.{lang}.pdf"
        if not (PDFS / name).is_file():
            return self._send(404, "text/html", b"")
        self.send_response(302)
        self.send_header("Location", f"/files/{quote(name)}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _file(self, path: Path) -> None:
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.server.hold and path.name.startswith(SLOW_SYMBOL.replace("/", "_")):
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.server.half_sent.set()
            self.server.release.wait(60)
            return  # the client is gone: the rest is never sent
        self.wfile.write(data)


@pytest.fixture
def service() -> Iterator[Service]:
    server = Service()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """A cache of its own (what was fetched is kept there), with the shared dictionary."""
    own = tmp_path / "cache"
    own.mkdir()
    for built in CACHE.glob("cedict-v*.pkl"):
        (own / built.name).symlink_to(built)
    return own


def env(service: Service | str, cache: Path) -> dict[str, str]:
    base = service if isinstance(service, str) else service.url
    return {"RAG_FETCH_BASE_URL": base, "RAG_CACHE_DIR": str(cache)}


def test_fetch_ingests_by_symbol_says_why_each_failed_and_resumes(tmp_path, service, cache):
    store = str(tmp_path / "store")
    first = run("rag", "fetch", DRAFT, FINAL, "A/HRC/99/99", HTML_SYMBOL, BODY_SYMBOL,
                "--store", store, env=env(service, cache), timeout=900)
    assert first.returncode == 1 and "Traceback" not in first.stderr, first.stderr
    failed = sorted(line for line in first.stderr.splitlines() if line.startswith("failed: "))
    assert failed == sorted([
        f"failed: {DRAFT}: not published in Chinese (zh) (HTTP 404 Not Found)",
        f"failed: {FINAL}: not published in Chinese (zh) (HTTP 404 Not Found)",
        "failed: A/HRC/99/99: unknown symbol: the UN document service has no such document "
        "(HTTP 404 Not Found)",
        f"failed: {HTML_SYMBOL}: unknown symbol: the UN document service has no such document "
        "(an HTML page (Document Not Found) instead of a PDF)",
        f"failed: {BODY_SYMBOL} (zh): the answer is not a PDF (application/pdf, starting "
        "'Service temporarily unav')",
        f"failed: {BODY_SYMBOL} (en): the answer is not a PDF (application/pdf, starting "
        "'Service temporarily unav')",
    ])
    assert first.stdout.strip() == ("10 download(s): 2 fetched, 0 already here, 8 failed; "
                                    "2 document(s): 167 added, 0 updated, 0 unchanged, 0 deleted")
    assert "fetching" in first.stderr  # the progress bar
    # the default languages, each asked once, with a User-Agent
    assert [(s, lang) for s, lang, _ in service.asked[:2]] == [(DRAFT, "zh"), (DRAFT, "en")]
    assert len(service.asked) == 10 and all("un-doc-qa" in ua for *_, ua in service.asked)
    kept = cache / "fetched" / "A_HRC_59_L.17" / "en.pdf"
    assert kept.read_bytes() == (PDFS / "A_HRC_59_L.17.en.pdf").read_bytes()
    assert not list((cache / "fetched").glob("A_HRC_99_*/*"))  # nothing kept of the failures

    docs = json.loads(run("rag", "docs", "--json", "--store", store,
                          env={"RAG_CACHE_DIR": str(cache)}).stdout)
    assert [(d["doc_id"], d["symbol"], d["lang"], d["kind"], d["status"]["label"])
            for d in docs] == [
        (f"{DRAFT} (en)", DRAFT, "en", "draft resolution", f"draft, adopted as {FINAL}"),
        (f"{FINAL} (en)", FINAL, "en", "resolution", f"adopted from {DRAFT}")]

    again = run("rag", "fetch", DRAFT, FINAL, "--lang", "en", "--store", store,
                env=env(service, cache), timeout=900)
    assert again.returncode == 0, again.stderr
    assert len(service.asked) == 10  # nothing asked for again
    assert again.stdout.strip() == ("2 download(s): 0 fetched, 2 already here, 0 failed; "
                                    "2 document(s): 0 added, 0 updated, 167 unchanged, "
                                    "0 deleted")

    compared = run("rag", "compare", DRAFT, FINAL, "--store", store,
                   env={"RAG_CACHE_DIR": str(cache)})
    assert compared.returncode == 0, compared.stderr
    lines = compared.stdout.strip().splitlines()
    assert lines[-1] == (f"{DRAFT} (en) -> {FINAL} (en): 1 added, 0 removed, 3 changed, "
                         "80 unchanged (20 renumbered)")
    assert any(line.startswith("added     ¶7 ") for line in lines)
    assert any(line.startswith("changed   ¶10 -> ¶11") and "«health-care» -> «healthcare»"
               in line for line in lines)
    as_json = json.loads(run("rag", "compare", DRAFT, FINAL, "--json", "--store", store,
                             env={"RAG_CACHE_DIR": str(cache)}).stdout)
    assert as_json["counts"] == {"added": 1, "removed": 0, "changed": 3, "unchanged": 80,
                                 "renumbered": 20}
    missing = run("rag", "compare", DRAFT, "A/HRC/1/1", "--store", store,
                  env={"RAG_CACHE_DIR": str(cache)})
    assert_clean_error(missing, "no document 'A/HRC/1/1' in the store")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_offline_is_one_clear_line(tmp_path, cache):
    closed = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    proc = run("rag", "fetch", DRAFT, FINAL, "--store", str(tmp_path / "s"),
               env=env(closed, cache))
    assert_clean_error(proc, f"failed: offline: cannot reach {closed} (connection refused); "
                             "4 download(s) not done")
    assert proc.stdout.strip() == ("4 download(s): 0 fetched, 0 already here, 4 failed; "
                                   "0 document(s): 0 added, 0 updated, 0 unchanged, 0 deleted")


def test_bad_symbols_and_languages_are_refused_before_any_request(tmp_path, service, cache):
    bad_lang = run("rag", "fetch", DRAFT, "--lang", "en,de", "--store", str(tmp_path / "s"),
                   env=env(service, cache))
    assert_clean_error(bad_lang, "--lang: de: the official languages are ar, zh, en, fr, ru, es")
    bad_symbol = run("rag", "fetch", "../secret", "--store", str(tmp_path / "s"),
                     env=env(service, cache))
    assert_clean_error(bad_symbol, "'../secret' is not a UN document symbol")
    bad_base = run("rag", "fetch", DRAFT, "--store", str(tmp_path / "s"),
                   env=env("documents.un.org", cache))
    assert_clean_error(bad_base, "RAG_FETCH_BASE_URL 'documents.un.org' is no http(s) address")
    assert service.asked == []


def test_a_killed_fetch_keeps_no_half_pdf_and_the_next_run_resumes(tmp_path, service, cache):
    store = str(tmp_path / "store")
    service.hold = True
    args = [sys.executable, "-m", "rag", "fetch", SLOW_SYMBOL, "--lang", "en", "--store", store]
    full_env = {**os.environ, "RAG_TRANSLATE_LIVE": "false", **env(service, cache)}
    proc = subprocess.Popen(args, cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        assert service.half_sent.wait(120), "the download never started"
        time.sleep(0.5)  # the first half reaches the file being written
    finally:
        proc.kill()
        proc.wait(30)
    folder = cache / "fetched" / "A_HRC_EMRIP_2025_1"
    assert not (folder / "en.pdf").exists()  # only a temporary part, if anything
    assert all(p.name.endswith(".part") for p in folder.iterdir())
    service.hold = False
    service.release.set()
    again = run("rag", "fetch", SLOW_SYMBOL, "--lang", "en", "--store", store,
                env=env(service, cache), timeout=900)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("1 download(s): 1 fetched, 0 already here, 0 failed; "
                                   "1 document(s): 25 added")
    assert [p.name for p in folder.iterdir()] == ["en.pdf"]  # the stale part cleared
    assert (folder / "en.pdf").read_bytes() == (PDFS / "A_HRC_EMRIP_2025_1.en.pdf").read_bytes()
