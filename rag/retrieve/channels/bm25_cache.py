"""BM25 indexes on disk, keyed by the content fingerprint of what they index.

Every worker over one store reads the same files instead of tokenising the whole
collection again. A save goes to a temporary folder renamed into place (readers never
see half an index); a lock file per key lets one process build while the others wait
and then load; anything unreadable, or indexing other paragraphs than asked, is
rebuilt. The arrays are memory-mapped, so workers on one machine share their pages.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
FORMAT = 2  # bump when the tokenisers or the saved layout change
KEEP = 6  # newest indexes kept per channel; older ones are removed after a save
META = "rag-bm25.json"

Index = TypeVar("Index")


class BM25Cache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, channel: str, fingerprint: str) -> Path:
        import bm25s

        return self.root / f"{channel}-v{FORMAT}-bm25s{bm25s.__version__}-{fingerprint}"

    def get(self, channel: str, fingerprint: str, ids: set[str], *,
            load: Callable[[Path], Index], build: Callable[[], Index],
            save: Callable[[Index, Path], None]) -> tuple[Index, str]:
        """The index for ``fingerprint``: loaded when a valid copy is on disk, else built
        (under the key's lock) and saved. Also says which: "loaded" or "built"."""
        final = self.path(channel, fingerprint)
        found = self._load(final, fingerprint, ids, load)
        if found is not None:
            return found, "loaded"
        self.root.mkdir(parents=True, exist_ok=True)
        with self._locked(final):
            found = self._load(final, fingerprint, ids, load)  # another process built it
            if found is not None:
                return found, "loaded"
            index = build()
            try:
                self._save(index, final, fingerprint, ids, save)
            except OSError as err:  # a read-only or full cache costs speed, not answers
                log.warning("BM25 index not saved to %s: %s", final, err)
        self._prune(channel)
        return index, "built"

    @staticmethod
    def _load(final: Path, fingerprint: str, ids: set[str],
              load: Callable[[Path], Index]) -> Index | None:
        if not (final / META).is_file():
            return None
        try:
            meta = json.loads((final / META).read_text(encoding="utf-8"))
            if meta.get("fingerprint") != fingerprint or set(meta.get("ids", ())) != ids:
                raise ValueError("it indexes other paragraphs")
            return load(final)
        except Exception as err:  # corrupt, truncated, stale: rebuild, never serve it
            log.warning("BM25 index at %s unusable (%s): rebuilding", final, err)
            shutil.rmtree(final, ignore_errors=True)
            return None

    def _save(self, index: Index, final: Path, fingerprint: str, ids: set[str],
              save: Callable[[Index, Path], None]) -> None:
        tmp = self.root / f".tmp-{final.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            save(index, tmp)
            meta = {"fingerprint": fingerprint, "ids": sorted(ids), "saved": time.time()}
            (tmp / META).write_text(json.dumps(meta), encoding="utf-8")  # written last
            if final.exists():  # unusable (checked under the lock): replaced
                shutil.rmtree(final)
            os.rename(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @contextlib.contextmanager
    def _locked(self, final: Path) -> Iterator[None]:
        """An advisory lock per key; the kernel drops it when its holder dies."""
        with open(final.with_name(final.name + ".lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _prune(self, channel: str) -> None:
        """Old fingerprints' indexes go; a worker still reading one keeps its mapping."""
        found = sorted(self.root.glob(f"{channel}-v*"), key=_mtime, reverse=True)
        for old in [p for p in found if p.is_dir()][KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
            old.with_name(old.name + ".lock").unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
