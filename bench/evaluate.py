"""Scoring replies as the evaluation kit (../shared/eval/score.py) does, question by question, so
that the cross-validation reports the kit's own metrics; and the table it writes."""
from __future__ import annotations

import importlib.util
import json
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METRICS = ("n", "correct", "hit1", "hit3", "answered_when_answerable", "refused_when_unanswerable", "em", "f1",
           "quote1_words_p50", "quotes3_words_p50", "unfaithful_quotes", "bad_offsets", "p50_ms")


def load_kit(eval_dir: Path):
    """The kit's score.py as a module: its normalisation and answer matching."""
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    kit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kit)
    return kit


def play(row: dict, ask) -> tuple:
    """A question as score.py asks it, its conversation (`history`: earlier questions) played first,
    the history holding each answer's markdown; the reply and its time in ms."""
    history: list[dict] = []
    for prev in row.get("history") or []:
        r = ask(prev, history=list(history))
        history += [{"role": "user", "content": prev}, {"role": "assistant", "content": r.text}]
    t = time.perf_counter()
    reply = ask(row["question"], history=history)
    return reply, (time.perf_counter() - t) * 1000


def span_scores(kit, span: str, golds: list[str]) -> tuple[float, float]:
    """Exact match and F1 of a short answer against the best of the gold answers, as score.py counts them."""
    return float(any(kit.norm(span) == kit.norm(g) for g in golds)), max(kit.span_f1(span, g) for g in golds)


def score_row(row: dict, ask, kit, raws: list[str]) -> dict:
    """One question, its conversation played first, scored as score.py scores it."""
    reply, ms = play(row, ask)
    res = {"id": row["id"], "kind": row["kind"], "found": bool(reply.found), "reason": reply.reason,
           "latency_ms": ms}
    cites = list(reply.citations)
    source = kit.ws("\n".join(raws))
    res["unfaithful"] = sum(kit.ws(c.quote) not in source for c in cites)
    res["bad_offsets"] = sum(not any(kit.ws(raw[c.start:c.end]) == kit.ws(c.quote) for raw in raws) for c in cites)
    quotes1, quotes3 = (cites[0].quote if cites else ""), " ".join(c.quote for c in cites[:3])
    res["quote1_words"], res["quotes3_words"] = len(quotes1.split()), len(quotes3.split())
    golds = [g for g in [row.get("answer"), *(row.get("alt_answers") or [])] if g]
    if golds:
        res["hit1"] = any(kit.contains(quotes1, g) for g in golds)
        res["hit3"] = any(kit.contains(quotes3, g) for g in golds)
        res["em"], res["f1"] = span_scores(kit, reply.span or "", golds) if reply.found else (0.0, 0.0)
        res["correct"] = bool(reply.found) and res["hit3"]
    else:
        res["correct"] = not reply.found
    return res


def summarise(results: list[dict]) -> dict:
    """The kit's summary metrics over scored questions."""
    def mean(xs):
        return round(sum(xs) / len(xs), 4) if xs else None

    ans = [r for r in results if "hit1" in r]
    una = [r for r in results if "hit1" not in r]
    return {"n": len(results), "correct": mean([r["correct"] for r in results]),
            "hit1": mean([r["hit1"] for r in ans]), "hit3": mean([r["hit3"] for r in ans]),
            "answered_when_answerable": mean([r["found"] for r in ans]),
            "refused_when_unanswerable": mean([not r["found"] for r in una]),
            "em": mean([r["em"] for r in ans]), "f1": mean([r["f1"] for r in ans]),
            "quote1_words_p50": statistics.median([r["quote1_words"] for r in ans]) if ans else None,
            "quotes3_words_p50": statistics.median([r["quotes3_words"] for r in ans]) if ans else None,
            "unfaithful_quotes": sum(r["unfaithful"] for r in results),
            "bad_offsets": sum(r["bad_offsets"] for r in results),
            "p50_ms": round(statistics.median([r["latency_ms"] for r in results]), 1) if results else None}


def own_sets(kit, eval_dir: Path, models: Path) -> dict[str, dict]:
    """dev and our own question sets on the default article, answered with these models."""
    import bot

    os.environ["BOT_RANKER_PATH"] = str(models)
    b = bot.Bot.load(ROOT / "embeddings")
    raws = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    sets = {"dev": eval_dir / "dev.jsonl", **{p.stem: p for p in sorted((ROOT / "bench" / "questions").glob("*.jsonl"))}}
    out = {}
    for name, path in sets.items():
        rows = kit.load_rows(str(path), 0)
        out[f"{name} ({len(rows)})"] = summarise([score_row(row, b.answer, kit, raws) for row in rows])
    return out


def write_table(rows: dict[str, dict], meta: dict, stem: Path) -> None:
    """`stem`.json (every figure) and `stem`.md (the table), and the table printed."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1), encoding="utf-8")
    lines = ["| set | " + " | ".join(METRICS) + " |", "|---|" + "---|" * len(METRICS)]
    for name, s in rows.items():
        lines.append(f"| {name} | " + " | ".join("–" if s.get(m) is None else str(s[m]) for m in METRICS) + " |")
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
