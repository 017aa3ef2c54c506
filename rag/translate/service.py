"""Translation for the app: the cache first, the model only for what nobody translated yet.

The model is loaded on first use (a 1.1 GB file), never at start-up; looking up the cache
needs only the model's identity, which is known without loading it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field

from ingest.base import Paragraph
from ingest.parser import SECTION_SEP
from ingest.text import split_sentences
from rag.translate.base import TranslateError, Translation
from rag.translate.cache import TranslationCache, key
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import Checker
from rag.translate.doc_terms import document_terms
from rag.translate.lease import Leases
from rag.translate.terms import Term, Terminology

TARGET = {"zh": "en", "en": "zh"}
log = logging.getLogger(__name__)


class TranslationService:
    def __init__(self, cache: TranslationCache, terms: Terminology, identity: str,
                 make_translator: Callable[[], CheckedTranslator] | None,
                 leases: Leases | None = None, checker: Checker | None = None, *,
                 official: Callable[[], tuple[Term, ...]] | None = None) -> None:
        self.cache = cache
        self.official = official  # terms the library's bilingual official versions teach
        self.checker = checker  # rechecks stored translations with today's checks
        self.leases = leases
        self.terms = terms
        self.identity = identity  # the model's, known before it is loaded
        self._make = make_translator
        self._translator: CheckedTranslator | None = None
        self._lock = threading.Lock()
        self._running: dict[str, Future[Translation]] = {}  # sentences the model works on
        self._running_lock = threading.Lock()
        self._doc_terms: dict[tuple[str, int, tuple[Term, ...]], list[Term]] = {}

    @property
    def enabled(self) -> bool:
        """A model can translate now (else only stored translations are shown)."""
        return self._make is not None

    @property
    def off(self) -> bool:
        return self.identity == "none"

    def translator(self) -> CheckedTranslator:
        """The model, loaded once. A model that cannot load (a hash mismatch, a broken
        file) turns live translation off for this process: answers keep their originals."""
        with self._lock:
            if self._translator is None:
                if self._make is None:
                    raise TranslateError("translation is off")
                try:
                    self._translator = self._make()
                except TranslateError as exc:
                    log.warning("machine translation is off: %s", exc)
                    self._make = None
                    raise
            return self._translator

    def extra_terms(self, doc_id: str, paragraphs: list[Paragraph]) -> list[Term]:
        """The document's own aliases and bracketed Latin names, and the terms learnt from
        stored official versions that it uses; learnt once per version of each."""
        official = self.official() if self.official is not None else ()
        memo = (doc_id, len(paragraphs), official)
        if memo not in self._doc_terms:
            if len(self._doc_terms) > 256:
                self._doc_terms.clear()
            own = document_terms((p.text for p in paragraphs), self.terms)
            text = "\n".join(p.text for p in paragraphs)
            lower = text.lower()
            known = {t.zh for t in own}
            used = [t for t in official if t.zh not in known and
                    (t.zh in text or t.en.lower() in lower)]
            self._doc_terms[memo] = own + used
        return self._doc_terms[memo]

    def terms_version(self, extra: list[Term], sentence: str = "", src: str = "zh") -> str:
        """The version ``sentence``'s translation is stored under (see ``version_for``)."""
        terms = self.terms.with_extra(extra)
        return terms.version_for(sentence, src) if sentence else terms.version

    def lookup(self, sentence: str, src: str, extra: list[Term]) -> Translation | None:
        if self.off:
            return None
        found = self.cache.get(sentence, self.identity, self.terms_version(extra, sentence, src),
                               src, TARGET[src])
        if found is None or self.checker is None:
            return found
        return self.checker.recheck(found, self.terms.with_extra(extra))

    def translate(self, sentence: str, src: str, extra: list[Term], *, doc_id: str = "",
                  para_id: str = "", context: str = "") -> Translation:
        """The cached translation, else the model's (checked, then cached). Two askers of
        one sentence at once wait for one model call."""
        cached = self.lookup(sentence, src, extra)
        if cached is not None:
            return cached
        k = key(sentence, self.identity, self.terms_version(extra, sentence, src), src,
                TARGET[src])
        with self._running_lock:
            running = self._running.get(k)
            if running is None:
                self._running[k] = mine = Future[Translation]()
        if running is not None:
            return running.result()
        try:
            result = self._by_model(sentence, src, extra, doc_id, para_id, context)
            mine.set_result(result)
            return result
        except BaseException as exc:
            mine.set_exception(exc)
            raise
        finally:
            with self._running_lock:
                self._running.pop(k, None)

    def _by_model(self, sentence: str, src: str, extra: list[Term], doc_id: str,
                  para_id: str, context: str = "") -> Translation:
        try:
            translator = self.translator()
        except TranslateError as exc:
            return Translation("", sentence, src, TARGET[src], shown=False,
                               failed=[f"backend: {exc}"], model=self.identity)
        result = translator(sentence, src, TARGET[src], extra_terms=extra, context=context)
        if not any(f.startswith("backend:") for f in result.failed):
            self.cache.put(result, doc_id=doc_id, para_id=para_id)  # not a passing outage
        return result


@dataclass
class DocumentRun:
    """What ``rag translate`` did for one document."""

    doc_id: str
    sentences: int = 0
    cached: int = 0  # already there (a resumed run, or the shipped file)
    translated: int = 0
    failed_checks: int = 0  # translated, but not shown as the target language
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.translated / self.seconds if self.seconds else 0.0


def document_sentences(paragraphs: Iterable[Paragraph]) -> list[tuple[Paragraph, str]]:
    """Every sentence the answerer may quote, in reading order, each once."""
    seen: set[str] = set()
    out = []
    for p in paragraphs:
        for s in split_sentences(p.text):
            if s not in seen:
                seen.add(s)
                out.append((p, s))
    return out


CONTEXT_SENTENCES = 2  # what the model reads before a sentence: who acts, what "it" is
CONTEXT_CHARS = 400


def sentence_context(paragraph: str, sentence: str) -> str:
    """The sentences of ``paragraph`` before ``sentence`` (the last two, at most 400
    characters): a sentence's translation depends on them, never on what follows. A
    section title, or a sentence the paragraph does not hold, has none."""
    sentences = split_sentences(paragraph)
    if sentence not in sentences:
        return ""
    at = sentences.index(sentence)
    return "".join(sentences[max(0, at - CONTEXT_SENTENCES):at])[-CONTEXT_CHARS:]


_ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|[A-Z]|[IVX]{1,5}|\d{1,2})[.．、]\s*")


def section_title(section: str) -> str:
    """The heading a section path ends in, without its enumerator ("三. … › A. … › 3. 加强
    议会的作用" -> "加强议会的作用"): what a lead names, so what ``rag translate``
    translates (a small model turns "二." into "Two." and drops or shifts numbers)."""
    parts = [p.strip() for p in section.split(SECTION_SEP) if p.strip()]
    return _ENUMERATOR.sub("", parts[-1]) if parts else ""


def document_titles(paragraphs: Iterable[Paragraph]) -> list[tuple[Paragraph, str]]:
    """The section titles a lead may name, each once, with a paragraph under each."""
    seen: set[str] = set()
    out = []
    for p in paragraphs:
        title = section_title(p.section)
        if title and title not in seen:
            seen.add(title)
            out.append((p, title))
    return out


def translate_in_background(service: TranslationService, doc_id: str,
                            paragraphs: list[Paragraph]) -> threading.Thread | None:
    """Translate a newly added document in a background thread, if no other worker does
    it already (a lease record in the shared store)."""
    if not service.enabled or service.leases is None or not service.leases.acquire(doc_id):
        return None
    leases = service.leases

    def renew(_: int) -> None:
        leases.renew(doc_id)

    def work() -> None:
        try:
            translate_document(service, doc_id, paragraphs, progress=renew)
        finally:
            leases.release(doc_id)

    thread = threading.Thread(target=work, name=f"translate {doc_id}", daemon=True)
    thread.start()
    return thread


def translate_document(service: TranslationService, doc_id: str, paragraphs: list[Paragraph],
                       *, progress: Callable[[int], None] | None = None) -> DocumentRun:
    """Translate what is not cached yet; each result is stored as it comes, so a killed
    run resumes where it stopped."""
    run = DocumentRun(doc_id)
    if not paragraphs:
        return run
    src = paragraphs[0].lang
    extra = service.extra_terms(doc_id, paragraphs)
    todo = document_sentences(paragraphs) + document_titles(paragraphs)
    run.sentences = len(todo)
    keys = [key(s, service.identity, service.terms_version(extra, s, src), src, TARGET[src])
            for _, s in todo]
    have = service.cache.known(keys)
    t0 = time.perf_counter()
    for (p, sentence), k in zip(todo, keys, strict=True):
        if k in have:
            run.cached += 1
        else:
            result = service.translate(sentence, src, extra, doc_id=doc_id, para_id=p.id,
                                       context=sentence_context(p.text, sentence))
            if any(f.startswith("backend:") for f in result.failed):
                run.errors.append(result.failed[0])
                break  # the backend is down: stop, the next run resumes
            run.translated += 1
            run.failed_checks += int(not result.shown)
        if progress is not None:
            progress(1)
    run.seconds = time.perf_counter() - t0
    return run
