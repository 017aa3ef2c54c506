"""The remote backend: a translator process over HTTP (OpenAI's chat completions).

One translator per machine holds the model (``rag translator``, our own process, which
loads it on the first request; or ``python -m llama_cpp.server``, vLLM…); the workers
call it, so none of them holds 1.1 GB. The request is the local backend's: the same
messages, greedy, the same token budget; so the packaged model behind a translator
gives the same translations as in-process, under the same identity.
"""

from __future__ import annotations

from typing import Any

from rag.translate.base import TranslateError
from rag.translate.prompts import clean, max_tokens, messages


class RemoteTranslator:
    def __init__(self, base_url: str, *, model: str, identity: str,
                 api_key: str | None = None, timeout_s: float = 300.0) -> None:
        import httpx

        self.base_url = base_url.rstrip("/")
        self.model = model
        self.identity = identity
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # no pool limit: callers queue in the translator, which works one at a time
        self._http = httpx.Client(headers=headers, timeout=timeout_s,
                                  limits=httpx.Limits(max_connections=None))

    def request(self, text: str, src_lang: str, tgt_lang: str, context: str = ""
                ) -> dict[str, Any]:
        return {"model": self.model, "messages": messages(text, src_lang, tgt_lang, context),
                "temperature": 0.0, "top_k": 1, "seed": 0, "max_tokens": max_tokens(text)}

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        import httpx

        try:
            reply = self._http.post(f"{self.base_url}/chat/completions",
                                    json=self.request(text, src_lang, tgt_lang, context))
            reply.raise_for_status()
            content = reply.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise TranslateError(f"translation endpoint failed: {first}") from exc
        return clean(content or "", text)
