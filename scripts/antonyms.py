"""The antonym table the bot reads (bot/antonyms.json): every pair of single-word WordNet lemmas
that WordNet calls antonyms ("increase"/"decrease", "formal"/"informal"), both ways, by the bot's
light stem (lexical.stem), so "increased" meets "decrease".

Why: SQuAD's crowd wrote a fifth of its unanswerable questions by turning a word of the article's
sentence into its opposite ("How do algorithms scale with a decrease in input size?" against "...
with an increase in the input size"). Such a question shares every other word with the sentence,
so word coverage and MiniLM's closeness both say "answered" (docs/experiments.md).

    python scripts/antonyms.py        # about 20 s; WordNet comes as scripts/thesaurus.py fetches it
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
OUT = ROOT / "bot" / "antonyms.json"


def _graded(adjective: str) -> bool:
    """Whether English grades it with -er and -est: a short word, or one ending in -y or -ow."""
    return len(adjective) <= 6 or adjective.endswith(("y", "ow"))


def antonym_table() -> dict[str, list[str]]:
    """{stem: sorted stems of its antonyms}, from WordNet 3.0's lemma antonymy (one-word lemmas)."""
    from thesaurus import inflect, wordnet

    from bot.lexical import stem

    table: dict[str, set[str]] = {}
    for synset in wordnet().all_synsets():
        for lemma in synset.lemmas():
            for other in lemma.antonyms():
                a, b = lemma.name().lower(), other.name().lower()
                if not (a.isalpha() and b.isalpha()) or stem(a) == stem(b):
                    continue
                # a short adjective's comparative and superlative too ("smallest" / "largest"), which
                # the light stem leaves as they are; longer ones say "more" and "most"
                pairs = [(a, b)] + ([(inflect(a, s), inflect(b, s)) for s in ("er", "est")]
                                    if synset.pos() in "as" and _graded(a) and _graded(b) else [])
                for x, y in pairs:
                    table.setdefault(stem(x), set()).add(stem(y))
                    table.setdefault(stem(y), set()).add(stem(x))
    return {k: sorted(v) for k, v in sorted(table.items())}


def main() -> int:
    table = antonym_table()
    OUT.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(table)} stems, {sum(map(len, table.values())) // 2} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
