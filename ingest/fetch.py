"""Official versions from the UN's document service, downloaded once and kept.

``{base}/api/symbol/access?s=SYMBOL&l=LANG&t=pdf`` answers with the PDF (after a
redirect); an unknown symbol with HTTP 404 or an HTML page; a language not published
for a symbol the same way, which only the symbol's other languages tell apart
(``problems``). Each PDF is written atomically under ``cache/SYMBOL/LANG.pdf``: a file
there is complete, so a run that was killed is resumed by running it again.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from tqdm import tqdm

from ingest.base import IngestError

OFFICIAL_LANGS = ("ar", "zh", "en", "fr", "ru", "es")
LANG_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French",
              "ru": "Russian", "es": "Spanish"}
USER_AGENT = "un-doc-qa/0.1 (rag fetch: official UN documents for citation-grounded Q&A)"
TIMEOUT_S = 60.0
MAGIC = b"%PDF-"
_CHUNK = 1 << 16
_SYMBOL = re.compile(r"[A-Z][A-Za-z0-9.()\-]*(?:/[A-Za-z0-9.()\-]+)+")
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<title)", re.I)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)

FETCHED, CACHED = "fetched", "cached"  # a PDF on disk
MISSING, NOT_PDF, OFFLINE, FAILED = "missing", "not_pdf", "offline", "failed"


class FetchError(IngestError):
    """A fetch that cannot start as asked: a bad symbol or language."""


@dataclass(frozen=True)
class Download:
    """One (symbol, language) asked for: the PDF on disk, or why there is none."""

    symbol: str
    lang: str
    status: str  # fetched | cached | missing | not_pdf | offline | failed
    path: Path | None = None
    detail: str = ""  # why, in words: "HTTP 404", "an HTML page (Not found)"…

    @property
    def ok(self) -> bool:
        return self.status in (FETCHED, CACHED)


def check_symbol(symbol: str) -> str:
    """The symbol stripped, or a FetchError: it becomes a URL and a folder name."""
    s = symbol.strip()
    if not _SYMBOL.fullmatch(s):
        raise FetchError(f"{symbol!r} is not a UN document symbol (such as A/HRC/59/60)")
    return s


def check_langs(text: str) -> list[str]:
    """``"zh,en"`` -> ["zh", "en"], each one of the six official languages."""
    langs = list(dict.fromkeys(x.strip().lower() for x in text.split(",") if x.strip()))
    bad = [x for x in langs if x not in OFFICIAL_LANGS]
    if bad or not langs:
        raise FetchError(f"--lang: {', '.join(bad) or 'none given'}: the official languages "
                         f"are {', '.join(OFFICIAL_LANGS)}")
    return langs


def check_base_url(url: str) -> str:
    """The service's address (RAG_FETCH_BASE_URL): http(s) and a host, or a FetchError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"RAG_FETCH_BASE_URL {url!r} is no http(s) address "
                         "(such as https://documents.un.org)")
    return url.strip().rstrip("/")


def access_url(base_url: str, symbol: str, lang: str) -> str:
    """The service's address for one language version of one document (its slashes and
    parentheses left as the symbol writes them)."""
    query = urlencode({"s": symbol, "l": lang, "t": "pdf"}, safe="/()")
    return f"{base_url.rstrip('/')}/api/symbol/access?{query}"


def cache_file(cache_dir: Path, symbol: str, lang: str) -> Path:
    """``cache/A_HRC_59_60/en.pdf``: one folder per symbol, one file per language."""
    return Path(cache_dir) / re.sub(r"[^A-Za-z0-9.()\-]", "_", symbol) / f"{lang}.pdf"


def classify(content_type: str, head: bytes) -> tuple[str, str]:
    """What a 200 answer holds, from its first bytes (the content type alone can lie):
    (FETCHED, "") for a PDF, (MISSING, why) for an HTML page (the service's "not found"
    page), (NOT_PDF, why) for anything else."""
    if head.startswith(MAGIC):
        return FETCHED, ""
    if _HTML.match(head) or content_type.startswith("text/html"):
        title = _TITLE.search(head)
        words = " ".join(title.group(1).decode("utf-8", "replace").split())[:80] if title else ""
        return MISSING, f"an HTML page{f' ({words})' if words else ''} instead of a PDF"
    shown = head[:24].decode("utf-8", "replace").strip() or "nothing"
    return NOT_PDF, (f"the answer is not a PDF ({content_type or 'no content type'}, "
                     f"starting {shown!r})")


def save_atomically(head: bytes, rest: BinaryIO, target: Path, *, max_bytes: int) -> int:
    """Write ``head`` and the rest of the stream to ``target`` through a temporary file
    in the same folder, renamed once complete: a killed run leaves no half PDF under
    the final name. Returns the size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{target.name}.", suffix=".part", dir=target.parent)
    try:
        size = len(head)
        with os.fdopen(fd, "wb") as fh:
            fh.write(head)
            while chunk := rest.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise OSError(f"over the {max_bytes / 1e6:.0f} MB limit (RAG_MAX_FILE_MB)")
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        return size
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_pdf_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def fetch_one(symbol: str, lang: str, *, base_url: str, cache_dir: Path,
              max_bytes: int, timeout: float = TIMEOUT_S) -> Download:
    """One language version: from the cache when it is there, else downloaded."""
    target = cache_file(cache_dir, symbol, lang)
    if target.is_file() and is_pdf_file(target):
        return Download(symbol, lang, CACHED, target)
    for stale in target.parent.glob(f"{target.name}.*.part"):  # left by a killed run
        stale.unlink(missing_ok=True)
    request = Request(access_url(base_url, symbol, lang),
                      headers={"User-Agent": USER_AGENT, "Accept": "application/pdf"})
    try:
        with urlopen(request, timeout=timeout) as resp:
            head = resp.read(1024)
            status, detail = classify(resp.headers.get_content_type() or "", head)
            if status != FETCHED:
                return Download(symbol, lang, status, detail=detail)
            save_atomically(head, resp, target, max_bytes=max_bytes)
            return Download(symbol, lang, FETCHED, target)
    except HTTPError as err:
        status = MISSING if err.code in (404, 410) else FAILED
        return Download(symbol, lang, status, detail=f"HTTP {err.code} {err.reason}".strip())
    except URLError as err:  # no connection at all: refused, no route, no name
        return Download(symbol, lang, OFFLINE, detail=_reason(err.reason))
    except TimeoutError:
        return Download(symbol, lang, FAILED, detail=f"no answer within {timeout:g} s")
    except (http.client.HTTPException, OSError) as err:  # cut off midway, too large
        return Download(symbol, lang, FAILED, detail=_reason(err))


def _reason(err: object) -> str:
    if isinstance(err, ConnectionRefusedError):
        return "connection refused"
    if isinstance(err, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(err, TimeoutError):
        return "the connection timed out"
    if isinstance(err, http.client.IncompleteRead):
        return "the connection broke off before the end of the file"
    return str(getattr(err, "strerror", None) or err) or type(err).__name__


def fetch_all(symbols: Iterable[str], langs: Iterable[str], *, base_url: str,
              cache_dir: Path, max_bytes: int, timeout: float = TIMEOUT_S,
              progress: bool = True) -> list[Download]:
    """Every (symbol, language), in order, under a progress bar. Once the service cannot
    be reached, the rest are not asked for (each would wait for the same timeout); what
    the cache holds is still used."""
    pairs = [(s, lang) for s in symbols for lang in langs]
    out: list[Download] = []
    down = ""
    for symbol, lang in tqdm(pairs, desc="fetching", unit="pdf", disable=not progress):
        target = cache_file(cache_dir, symbol, lang)
        if down and not (target.is_file() and is_pdf_file(target)):
            out.append(Download(symbol, lang, OFFLINE, detail=down))
            continue
        got = fetch_one(symbol, lang, base_url=base_url, cache_dir=cache_dir,
                    max_bytes=max_bytes, timeout=timeout)
        if got.status == OFFLINE:
            down = got.detail
        out.append(got)
    return out


def problems(downloads: list[Download], base_url: str) -> list[str]:
    """One line per failure. A symbol no language of which exists is unknown (one line);
    a language missing where another exists is one not published; the service out of
    reach is one line for all it stopped."""
    lines: list[str] = []
    by_symbol: dict[str, list[Download]] = {}
    for d in downloads:
        by_symbol.setdefault(d.symbol, []).append(d)
    for symbol, got in by_symbol.items():
        bad = [d for d in got if not d.ok and d.status != OFFLINE]
        if not bad:
            continue
        if not any(d.ok for d in got) and all(d.status == MISSING for d in bad) \
                and len(bad) == len(got):
            why = "; ".join(dict.fromkeys(d.detail for d in bad))
            lines.append(f"{symbol}: unknown symbol: the UN document service has no such "
                         f"document ({why})")
            continue
        exists = any(d.ok for d in got)
        for d in bad:
            name = f"{LANG_NAMES.get(d.lang, d.lang)} ({d.lang})"
            if exists and d.status in (MISSING, NOT_PDF):
                lines.append(f"{symbol}: not published in {name} ({d.detail})")
            elif d.status == MISSING:
                lines.append(f"{symbol} ({d.lang}): no such document ({d.detail})")
            else:
                lines.append(f"{symbol} ({d.lang}): {d.detail}")
    stopped = [d for d in downloads if d.status == OFFLINE]
    if stopped:
        lines.append(f"offline: cannot reach {base_url} ({stopped[0].detail}); "
                     f"{len(stopped)} download(s) not done")
    return lines


def summary_line(downloads: list[Download]) -> str:
    """"6 download(s): 2 fetched, 1 already here, 3 failed"."""
    fetched = sum(1 for d in downloads if d.status == FETCHED)
    cached = sum(1 for d in downloads if d.status == CACHED)
    failed = len(downloads) - fetched - cached
    return (f"{len(downloads)} download(s): {fetched} fetched, {cached} already here, "
            f"{failed} failed")
