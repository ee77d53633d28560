"""'What is this article about?' asked of every SQuAD article of ../shared/eval/squad indexed alone
(and of the default article): is it answered, and does the first quote open the article's lead?
The lead is what an article says it is about, whatever its first sentence's wording.

    python bench/about.py [N]   # the first N articles by name (all by default); indexes kept in build/about/
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(HERE)]
QUESTIONS = ("What is this article about?", "What is the article about?", "What does this document describe?")


def main() -> int:
    from crossval import fold_index
    from train_ranker import squad_articles

    import bot

    articles = squad_articles(ROOT.parent / "shared" / "eval" / "squad")
    work = ROOT / "build" / "about"
    bots = {"(default article)": bot.default_bot()}
    for name in sorted(articles)[: int(sys.argv[1]) if len(sys.argv) > 1 else None]:
        bots[name] = bot.Bot(fold_index([name], articles, work))
    rows = {}
    for name, b in bots.items():
        first = b.index.sentences[b.index.sentences_in(min(b.index.first_paragraphs))[0]]
        for q in QUESTIONS:
            r = b.answer(q)
            rows[f"{name} | {q}"] = {"found": r.found, "lead": bool(r.citations) and r.citations[0].start == first.start}
    found = sum(v["found"] for v in rows.values())
    lead = sum(v["lead"] for v in rows.values())
    summary = {"questions": len(rows), "articles": len(bots), "answered": round(found / len(rows), 3),
               "first quote opens the lead": round(lead / len(rows), 3)}
    print(json.dumps(summary))
    (HERE / "results" / "about.json").write_text(json.dumps({"summary": summary, "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
