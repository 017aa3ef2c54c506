"""A file cache of raw model calls, so a re-run of the evaluation costs nothing."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

from rag.translate.base import TranslateError, Translator


def _key(identity: str, text: str, src: str, tgt: str) -> str:
    return hashlib.sha256(f"{identity}\x1f{src}\x1f{tgt}\x1f{text}".encode()).hexdigest()[:24]


class CachedTranslator:
    """Answers from ``path`` when it can; otherwise builds the real translator (lazily)."""

    def __init__(self, path: Path, identity: str,
                 make: Callable[[], Translator] | None) -> None:
        self.path = Path(path)
        self.identity = identity
        self._make = make
        self._inner: Translator | None = None
        self.entries: dict[str, dict] = {}
        self.seconds: dict[str, float] = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    e = json.loads(line)
                    self.entries[e["key"]] = e

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        # the context is part of what the model reads: of the key too, where there is one
        key = _key(self.identity, f"{context}\n{text}" if context else text, src_lang, tgt_lang)
        if key not in self.entries:
            if self._make is None:
                raise TranslateError("not in the cache and no model to ask")
            if self._inner is None:
                self._inner = self._make()
            start = time.perf_counter()
            out = self._inner.translate(text, src_lang, tgt_lang, context)
            entry = {"key": key, "model": self.identity, "src": src_lang, "tgt": tgt_lang,
                     "input": text, "output": out,
                     "seconds": round(time.perf_counter() - start, 2)}
            self.entries[key] = entry
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return self.entries[key]["output"]

    def seconds_for(self, text: str, src_lang: str, tgt_lang: str) -> float:
        entry = self.entries.get(_key(self.identity, text, src_lang, tgt_lang))
        return float(entry["seconds"]) if entry else 0.0
