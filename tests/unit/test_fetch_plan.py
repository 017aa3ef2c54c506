"""``rag fetch``'s library: the service's URL, the cache's layout and atomic writes, what
an answer holds, and one line per failure. The downloads themselves run against a real
HTTP server in tests/e2e/test_fetch.py."""

from __future__ import annotations

import io
import socket

import pytest

from ingest.fetch import (
    CACHED,
    FETCHED,
    MISSING,
    NOT_PDF,
    OFFLINE,
    Download,
    FetchError,
    access_url,
    cache_file,
    check_base_url,
    check_langs,
    check_symbol,
    classify,
    fetch_all,
    is_pdf_file,
    problems,
    save_atomically,
    summary_line,
)
from tests.support import DOCS

PDF = (DOCS / "pdf" / "A_HRC_59_60.en.pdf").read_bytes()
BASE = "https://documents.un.org"


def test_the_url_keeps_the_symbol_as_the_service_writes_it():
    assert access_url(BASE, "A/HRC/59/60", "en") == \
        "https://documents.un.org/api/symbol/access?s=A/HRC/59/60&l=en&t=pdf"
    assert access_url(BASE + "/", "A/RES/217(III)", "zh") == \
        "https://documents.un.org/api/symbol/access?s=A/RES/217(III)&l=zh&t=pdf"
    assert access_url("http://127.0.0.1:8000", "A/HRC/59/L.17/Rev.1", "fr").endswith(
        "?s=A/HRC/59/L.17/Rev.1&l=fr&t=pdf")


@pytest.mark.parametrize("bad", ["", "report", "../../etc/passwd", "A/HRC/59/60&l=zh",
                                 "A/HRC/59/60 x", "a/hrc/1"])
def test_what_is_no_symbol_is_refused_before_any_request(bad):
    with pytest.raises(FetchError, match="not a UN document symbol"):
        check_symbol(bad)


def test_symbols_are_stripped():
    assert check_symbol(" E/C.12/2020/1/Corr.1 ") == "E/C.12/2020/1/Corr.1"


def test_languages_are_the_six_official_ones():
    assert check_langs("zh, EN,zh") == ["zh", "en"]
    assert check_langs("ar,zh,en,fr,ru,es") == ["ar", "zh", "en", "fr", "ru", "es"]
    with pytest.raises(FetchError, match="de: the official languages are ar, zh, en, fr"):
        check_langs("en,de")
    with pytest.raises(FetchError, match="none given"):
        check_langs(" , ")


def test_one_folder_per_symbol_one_file_per_language(tmp_path):
    assert cache_file(tmp_path, "A/HRC/59/L.17", "en") == tmp_path / "A_HRC_59_L.17" / "en.pdf"
    assert cache_file(tmp_path, "A/RES/217(III)", "zh") == tmp_path / "A_RES_217(III)" / "zh.pdf"
    files = {cache_file(tmp_path, s, lang) for s in ("A/HRC/59/60", "A/HRC/59/6", "A/HRC/59/60/Add.1")
             for lang in ("en", "zh")}
    assert len(files) == 6 and all(f.parent.parent == tmp_path for f in files)


def test_the_magic_decides_not_the_content_type():
    assert classify("application/pdf", PDF[:1024]) == (FETCHED, "")
    assert classify("application/octet-stream", PDF[:1024]) == (FETCHED, "")
    status, why = classify("application/pdf", b"Service temporarily unavailable")
    assert status == NOT_PDF and why == ("the answer is not a PDF (application/pdf, starting "
                                         "'Service temporarily unav')")
    status, why = classify("text/plain", b"")
    assert status == NOT_PDF and "starting 'nothing'" in why


def test_an_html_page_is_the_service_saying_not_found():
    page = b"<!DOCTYPE html>\n<html><head><title>Document  Not Found</title></head></html>"
    assert classify("text/html", page) == (
        MISSING, "an HTML page (Document Not Found) instead of a PDF")
    assert classify("application/pdf", b"  <html><body>no</body></html>")[0] == MISSING
    assert classify("text/html; charset=utf-8", b"{}") == (
        MISSING, "an HTML page instead of a PDF")


def test_a_pdf_is_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "A_HRC_59_60" / "en.pdf"
    size = save_atomically(PDF[:1024], io.BytesIO(PDF[1024:]), target, max_bytes=10**8)
    assert size == len(PDF) and target.read_bytes() == PDF and is_pdf_file(target)
    big = tmp_path / "big" / "en.pdf"
    with pytest.raises(OSError, match="over the 0 MB limit"):
        save_atomically(PDF[:1024], io.BytesIO(PDF[1024:]), big, max_bytes=100_000)
    assert list(big.parent.iterdir()) == []  # neither the file nor its temporary part
    broken = tmp_path / "x.pdf"
    broken.write_bytes(b"<html>")
    assert not is_pdf_file(broken) and not is_pdf_file(tmp_path / "missing.pdf")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_once_the_service_is_out_of_reach_only_the_cache_is_read(tmp_path):
    kept = cache_file(tmp_path, "A/HRC/1/2", "en")
    kept.parent.mkdir(parents=True)
    kept.write_bytes(PDF)
    got = fetch_all(["A/HRC/1/1", "A/HRC/1/2"], ["zh", "en"],
                    base_url=f"http://127.0.0.1:{_closed_port()}", cache_dir=tmp_path,
                    max_bytes=10**8, timeout=5, progress=False)
    assert [(d.symbol, d.lang, d.status) for d in got] == [
        ("A/HRC/1/1", "zh", OFFLINE), ("A/HRC/1/1", "en", OFFLINE),
        ("A/HRC/1/2", "zh", OFFLINE), ("A/HRC/1/2", "en", CACHED)]
    assert {d.detail for d in got if d.status == OFFLINE} == {"connection refused"}
    assert got[-1].path == kept


def test_one_line_per_failure():
    ok = Download("A/HRC/59/60", "en", FETCHED)
    got = [
        ok, Download("A/HRC/59/60", "zh", MISSING, detail="HTTP 404 Not Found"),
        Download("A/HRC/59/60", "fr", NOT_PDF, detail="the answer is not a PDF (…)"),
        Download("A/HRC/99/99", "zh", MISSING, detail="HTTP 404 Not Found"),
        Download("A/HRC/99/99", "en", MISSING, detail="HTTP 404 Not Found"),
        Download("A/HRC/99/2", "en", NOT_PDF, detail="the answer is not a PDF (text/plain)"),
        Download("A/HRC/99/3", "en", "failed", detail="HTTP 500 Internal Server Error"),
    ]
    assert problems(got, BASE) == [
        "A/HRC/59/60: not published in Chinese (zh) (HTTP 404 Not Found)",
        "A/HRC/59/60: not published in French (fr) (the answer is not a PDF (…))",
        "A/HRC/99/99: unknown symbol: the UN document service has no such document "
        "(HTTP 404 Not Found)",
        "A/HRC/99/2 (en): the answer is not a PDF (text/plain)",
        "A/HRC/99/3 (en): HTTP 500 Internal Server Error",
    ]
    offline = [Download("A/HRC/1/1", lang, OFFLINE, detail="connection refused")
               for lang in ("zh", "en")]
    assert problems(offline, "http://x") == [
        "offline: cannot reach http://x (connection refused); 2 download(s) not done"]
    assert problems([ok, Download("A/HRC/59/60", "zh", CACHED)], BASE) == []
    assert summary_line(got + [Download("A/HRC/59/60", "zh", CACHED)]) == \
        "8 download(s): 1 fetched, 1 already here, 6 failed"


def test_a_version_is_ingested_in_the_language_it_was_fetched_in():
    from ingest.base import IngestError
    from ingest.pipeline import load_document

    path = DOCS / "pdf" / "A_HRC_59_60.en.pdf"
    french = load_document(path, max_bytes=10**8, symbol="A/HRC/59/60", lang="fr")
    assert (french.doc_id, french.lang) == ("A/HRC/59/60 (fr)", "fr")
    assert {p.lang for p in french.paragraphs} == {"fr"}
    assert {p.doc_id for p in french.paragraphs} == {"A/HRC/59/60 (fr)"}
    with pytest.raises(IngestError, match="not in the language asked for \\(zh\\)"):
        load_document(path, max_bytes=10**8, symbol="A/HRC/59/60", lang="zh")


@pytest.mark.parametrize("bad", ["documents.un.org", "ftp://documents.un.org", "https://", ""])
def test_the_service_address_is_an_http_one(bad):
    with pytest.raises(FetchError, match="is no http\\(s\\) address"):
        check_base_url(bad)
    assert check_base_url(" http://127.0.0.1:8000/ ") == "http://127.0.0.1:8000"
