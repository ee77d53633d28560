"""Does a reader that may answer "no answer" tell unanswerable questions apart better than the
refusal model, on articles it never saw, and does it still answer questions worded unlike the
article? An experiment for issue #18, in the SQuAD 2.0 manner: all-MiniLM-L6-v2 with an answer
head, fine-tuned on (question, candidate sentence) pairs of the training folds, where a sentence
that does not answer (an unanswerable question's best candidates, an answerable question's best
candidate without its answer) points at [CLS]. A question's score is the best candidate's margin
of its best span over [CLS].

For the held-out fold (--fold) it prints AUC and refused at 85% / 90% answered, for the reader's
margin, for the refusal model of the best recipe trained on the same folds, and for a logistic
mix of the two fitted by article halves of the fold; then, at the threshold that answers 85% of
the fold's answerable questions, what the reader does on our own sets (default article, short
documents, paraphrases), each question asked alone.

    python bench/noanswer.py --fold 0 --epochs 2     # about 25 minutes on 2 cores
"""
from __future__ import annotations

import argparse
import json
import random
import shlex
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(HERE)]
BEST = "--squad-negatives --no-removed-negatives --verifier-negatives --cross-fit --answer-rate 0.88"
INPUTS = ["input_ids", "attention_mask", "token_type_ids"]
TOP = 3  # candidates read per question at test time (the quotes a reply shows)


def _text(ex, i: int) -> str:
    return ex.index.text(ex.index.sentences[int(i)])


def training_pairs(exs, score, rng: random.Random) -> list[tuple[str, str, int, int]]:
    """(question, sentence, answer start, end); start = end = -1: the sentence does not answer
    (train_reader.encode points such an example at [CLS])."""
    from train_ranker import _holds, _ranked

    out = []
    for ex in exs:
        top = _ranked(ex, score).sentences
        q = ex.row["question"]
        if not ex.golds:
            out += [(q, _text(ex, i), -1, -1) for i in top[:2]]
            continue
        holds = [int(i) for i in top if _holds(ex, int(i))]
        wrong = [int(i) for i in top[:4] if not _holds(ex, int(i))]
        answer = ex.row.get("answer") or ""
        if holds:
            s = _text(ex, holds[0])
            at = s.lower().find(answer.lower())
            if at >= 0 and answer:
                out.append((q, s, at, at + len(answer)))
        out += [(q, _text(ex, i), -1, -1) for i in wrong[:1]]
    rng.shuffle(out)
    return out


def fine_tune(pairs, epochs: float, lr: float = 5e-5):
    import importlib

    import torch
    from train_reader import fit
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer
    from transformers import logging as hf_logging

    from bot import config

    torch.manual_seed(0)
    torch.set_num_threads(2)
    path = importlib.import_module(config.MODEL_PACKAGE).get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    hf_logging.set_verbosity_error()
    model = AutoModelForQuestionAnswering.from_pretrained(str(path), local_files_only=True)
    fit(model, tokenizer, pairs, epochs, lr)  # (-1, -1) points at [CLS], as a cut-off answer does
    return tokenizer, model


def margins(tokenizer, model, question: str, sentences: list[str]) -> np.ndarray:
    """Per sentence: its best span's start + end logit over [CLS]'s."""
    import torch

    from bot import config

    if not sentences:
        return np.array([-99.0])
    x = tokenizer([question] * len(sentences), sentences, padding=True, truncation=True,
                  max_length=config.READER_MAX_TOKENS, return_tensors="np")
    with torch.no_grad():
        out = model(**{n: torch.from_numpy(x[n]) for n in INPUTS})
    start, end = out.start_logits.numpy(), out.end_logits.numpy()
    res = []
    for k in range(len(sentences)):
        ok = np.flatnonzero(np.asarray(x.sequence_ids(k)) == 1)
        s, e = start[k, ok], end[k, ok]
        grid = s[:, None] + e[None, :]
        span = np.triu(np.ones_like(grid, dtype=bool)) & ~np.triu(np.ones_like(grid, dtype=bool), 30)
        res.append(float(grid[span].max()) - float(start[k, 0] + end[k, 0]))
    return np.array(res)


def curve(pos: np.ndarray, neg: np.ndarray) -> dict:
    from answerability import auc

    out = {"auc": round(auc(pos, neg), 4)}
    for rate in (0.85, 0.90):
        out[f"refused@{rate:.2f}"] = round(float(np.mean(neg < np.quantile(pos, 1 - rate))), 4)
    return out


def own_sets() -> dict[str, list[tuple[str, list[str], bool]]]:
    """Per set: (question, top sentences by the shipped bot, answerable), questions asked alone."""
    import bot
    from bot.answer import understand
    from bot.features import Query
    from bot.retrieve import rank_in_conversation
    from bot.store import build

    def tops(b, q: str) -> list[str]:
        asked = understand(q, b.index.lexicon)
        ranked = rank_in_conversation(b.index, Query(asked.text), b.models)
        return [b.index.text(b.index.sentences[int(i)]) for i in ranked.sentences[:TOP]]

    def rows(path: Path) -> list[dict]:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    default = bot.default_bot()
    sets: dict[str, list] = {}
    files = [ROOT.parent / "shared/eval/dev.jsonl", *sorted((HERE / "questions").glob("*.jsonl"))]
    for path in files:
        sets[path.stem] = [(r["question"], tops(default, r["question"]), bool(r.get("answer")))
                           for r in rows(path) if not r.get("history") and r.get("kind") != "followup"]
    para = rows(HERE / "paraphrase/socialism_in_one_country.jsonl")
    sets["paraphrase-soc"] = [(r["question"], tops(default, r["question"]), True) for r in para]
    sets["paraphrase-soc-original"] = [(r["original"], tops(default, r["original"]), True) for r in para]
    work = Path("/tmp/noanswer-idx")
    short = rows(HERE / "shortdocs/questions.jsonl")
    for doc in sorted({r["doc"] for r in short}):
        b = bot.Bot.load(build([HERE / "shortdocs" / doc], work / doc))
        sets.setdefault("shortdocs", []).extend(
            (r["question"], tops(b, r["question"]), bool(r.get("answer"))) for r in short
            if r["doc"] == doc and not r.get("history") and r.get("kind") != "followup")
    return sets


def main() -> int:
    from crossval import SavedPairs, cache_key, cached_examples, deal
    from train_ranker import _ranked, parser, squad_articles, train

    from bot import config, features
    from bot.models import Model

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--per-article", type=int, default=150)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "crossval")
    ap.add_argument("--save", type=Path, default=ROOT / "build" / "noanswer")
    ap.add_argument("--load", action="store_true", help="read the reader --save holds for this fold, do not train")
    args = ap.parse_args()

    articles = squad_articles(args.eval / "squad")
    folds = deal(list(articles), args.folds)
    examples = cached_examples(folds, articles, args.work, args.per_article)
    pairs = SavedPairs(args.work / f"pairs-{cache_key(folds, args.per_article)}.pkl", examples["_indexes"])
    train_exs = [ex for j, f in enumerate(folds) if j != args.fold for n in f for ex in examples[n]]
    test_exs = [(n, ex) for n in folds[args.fold] for ex in examples[n]]
    models = train(train_exs, parser().parse_args(shlex.split(BEST)), pairs)
    shipped = train(train_exs, parser().parse_args([]), pairs)  # the recipe of the shipped models
    pairs.save()
    ranker, verifier, answerable = (Model.from_json(models[m]) for m in ("ranker", "verifier", "answerable"))
    old = {m: Model.from_json(shipped[m]) for m in ("ranker", "verifier", "answerable")}
    saved = args.save / f"fold{args.fold}"
    if args.load:
        from transformers import AutoModelForQuestionAnswering, AutoTokenizer

        tokenizer, model = AutoTokenizer.from_pretrained(saved), AutoModelForQuestionAnswering.from_pretrained(saved)
        model.eval()
    else:
        data = training_pairs(train_exs, ranker, random.Random(0))
        print(f"{len(data)} training pairs, {sum(a < 0 for _, _, a, _ in data)} without an answer", flush=True)
        tokenizer, model = fine_tune(data, args.epochs)
        model.save_pretrained(saved)
        tokenizer.save_pretrained(saved)

    rows = []
    for doc, ex in test_exs:
        top = _ranked(ex, ranker)
        verified = verifier(pairs(ex, [int(i) for i in top.sentences[: config.TRAINED.verify_top]]))
        p = answerable.on_named(features.answerable_features(top, verified))
        m = margins(tokenizer, model, ex.row["question"], [_text(ex, i) for i in top.sentences[:TOP]])
        top0 = _ranked(ex, old["ranker"])
        v0 = old["verifier"](pairs(ex, [int(i) for i in top0.sentences[: config.TRAINED.verify_top]]))
        p0 = old["answerable"].on_named(features.answerable_features(top0, v0))
        rows.append({"doc": doc, "answerable": bool(ex.golds), "p": p, "p_shipped": p0,
                     "t_shipped": shipped["answerable"]["threshold"], "margin": float(m.max()), "first": float(m[0])})
    ans = np.array([r["answerable"] for r in rows])
    result = {"fold": args.fold, "n": len(rows), "n_unanswerable": int((~ans).sum())}
    for key in ("p", "p_shipped", "margin", "first"):
        v = np.array([r[key] for r in rows])
        result[key] = curve(v[ans], v[~ans])
    # a logistic mix of the two, fitted on one half of the fold's articles and scored on the other
    from sklearn.linear_model import LogisticRegression

    docs = sorted({r["doc"] for r in rows})
    half = np.array([docs.index(r["doc"]) % 2 for r in rows])
    x = np.array([[np.log(r["p"] / (1 - r["p"] + 1e-9) + 1e-9), r["margin"]] for r in rows])
    mix = np.zeros(len(rows))
    for h in (0, 1):
        fit = LogisticRegression().fit(x[half != h], ans[half != h])
        mix[half == h] = fit.predict_proba(x[half == h])[:, 1]
    result["mix"] = curve(mix[ans], mix[~ans])
    cut = float(np.quantile(np.array([r["margin"] for r in rows])[ans], 0.15))
    result["margin_cut@0.85"] = round(cut, 3)
    own = {}
    for name, qs in own_sets().items():
        ms = [float(margins(tokenizer, model, q, s).max()) for q, s, _ in qs]
        own[name] = [{"question": q, "answerable": ok, "margin": m} for m, (q, _, ok) in zip(ms, qs)]
        a = [m >= cut for m, (_, _, ok) in zip(ms, qs) if ok]
        u = [m < cut for m, (_, _, ok) in zip(ms, qs) if not ok]
        result[name] = {"n": len(qs), "answered": round(float(np.mean(a)), 3) if a else None,
                        "refused": round(float(np.mean(u)), 3) if u else None}
        print(name, result[name], flush=True)
    print(json.dumps(result, indent=1))
    (saved.parent / f"fold{args.fold}-rows.json").write_text(json.dumps({"fold": rows, "own": own}))
    out = HERE / "results" / "noanswer.json"
    table = json.loads(out.read_text()) if out.exists() else {}
    table[f"fold{args.fold} epochs{args.epochs}"] = result
    out.write_text(json.dumps(table, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
