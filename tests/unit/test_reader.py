"""Bad and oddly encoded files: a clear one-line error or a correct decode, never a traceback."""

from __future__ import annotations

import pytest

from ingest.base import IngestError
from ingest.parser import parse_document
from ingest.pipeline import load_document
from ingest.reader import read_document
from rag.config import SEED_FILE

LIMIT = 50_000_000


def _one_line(err: pytest.ExceptionInfo) -> str:
    msg = str(err.value)
    assert "\n" not in msg and "Traceback" not in msg
    return msg


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError) as err:
        read_document(path, max_bytes=LIMIT)
    assert "empty" in _one_line(err)


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n \t\n")
    with pytest.raises(IngestError) as err:
        read_document(path, max_bytes=LIMIT)
    assert "no text" in _one_line(err)


def test_binary_file(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(IngestError) as err:
        read_document(path, max_bytes=LIMIT)
    assert "not a text document" in _one_line(err)


def test_fake_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("1. This is plain text pretending to be a PDF.\n")
    with pytest.raises(IngestError) as err:
        read_document(path, max_bytes=LIMIT)
    assert "not a PDF" in _one_line(err)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(IngestError) as err:
        read_document(tmp_path / "nope.txt", max_bytes=LIMIT)
    assert "no such file" in _one_line(err)
    with pytest.raises(IngestError) as err:
        read_document(tmp_path, max_bytes=LIMIT)
    assert "not a regular file" in _one_line(err)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("1. " + "x" * 2000)
    with pytest.raises(IngestError) as err:
        read_document(path, max_bytes=1000)
    assert "over the" in _one_line(err) and "RAG_MAX_FILE_MB" in _one_line(err)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_other_encodings_decode_to_the_same_paragraphs(tmp_path, encoding):
    text = SEED_FILE.read_text(encoding="utf-8")
    path = tmp_path / f"seed-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    decoded = load_document(path, max_bytes=LIMIT)
    reference = parse_document(text, name=SEED_FILE.name)
    assert [(p.n, p.text) for p in decoded.paragraphs] == [
        (p.n, p.text) for p in reference.paragraphs
    ]


def test_no_numbered_paragraphs_in_a_real_file(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("A memo\nwith no numbered paragraphs at all.\n")
    with pytest.raises(IngestError) as err:
        load_document(path, max_bytes=LIMIT)
    assert _one_line(err).startswith("memo.txt: no numbered paragraphs")
