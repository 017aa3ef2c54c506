"""PDF text through pypdf, one ``\\f`` between pages, laid out by ``ingest.pdftext``."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from ingest.base import IngestError
from ingest.pdflayout import page_lines
from ingest.pdftext import layout_text

log = logging.getLogger(__name__)
ENCRYPTED = "the PDF is encrypted; give an unencrypted copy"


def pdf_text(path: Path, data: bytes) -> str:
    if not data.startswith(b"%PDF-"):
        raise IngestError(f"{path.name}: named .pdf but it is not a PDF file")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{path.name}: {ENCRYPTED}")
        lines = [page_lines(page) for page in reader.pages]
        heights = [float(page.mediabox.top) for page in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise IngestError(f"{path.name}: damaged PDF ({_one_line(err)})") from None
    except Exception as err:  # pypdf raises many types on corrupt input
        if "crypt" in str(err).lower():
            raise IngestError(f"{path.name}: {ENCRYPTED}") from None
        raise IngestError(f"{path.name}: damaged PDF ({_one_line(err)})") from None
    if not any(lines):
        raise IngestError(f"{path.name}: the PDF has no text layer (a scan?)")
    return layout_text(lines, heights)


def _one_line(err: Exception) -> str:
    msg = str(err).strip().splitlines()
    return (msg[0] if msg else type(err).__name__)[:120]
