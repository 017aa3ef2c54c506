"""Build the components once per entry point, from the settings, and hand them down.

``build`` wires them; ``ready`` also ingests the seed when the store is empty. The
retrieval channels are listed in ``CHANNELS``: a new channel is one module in
``rag/channels`` and one line there. Post-fusion stages are listed in ``build``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ingest.embedders import Embedder, load_embedder
from ingest.pipeline import IngestSummary, ingest_paths
from ingest.store import ParagraphStore, make_client
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.support import SupportScorer
from rag.config import Settings, SettingsError
from rag.conversation import Condenser, RuleCondenser
from rag.judge.judge import AnswerabilityJudge
from rag.judge.model import MODEL_FILE, JudgeModel, ModelError
from rag.judge.opinion import LocalOpinion, OpinionModel, SecondOpinion
from rag.language.dictionary import load_dictionary
from rag.library.base import Library
from rag.library.documents import KIND_WORDS
from rag.retrieve.base import Stage
from rag.retrieve.channels import BM25_BIGRAMS, BM25_WORDS, DENSE, POSITION, SENTENCE, Channel
from rag.retrieve.channels.bm25 import bigram_channel, word_channel
from rag.retrieve.channels.dense import ParagraphChannel, SentenceChannel
from rag.retrieve.channels.exact import ExactSearch
from rag.retrieve.channels.position import PositionChannel
from rag.retrieve.documents import DocumentStage
from rag.retrieve.retriever import HybridRetriever, RetrievalConfig
from rag.service import QA
from rag.translate.answers import AnswerTranslator
from rag.translate.base import Translator
from rag.translate.service import TranslationService
from rag.understand.query import QueryAnalyzer

log = logging.getLogger(__name__)

ChannelFactory = Callable[[Settings, ParagraphStore, Embedder], Channel]
CHANNELS: dict[str, ChannelFactory] = {
    SENTENCE: lambda settings, store, embedder: SentenceChannel(
        store.sentences, embedder, same_language_bonus=settings.same_language_bonus,
        same_language_bonus_en=settings.same_language_bonus_en,
        exact_max=settings.exact_search_paragraphs),
    BM25_WORDS: lambda settings, store, embedder: word_channel(bm25_dir(settings)),
    BM25_BIGRAMS: lambda settings, store, embedder: bigram_channel(bm25_dir(settings)),
    DENSE: lambda settings, store, embedder: ParagraphChannel(
        store.paragraphs, embedder, exact_max=settings.exact_search_paragraphs),
    POSITION: lambda settings, store, embedder: PositionChannel(
        ExactSearch(store.sentences, max_rows=4 * settings.exact_search_paragraphs)),
}


def bm25_dir(settings: Settings) -> Path:
    """Saved BM25 indexes, shared by every process that uses this cache directory."""
    return settings.cache_path / "bm25"


@dataclass
class Components:
    settings: Settings
    embedder: Embedder
    store: ParagraphStore
    library: Library
    retriever: HybridRetriever
    qa: QA
    translation: TranslationService
    seeded: IngestSummary | None = None  # set by ``ready`` when it ingested the seed
    imported: int = 0  # translations imported from the shipped files by ``ready``


def open_store(settings: Settings, embedder: Embedder) -> ParagraphStore:
    client = make_client(settings.store_dir, settings.chroma_host, settings.chroma_port)
    return ParagraphStore(client, name=settings.collection, embedder_id=embedder.identity)


def make_embedder(settings: Settings) -> Embedder:
    return load_embedder(settings.embed_model, batch_size=settings.embed_batch_size,
                         query_prefix=settings.query_prefix,
                         passage_prefix=settings.passage_prefix,
                         threads=settings.embed_threads,
                         query_threads=settings.embed_query_threads)


def ingest_files(settings: Settings, store: ParagraphStore, embedder: Embedder,
                 paths: list[Path], *, progress: bool = True, symbol: str | None = None,
                 title: str | None = None, lang: str | None = None) -> IngestSummary:
    """Ingest with the settings' size limit and language rules; the one way in.
    ``symbol`` and ``title`` name documents that carry no symbol, ``lang`` the language
    files are known to be in (see ``load_document``)."""
    return ingest_paths(paths, store, embedder, max_bytes=settings.max_file_bytes,
                        progress=progress, primary_lang=settings.primary_lang,
                        symbol=symbol, title=title, batch=settings.ingest_batch,
                        paragraph_vectors=settings.paragraph_vectors, lang=lang)


def ingest_seed_if_empty(settings: Settings, store: ParagraphStore, embedder: Embedder,
                         *, progress: bool = True) -> IngestSummary | None:
    if store.count():
        return None
    log.info("the store at %s is empty: ingesting the seed document first", settings.where())
    return ingest_files(settings, store, embedder, list(settings.seed_files), progress=progress)


def channels(settings: Settings, store: ParagraphStore, embedder: Embedder) -> list[Channel]:
    """Every channel with a weight above 0, in the order of ``CHANNELS``."""
    unknown = sorted(set(settings.weights) - set(CHANNELS))
    if unknown:
        raise SettingsError(f"RAG_WEIGHTS names unknown channel(s) {', '.join(unknown)}; "
                            f"known: {', '.join(CHANNELS)}")
    built = [make(settings, store, embedder) for name, make in CHANNELS.items()
             if settings.weights.get(name, 0.0) > 0]
    # one copy of the sentence vectors in memory, read once: the position channel ranks
    # by the vectors the sentence channel holds
    sentences = next((c for c in built if isinstance(c, SentenceChannel)), None)
    if sentences is None:
        return built
    return [PositionChannel(sentences.exact) if isinstance(c, PositionChannel) else c
            for c in built]


def un_terms() -> list[tuple[str, list[str], str]]:
    """The curated UN terminology and the names of countries, as the English->Chinese
    bridge reads them."""
    from rag.translate.terms import Terminology
    from rag.understand.slots.places import country_table

    terms = [(t.zh, list(t.forms("en")), t.kind) for t in Terminology.load().terms]
    return terms + document_kinds() + [(zh, en, "place") for names_zh, en in country_table()
                                       for zh in names_zh]


def document_kinds() -> list[tuple[str, list[str], str]]:
    """The UN's two-word document kinds ("general comment" 一般性意见, "concluding
    observations" 结论性意见) as terms: word by word the dictionary bridges them to
    unrelated senses (general: 普遍). A one-word kind ("declaration") keeps the
    dictionary's several senses (宣言, 声明)."""
    return [(zh[0], [f for f in en if " " in f], "concept")
            for en, zh in KIND_WORDS.values() if any(" " in f for f in en)]


def build(settings: Settings, *, embedder: Embedder | None = None) -> Components:
    embedder = embedder or make_embedder(settings)
    store = open_store(settings, embedder)
    library = Library(store, partial(load_dictionary, settings.cache_path),
                      terms=un_terms, refresh_s=settings.index_refresh_s)
    judge = AnswerabilityJudge(judge_model(settings), opinion=second_opinion(settings))
    stages: list[Stage] = [DocumentStage(), judge]
    retriever = HybridRetriever(
        QueryAnalyzer(library, embedder, max_chars=settings.max_question_chars,
                      bridged_weight=settings.bridged_weight),
        channels(settings, store, embedder), settings.weights, stages=stages,
        config=RetrievalConfig(top_k=settings.top_k, candidates=settings.candidates,
                               rrf_k=settings.rrf_k),
    )
    support = SupportScorer(embedder, store.sentence_vectors)
    extractive = ExtractiveAnswerer(store.sentence_vectors, support,
                                    max_sentences=settings.max_answer_sentences,
                                    support_threshold=settings.support_threshold,
                                    scale=judge.thresholds)  # the judge's similarity scale
    answerers: dict = {"extractive": extractive}
    llm = None
    if settings.llm_enabled:
        from rag.answer.llm import build_llm, build_llm_answerer

        llm = build_llm(settings)
        answerers["llm"] = build_llm_answerer(settings, extractive, support, llm=llm)
    default = "llm" if settings.llm_enabled else "extractive"
    translation = translation_service(settings, store, embedder, library)
    qa = QA(retriever, answerers, default=default, top_k=settings.top_k,
            condenser=make_condenser(settings, library, llm),
            translator=AnswerTranslator(translation, library),
            parallel=settings.concurrency_limit)
    return Components(settings, embedder, store, library, retriever, qa, translation)


def judge_model(settings: Settings) -> JudgeModel:
    """The answerability model (``RAG_JUDGE_MODEL``, else the packaged one), with the
    user's own thresholds where set."""
    try:
        model = JudgeModel.load(settings.judge_model or MODEL_FILE)
        return model.with_thresholds(settings.judge_answer_at, settings.judge_refuse_below)
    except ModelError as err:
        raise SettingsError(str(err)) from None


def second_opinion(settings: Settings) -> SecondOpinion | None:
    """The packaged model's second opinion on hedged questions (``RAG_JUDGE_OPINION``)."""
    if settings.judge_opinion == "off":
        return None
    from rag.translate import model_file

    if not model_file.parts_installed():
        raise SettingsError("RAG_JUDGE_OPINION=local needs the packaged model: "
                            + model_file.INSTALL_HINT)

    def load() -> Any:
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise RuntimeError("llama-cpp-python is not installed") from exc
        try:
            path = model_file.ensure_model(settings.model_dir)
        except model_file.ModelFileError as exc:  # a damaged file: the question stays hedged
            raise RuntimeError(str(exc)) from exc
        return Llama(model_path=str(path), n_threads=settings.translate_threads, n_ctx=2048,
                     verbose=False)

    try:
        combiner = OpinionModel.load()
    except (OSError, ValueError, KeyError) as err:
        raise SettingsError(f"the second opinion's model file: {err}") from None
    return SecondOpinion(LocalOpinion(load, f"{model_file.identity()}/o1"), combiner)


def translation_service(settings: Settings, store: ParagraphStore, embedder: Embedder,
                        library: Library | None = None) -> TranslationService:
    """The cache, and a translator made on first use, from where ``translate_source``
    says translations come from; with ``library``, the terms its official versions
    stored in two languages teach."""
    from rag.translate import model_file
    from rag.translate.cache import TranslationCache
    from rag.translate.checked import CheckedTranslator
    from rag.translate.checks import Checker
    from rag.translate.lease import Leases
    from rag.translate.official_terms import OfficialTerms
    from rag.translate.terms import Terminology

    cache = TranslationCache(store.client, settings.collection)
    leases = Leases(store.client, settings.collection)
    terms = Terminology.load()
    source = translate_source(settings)
    if source == "none":
        return TranslationService(cache, terms, "none", None)
    identity = translation_identity(settings, source)
    # without the model's packages the shipped translations of the seed are still shown
    live = settings.translate_live and (source != "local" or model_file.parts_installed())

    def make() -> CheckedTranslator:
        checker = Checker(terms, embed=embedder.passage_vectors,
                          similarity_threshold=settings.translate_similarity)
        return CheckedTranslator(raw_translator(settings, source, identity), terms, checker)

    official = OfficialTerms(library.snapshot, terms) if library is not None else None
    return TranslationService(cache, terms, identity, make if live else None, leases,
                              checker=Checker(terms), official=official)


TranslateSource = Literal["none", "local", "remote", "llm"]


def translate_source(settings: Settings) -> TranslateSource:
    """Where translations come from. ``remote``: the translator at
    ``RAG_TRANSLATE_BASE_URL`` (for ``auto``, ``local`` and ``endpoint`` alike); ``llm``:
    the answerer's ``RAG_LLM_*`` endpoint, only when ``RAG_TRANSLATE_BACKEND=endpoint``
    names no URL of its own; ``local``: the packaged model in this process. Configuring
    an LLM answerer no longer turns translation to it, nor the reverse."""
    backend = settings.translate_backend
    if backend == "none":
        return "none"
    if settings.translate_base_url:
        if backend == "endpoint" and not settings.translate_model:
            raise SettingsError("RAG_TRANSLATE_BACKEND=endpoint: name the model the "
                                "endpoint serves in RAG_TRANSLATE_MODEL")
        return "remote"
    if backend == "endpoint":
        if not settings.llm_enabled:
            raise SettingsError("RAG_TRANSLATE_BACKEND=endpoint needs RAG_TRANSLATE_BASE_URL "
                                "and RAG_TRANSLATE_MODEL (or the RAG_LLM_* endpoint)")
        return "llm"
    return "local"


def translation_identity(settings: Settings, source: TranslateSource) -> str:
    """The label every translation is cached under. The packaged model keeps its own
    wherever it runs (in this process or in a translator process): the same model, the
    same request, the same translations; the shipped ones among them."""
    from rag.translate.local import packaged_identity
    from rag.translate.prompts import PROMPT_VERSION

    if source == "llm":
        return f"endpoint:{settings.llm_model}/{PROMPT_VERSION}"
    if source == "remote" and settings.translate_model:
        return f"endpoint:{settings.translate_model}/{PROMPT_VERSION}"
    return packaged_identity()


def raw_translator(settings: Settings, source: TranslateSource, identity: str) -> Translator:
    if source == "remote":
        from rag.translate.remote import RemoteTranslator

        key = settings.translate_api_key
        return RemoteTranslator(settings.translate_base_url or "", identity=identity,
                                model=settings.translate_model or "packaged",
                                api_key=key.get_secret_value() if key else None,
                                timeout_s=settings.translate_timeout_s)
    if source == "llm":
        from rag.answer.llm import build_llm
        from rag.translate.endpoint import EndpointTranslator

        return EndpointTranslator(build_llm(settings), identity=identity)
    from rag.translate.local import LocalTranslator

    return LocalTranslator.from_packages(settings.model_dir,
                                         n_threads=settings.translate_threads)


def prepare_indexes(components: Components) -> dict[str, dict]:
    """Take a fresh snapshot and build (and save) every channel's index for it, so that
    the process that changed the store pays for them, and workers only load them.
    Returns each such channel's report (how: built or loaded, seconds)."""
    snap = components.library.snapshot(force=True)
    done = {}
    for channel in components.retriever.channels:
        index = getattr(channel, "index", None)
        if callable(index):
            index(snap)
            done[channel.name] = dict(getattr(channel, "last", {}))
    return done


def make_condenser(settings: Settings, library: Library, llm: Any = None) -> Condenser | None:
    """How follow-ups become standalone questions (``RAG_CONDENSER``)."""
    if settings.condenser == "none":
        return None
    rules = RuleCondenser(library, max_chars=settings.max_question_chars)
    if settings.condenser == "rules" or (settings.condenser == "auto" and llm is None):
        return rules
    if llm is None:
        raise SettingsError("RAG_CONDENSER=llm needs an LLM: set RAG_LLM_PROVIDER and "
                            "RAG_LLM_MODEL")
    from rag.conversation.llm import LLMCondenser

    return LLMCondenser(llm, rules, max_chars=settings.max_question_chars)


def ready(settings: Settings, *, embedder: Embedder | None = None,
          progress: bool = True) -> Components:
    """The built components over a store that holds at least the seed document, and the
    shipped translations of the seed."""
    components = build(settings, embedder=embedder)
    components.seeded = ingest_seed_if_empty(settings, components.store, components.embedder,
                                             progress=progress)
    if components.seeded is not None:
        components.library.snapshot(force=True)
    if not components.translation.off:  # idempotent: only what the store lacks
        for path in sorted(settings.translations_dir.glob("*.jsonl")):
            components.imported += components.translation.cache.import_file(path)
    return components
