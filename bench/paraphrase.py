"""Paraphrases against the questions they reword: each row of bench/paraphrase/ARTICLE.jsonl asks
a question whose answer is known in other words (synonyms, another word order, a description
instead of a name); both are asked of the article and scored as the evaluation kit scores them.

    python bench/paraphrase.py          # prints the table and writes bench/results/paraphrase.md

The default article's file is answered from the shipped index; any other article is indexed from
../shared/eval/squad/ARTICLE.txt first.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]
SQUAD = ROOT.parent / "shared" / "eval" / "squad"


def article_bot(article: str):
    """A bot over one article: the default one from the shipped index, any other indexed from the kit
    (Super Bowl 50, or a train10 or dev25 article)."""
    import bot
    from bot.store import build

    if (ROOT / "seeds" / f"{article}.txt").is_file():
        return bot.default_bot(), [ROOT / "seeds" / f"{article}.txt"]
    places = (SQUAD / f"{article}.txt", SQUAD / "dev25" / f"{article}.txt", SQUAD / "train10" / f"{article}.txt")
    doc = next((d for d in places if d.is_file()), None)
    if doc is None:
        raise SystemExit(f"no article {article!r}: looked in seeds/ and at {', '.join(map(str, places))}")
    return bot.Bot.load(build([doc], Path(tempfile.mkdtemp(prefix="paraphrase-")) / "index")), [doc]


def main() -> int:
    from evaluate import load_kit, score_row, summarise, write_table

    kit = load_kit(ROOT.parent / "shared" / "eval")
    rows, pooled = {}, {"original": [], "paraphrase": []}
    for path in sorted((HERE / "paraphrase").glob("*.jsonl")):
        b, docs = article_bot(path.stem)
        raws = [d.read_text(encoding="utf-8") for d in docs]
        questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for form in ("original", "paraphrase"):
            asked = [{**q, "question": q["original"] if form == "original" else q["question"]} for q in questions]
            results = [score_row(q, b.answer, kit, raws) for q in asked]
            pooled[form] += results
            rows[f"{path.stem}, {form} ({len(results)})"] = summarise(results)
    for form, results in pooled.items():
        rows[f"all, {form} ({len(results)})"] = summarise(results)
    write_table(rows, {"sets": [p.name for p in sorted((HERE / "paraphrase").glob("*.jsonl"))]},
                HERE / "results" / "paraphrase")
    return 0


if __name__ == "__main__":
    sys.exit(main())
