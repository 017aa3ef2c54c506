"""A document's status from its symbol (draft, revision, corrigendum, addendum), the links
between stored texts (a draft and the text adopted from it, a superseded text), the
answer's note on them and ``rag compare``'s matching, on the real draft/final pair in
eval/docs/pdf (A/HRC/59/L.17 and A/HRC/RES/59/25)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ingest.base import DocumentInfo, Paragraph, ParsedDocument
from ingest.pipeline import load_document
from ingest.status import SymbolStatus, revision_base, symbol_status
from rag.answer.base import Answer, Citation, Claim
from rag.answer.messages import Message, render
from rag.answer.status import status_notes
from rag.language.dictionary import Dictionary
from rag.library.compare import compare, similarity
from rag.library.lineage import ADOPTED_AT, adoption_match, standings
from rag.library.snapshot import Snapshot
from tests.support import DOCS, fixture_store, stub_embedder

PDF = DOCS / "pdf"
DRAFT, FINAL = "A/HRC/59/L.17", "A/HRC/RES/59/25"


@pytest.mark.parametrize("symbol, kind, status", [
    ("A/HRC/59/L.17", "", SymbolStatus(draft=True)),
    ("A/HRC/59/L.17/Rev.1", "", SymbolStatus(draft=True, revision=1, parent="A/HRC/59/L.17")),
    ("E/C.12/2020/1/Corr.1", "", SymbolStatus(corrigendum=1, parent="E/C.12/2020/1")),
    ("A/HRC/47/47/Add.1", "", SymbolStatus(addendum=1, parent="A/HRC/47/47")),
    ("A/HRC/47/47/Add.2/Corr.1", "", SymbolStatus(corrigendum=1, addendum=2,
                                                  parent="A/HRC/47/47/Add.2")),
    ("A/C.3/77/L.5/Rev.2", "", SymbolStatus(draft=True, revision=2, parent="A/C.3/77/L.5")),
    ("A/HRC/RES/59/25", "resolution", SymbolStatus()),
    ("A/HRC/47/47", "report", SymbolStatus()),
    ("RTD-2001-draft", "draft resolution", SymbolStatus(draft=True)),  # drafts by kind
    ("E/CN.4/2005/L.10", "", SymbolStatus(draft=True)),
])
def test_status_is_read_from_the_symbol(symbol, kind, status):
    assert symbol_status(symbol, kind) == status


def test_status_in_words():
    assert symbol_status("A/HRC/59/L.17/Rev.1").words() == ["draft", "revision 1"]
    assert symbol_status("E/C.12/2020/1/Corr.1").words() == ["corrigendum 1"]
    assert symbol_status("A/HRC/47/47/Add.1").words() == ["addendum 1"]
    assert symbol_status("A/HRC/47/47").words() == []


def test_revisions_share_the_text_they_revise():
    assert revision_base("A/HRC/59/L.17/Rev.2") == "A/HRC/59/L.17"
    assert revision_base("A/HRC/59/L.17") == "A/HRC/59/L.17"
    assert revision_base("A/HRC/47/47/Add.1") is None
    assert revision_base("E/C.12/2020/1/Corr.1") is None


def test_the_status_is_stored_in_the_record_and_read_back_from_older_ones():
    doc = ParsedDocument("E/C.12/2020/1/Corr.1", "en", (), symbol="E/C.12/2020/1/Corr.1")
    info = doc.info()
    assert (info.draft, info.revision, info.corrigendum, info.addendum) == (False, 0, 1, 0)
    assert DocumentInfo.from_dict(info.to_dict()) == info
    old = {"doc_id": "A/HRC/59/L.17/Rev.1", "symbol": "A/HRC/59/L.17/Rev.1", "kind": "report"}
    back = DocumentInfo.from_dict(old)  # stored before the status was
    assert (back.draft, back.revision) == (True, 1)


@pytest.fixture(scope="module")
def pair() -> tuple[ParsedDocument, ParsedDocument]:
    return tuple(load_document(PDF / name, max_bytes=10**8)  # type: ignore[return-value]
                 for name in ("A_HRC_59_L.17.en.pdf", "A_HRC_RES_59_25.en.pdf"))


def test_compare_matches_the_real_draft_and_final_by_content(pair):
    draft, final = pair
    result = compare(draft.doc_id, list(draft.paragraphs), final.doc_id, list(final.paragraphs))
    assert result.counts() == {"added": 1, "removed": 0, "changed": 3, "unchanged": 80,
                               "renumbered": 20}
    by_change = {}
    for p in result.pairs:
        by_change.setdefault(p.change, []).append(
            (p.old.n if p.old else None, p.new.n if p.new else None))
    # the final text adds ¶7 (the global stocktake), so ¶7-¶26 of the draft are ¶8-¶27
    assert by_change["added"] == [(None, 7)]
    assert by_change["changed"] == [(0, 0), (1040, 1040), (10, 11)]
    assert (7, 8) in by_change["unchanged"] and (26, 27) in by_change["unchanged"]
    ten = next(p for p in result.pairs if p.old and p.old.n == 10)
    assert ten.edits() == [("health-care", "healthcare")] and 0.95 < ten.similarity < 1
    assert result.line() == (f"{DRAFT} (en) -> {FINAL} (en): 1 added, 0 removed, 3 changed, "
                             "80 unchanged (20 renumbered)")
    added = result.to_dict()["paragraphs"][[p.change for p in result.pairs].index("added")]
    assert added["new"] == "¶7" and added["text"].startswith("Recognizes the importance of "
                                                             "the first global stocktake")


def test_a_rewritten_paragraph_is_removed_and_added_not_changed():
    old = [Paragraph("a", 1, "The Council decides to remain seized of the matter.")]
    new = [Paragraph("b", 1, "Requests the Secretary-General to report at its next session.")]
    result = compare("a", old, "b", new)
    assert [p.change for p in result.pairs] == ["added", "removed"]
    assert similarity(old[0].text, old[0].text) == 1.0


def _infos(*docs: ParsedDocument) -> list[DocumentInfo]:
    return [d.info() for d in docs]


def _getter(*docs: ParsedDocument):
    by_id = {d.doc_id: list(d.paragraphs) for d in docs}
    return lambda doc_id: by_id.get(doc_id, [])


def test_the_draft_is_linked_to_the_text_adopted_from_it(pair):
    draft, final = pair
    assert adoption_match(list(draft.paragraphs), list(final.paragraphs)) == 1.0
    found = standings(_infos(draft, final), _getter(draft, final))
    assert found[DRAFT].adopted_as == FINAL and found[DRAFT].match == 1.0
    assert found[FINAL].adopted_from == DRAFT
    assert found[DRAFT].label() == f"draft, adopted as {FINAL}"
    assert found[DRAFT].label("zh") == f"草案，已通过为 {FINAL}"
    assert found[FINAL].label() == f"adopted from {DRAFT}"


def test_a_resolution_of_the_same_title_but_other_paragraphs_is_not_the_adopted_text(pair):
    draft, final = pair
    other_text = load_document(PDF / "A_HRC_59_60.en.pdf", max_bytes=10**8)
    ops = [p for p in other_text.paragraphs if 0 < p.n < 1000][:27]
    # the same title, the same preamble, other operative paragraphs (another year's text)
    swapped = tuple(p for p in final.paragraphs if not 0 < p.n < 1000) + tuple(
        replace(p, doc_id=final.doc_id, n=i) for i, p in enumerate(ops, 1))
    impostor = replace(final, paragraphs=swapped)
    assert adoption_match(list(draft.paragraphs), list(swapped)) < ADOPTED_AT
    found = standings(_infos(draft, impostor), _getter(draft, impostor))
    assert found[DRAFT].adopted_as == "" and found[FINAL].adopted_from == ""
    retitled = replace(final, title="Human rights and the environment")
    found = standings(_infos(draft, retitled), _getter(draft, retitled))
    assert found[DRAFT].adopted_as == ""  # the same paragraphs under another title


def test_a_revision_supersedes_the_text_it_revises_and_is_adopted(pair):
    draft, final = pair
    rev = "A/HRC/59/L.17/Rev.1"
    revised = replace(draft, doc_id=f"{rev} (en)", symbol=rev, paragraphs=tuple(
        replace(p, doc_id=f"{rev} (en)") for p in draft.paragraphs))
    found = standings(_infos(draft, revised, final), _getter(draft, revised, final))
    assert found[DRAFT].superseded_by == rev and found[rev].superseded_by == ""
    assert found[rev].adopted_as == FINAL and found[FINAL].adopted_from == rev
    assert found[DRAFT].label() == f"draft, adopted as {FINAL}, superseded by {rev}"
    assert found[rev].label() == f"draft, revision 1, adopted as {FINAL}"


def test_an_answer_citing_a_draft_names_the_adopted_text(pair):
    draft, final = pair
    store = fixture_store([PDF / "A_HRC_59_L.17.en.pdf", PDF / "A_HRC_RES_59_25.en.pdf"],
                          stub_embedder())
    snap = Snapshot(store, Dictionary({}))
    assert snap.record(draft.doc_id)["status"]["adopted_as"] == FINAL
    assert snap.record(final.doc_id)["status"]["adopted_from"] == DRAFT

    def answer(doc_id: str) -> Answer:
        cite = Citation(25, doc_id, "Requests…", "", [], 1.0, True, "Requests…")
        return Answer("q", "en", False, [Claim("Requests…", [(doc_id, 25)])], [cite], [],
                      records={doc_id: snap.record(doc_id)})

    notes = status_notes(answer(draft.doc_id))
    assert notes == [Message("status", {"symbol": DRAFT, "draft": True, "adopted_as": FINAL,
                                        "superseded_by": ""})]
    assert render(notes[0], "en") == f"{DRAFT} is a draft; the text adopted from it is {FINAL}."
    assert render(notes[0], "zh") == f"{DRAFT} 是草案；据此通过的案文是 {FINAL}。"
    assert status_notes(answer(final.doc_id)) == []


@pytest.mark.parametrize("args, en, zh", [
    ({"symbol": "X/L.1", "draft": True}, "X/L.1 is a draft, not an adopted text.",
     "X/L.1 是草案，并非通过的案文。"),
    ({"symbol": "X/L.1", "draft": True, "superseded_by": "X/L.1/Rev.1"},
     "X/L.1 is a draft, superseded by X/L.1/Rev.1.", "X/L.1 是草案，已被 X/L.1/Rev.1 取代。"),
    ({"symbol": "X/1", "superseded_by": "X/1/Rev.1"},
     "X/1 is superseded by X/1/Rev.1, the current text.", "X/1 已被 X/1/Rev.1 取代，后者为现行案文。"),
])
def test_status_notes_say_what_the_text_is_and_name_the_current_one(args, en, zh):
    assert render(Message("status", args), "en") == en
    assert render(Message("status", args), "zh") == zh
