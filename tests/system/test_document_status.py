"""A draft and the text adopted from it (the real A/HRC/59/L.17 and A/HRC/RES/59/25 PDFs)
in a real store: an answer quoting the draft says so and names the adopted text, in its
text, its JSON and its export; the chat's document list shows each one's status."""

from __future__ import annotations

import pytest

from rag.answer.export import as_text
from rag.config import Settings
from rag.factory import build, ingest_files
from tests.support import ALWAYS_ANSWER, CACHE, DOCS

DRAFT, FINAL = "A/HRC/59/L.17", "A/HRC/RES/59/25"
NOTE = f"{DRAFT} is a draft; the text adopted from it is {FINAL}."


@pytest.fixture(scope="module")
def library(tmp_path_factory, embedder):
    settings = Settings(store_dir=tmp_path_factory.mktemp("status") / "store", cache_dir=CACHE,
                        translate_live=False, **ALWAYS_ANSWER)
    components = build(settings, embedder=embedder)
    summary = ingest_files(settings, components.store, embedder,
                           [DOCS / "pdf" / "A_HRC_59_L.17.en.pdf",
                            DOCS / "pdf" / "A_HRC_RES_59_25.en.pdf"], progress=False)
    assert not summary.failed, summary.failed
    components.library.snapshot(force=True)
    return components


def test_an_answer_quoting_the_draft_names_the_adopted_text(library):
    answer = library.qa.ask("What does the draft resolution on human rights and climate "
                            "change request the Secretary-General to provide?",
                            doc_id=DRAFT)
    assert answer.cited()[0][0] == f"{DRAFT} (en)"
    assert answer.text.splitlines()[-1].endswith(NOTE)
    assert NOTE in as_text(answer)
    assert answer.records[f"{DRAFT} (en)"]["status"]["adopted_as"] == FINAL
    assert NOTE in answer.to_dict()["answer"]


def test_an_answer_quoting_the_adopted_text_carries_no_note(library):
    answer = library.qa.ask("What does the resolution on human rights and climate change "
                            "request the Secretary-General to provide?", doc_id=FINAL)
    assert answer.cited()[0][0] == f"{FINAL} (en)"
    assert "is a draft" not in answer.text


def test_the_document_list_shows_each_status(library):
    from ui.library import filter_choices

    choices = dict((v, k) for k, v in filter_choices(library, "en"))
    assert choices[DRAFT] == f"Human rights and climate change ({DRAFT}) — draft, adopted as {FINAL}"
    assert choices[FINAL] == f"Human rights and climate change ({FINAL}) — adopted from {DRAFT}"
    zh = dict((v, k) for k, v in filter_choices(library, "zh"))
    assert zh[DRAFT].endswith(f"— 草案，已通过为 {FINAL}")
