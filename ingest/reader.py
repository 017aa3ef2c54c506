"""Turn a file on disk into text, or refuse it with a one-line reason.

PDF pages are joined with form feeds so the parser knows the real page breaks.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from ingest.base import IngestError

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_document(path: Path, *, max_bytes: int) -> str:
    """Return the text of a .txt or .pdf file, pages separated by ``\\f``."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{path.name}: the file is empty")
    if size > max_bytes:
        raise IngestError(
            f"{path.name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit"
            " (RAG_MAX_FILE_MB)"
        )
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf" or data.startswith(b"%PDF-"):
        from ingest.pdf import pdf_text

        text = pdf_text(path, data)
    else:
        text = decode_text(data, name=path.name)
    if not text.strip():
        raise IngestError(f"{path.name}: the file has no text")
    return text


def decode_text(data: bytes, *, name: str = "input") -> str:
    """Decode UTF-8, UTF-16/32 (with or without BOM) or GB18030; refuse binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise(_strict(data, encoding, name))
    candidates = ["utf-8"]
    if b"\x00" in data:
        # UTF-16 without a BOM: ASCII characters leave a zero in every other byte.
        even_zeros = data[0::2].count(0)
        odd_zeros = data[1::2].count(0)
        candidates = ["utf-16-le"] if odd_zeros > even_zeros else ["utf-16-be"]
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return _normalise(text)
    raise IngestError(
        f"{name}: this is not a text document (binary data, or an encoding other than"
        " UTF-8, UTF-16 or GB18030)"
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise IngestError(f"{name}: invalid {encoding} text at byte {err.start}") from None


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(
        1
        for ch in text
        if (unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"} and ch not in "\n\r\t\f\v")
    )
    return bad / len(text) < 0.01


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)
