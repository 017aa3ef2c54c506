"""Every configuration from the cache only, as one markdown table (no model is loaded).

python -m eval.translation.table > eval/translation/results.md
"""

from __future__ import annotations

import json

from eval.translation.cache import CachedTranslator
from eval.translation.run import CHECKS, HERE, Config, run
from rag.translate import model_file
from rag.translate.prompts import PROMPT_VERSION

CONFIGS = [
    Config(inject=False), Config(inject=True, number_rules=False), Config(),
    Config(inject=False, clauses=True), Config(clauses=True),
]
SHORT = {"numbers": "num", "terms": "terms", "foreign_names": "foreign", "similarity": "sim",
         "repetition": "rep", "length": "len", "echo": "echo", "untranslated": "untr",
         "empty": "empty"}


def main() -> int:
    from ingest.embedders import E5Embedding

    embedder = E5Embedding()
    translator = CachedTranslator(HERE / "cache.jsonl", f"{model_file.identity()}/{PROMPT_VERSION}",
                                  None)
    head = ["config", "n", "chrF", "shown", "errors among shown", "errors (all judged)",
            "s/sentence", *(SHORT[c] for c in CHECKS)]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    configs = [Config(c.direction, c.inject, c.clauses, split, c.threshold, c.number_rules)
               for split in ("tune", "holdout") for c in CONFIGS]
    configs.insert(5, Config(split="tune", placeholders=True))  # tried on the tuning part only
    configs += [Config("en-zh", False, False, "all"), Config("en-zh", True, False, "all")]
    for cfg in configs:
        try:
            records, s = run(cfg, translator, embedder)
        except Exception as exc:  # a configuration never run: say so, go on
            print(f"| {cfg.name} | not in the cache: {str(exc).splitlines()[0]} |")
            continue
        uncached = sum(1 for r in records if any(f.startswith("backend") for f in r["failed"]))
        if uncached:
            print(f"| {cfg.name} | {uncached} of {len(records)} sentences not in the cache |")
            continue
        with (HERE / "runs" / f"{cfg.name}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        unj = f" (+{len(s['unjudged_shown'])} unjudged)" if s["unjudged_shown"] else ""
        cells = [cfg.name, s["n"], s["chrf"], f"{s['shown']:.2f} ({s['n_shown']})",
                 f"{s['errors_shown']}/{s['n_shown']}{unj}",
                 f"{s['errors_all']}/{s['judged_all']}", s["s_per_sentence"],
                 *(f"{s['pass'][c]:.2f}" for c in CHECKS)]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
