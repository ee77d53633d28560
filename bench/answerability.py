"""How well the refusal model separates answerable from unanswerable questions on articles it never
saw, without answering through the bot: the fast loop for choosing how to train it.

The same folds as bench/crossval.py. For each training recipe (options of scripts/train_ranker.py)
and each fold, the models are trained on the other folds' questions; the fold's questions are
ranked, verified and scored by the refusal model, as Bot.answer would before its hand rules.
Printed per recipe, pooled over the folds: AUC of the refusal model's probability (answerable
against unanswerable), the share of unanswerable questions refused while answering 85% / 90% of
the answerable ones, what the trained threshold itself does, and hit@1 / hit@3 of the ranking.

    python bench/answerability.py --recipe= --recipe=--squad-negatives --recipe="--squad-negatives --answer-rate 0.9"
    python bench/answerability.py --mini-docs 2 --learn-mini --recipe="..."   # short documents too
    python bench/answerability.py --jitter 3e-7 --recipe="..."   # the noise floor of a comparison

With --jitter S, each recipe is trained a second time on inputs (features and verifier inputs)
multiplied by 1 + S·N(0, 1): the float noise of another machine (embeddings differ by about 3e-7
between hosts). The second row, and the share of verdicts that flip, say how large a difference
between two recipes must be to be one (docs/experiments.md, "Why a retrain depends on the machine").

With --mini-docs N, N short documents an article (scripts/mini_documents.py: three paragraphs of a
dev25 article indexed alone, with SQuAD's questions on them) are scored as a row of their own, with
the models of their article's fold; --learn-mini also trains on the training folds' ones.

With --loose bench/loose/squad.jsonl, the loose questions of each fold's articles (SQuAD questions
written again the way our users ask: "How do the lungs get rid of germs?") are scored with their
fold's models, beside the SQuAD questions they reword, and the SQuAD figures are given at the
thresholds that answer 80–93% of them; --learn-loose N trains on the training folds' ones, N times.

Features and verifier inputs are cached in build/crossval/ (the first run computes them: about
half an hour on 2 cores for 150 questions an article). Writes bench/results/answerability.json.
"""
from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(HERE)]


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that an answerable question scores above an unanswerable one (ties count half)."""
    from scipy.stats import rankdata

    r = rankdata(np.concatenate([pos, neg]))
    return float((r[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def _reword(question: str, index, vocab: list[str], rng) -> str:
    """The question with each content word the index knows (names aside) swapped, half the time,
    for the nearest other word of the index in MiniLM's word space."""
    import re

    from bot.lexical import STOPWORDS, stem

    def swap(m: re.Match) -> str:
        w, low = m.group(), m.group().lower()
        if w[0].isupper() or low in STOPWORDS or low not in index.words or rng.random() < 0.5:
            return w
        sims = index.word_vectors @ index.word_vectors[index.words[low]]
        return next((vocab[j] for j in np.argsort(-sims)[1:6] if stem(vocab[j]) != stem(low)), w)

    return re.sub(r"[A-Za-z]+", swap, question)


def reworded(examples: dict, names: list[str], how: str = "nearest", work: Path | None = None, key: str = "",
             seed: int = 0, answerable: bool = True) -> dict[str, list]:
    """Per article, its answerable questions (`answerable` False: its unanswerable ones) reworded:
    `nearest` (_reword: "rapidly" for "quickly", and as often an antonym, "victory" for "defeat",
    which SQuAD calls unanswerable) or `thesaurus` (scripts/thesaurus.py: WordNet synonyms only).
    Training data only: questions in other words than the article's, which SQuAD's crowd, writing
    beside the paragraph, rarely asks. Kept in `work` (a pickle named by the folds' cache `key`)
    when given, as crossval.cached_examples keeps the examples."""
    import pickle
    import random

    from thesaurus import Thesaurus
    from train_ranker import Example

    from bot import features

    cache = work / f"reworded-{how}{'' if answerable else '-unanswerable'}-{key}.pkl" if work else None
    if cache and cache.exists():
        saved = pickle.loads(cache.read_bytes())
        index = {n: examples[n][0].index for n in names}
        return {n: [Example({**row, "reworded": how}, index[n], ranked, golds) for row, ranked, golds in saved[n]]
                for n in names}
    rng, out, vocabs = random.Random(seed), {}, {}
    thesaurus = Thesaurus() if how == "thesaurus" else None
    for n in names:
        out[n] = []
        for ex in examples[n]:
            if bool(ex.golds) != answerable:
                continue
            if thesaurus:
                q = thesaurus.reword(ex.row["question"], rng)
            else:
                vocab = vocabs.setdefault(id(ex.index), sorted(ex.index.words, key=ex.index.words.get))
                q = _reword(ex.row["question"], ex.index, vocab, rng)
            if q != ex.row["question"]:
                out[n].append(Example({**ex.row, "question": q, "reworded": how}, ex.index,
                                      features.featurize(ex.index, features.Query(q)), ex.golds))
        print(f"reworded {len(out[n])} questions of {n}", flush=True)
    if cache:
        cache.write_bytes(pickle.dumps({n: [(ex.row, ex.ranked, ex.golds) for ex in exs] for n, exs in out.items()}))
    return out


def loose_rows(path: Path, names: list[str]) -> dict[str, list[dict]]:
    """Per article of `names`, its rows of `path` (bench/loose/: SQuAD answerable questions written
    again the way our users ask, short and loose, each keeping its answer and its `original`)."""
    out: dict[str, list[dict]] = {n: [] for n in names}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and (row := json.loads(line))["doc"] in out:
            out[row["doc"]].append(row)
    return out


def loose_examples(path: Path, examples: dict, names: list[str], work: Path, key: str,
                   originals: bool = True) -> dict[str, list]:
    """Per article, the loose questions of `path` (loose_rows) asked of its fold's index, and with
    `originals`, for comparison, the SQuAD questions they reword, marked "as_written". Their
    features are kept in `work` (a pickle named by the folds' cache `key`)."""
    import pickle

    from train_ranker import Example, golds

    from bot import features

    cache = work / f"loose-{path.stem}-{key}.pkl"
    saved = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    known = len(saved)
    out: dict[str, list] = {n: [] for n in names}
    for n, rows in loose_rows(path, names).items():
        index = examples[n][0].index
        for row in rows:
            for r in (row, {**row, "question": row["original"], "kind": "as_written"})[: 2 if originals else 1]:
                k = (r["id"], r["kind"], r["question"])
                if k not in saved:
                    saved[k] = features.featurize(index, features.Query(r["question"]))
                out[n].append(Example(r, index, saved[k], golds(r)))
    if len(saved) != known:
        cache.write_bytes(pickle.dumps(saved))
    return out


def score_fold(exs, models: dict, pairs) -> list[dict]:
    """Per test question: the refusal model's probability, its verdict, and where the answer ranks."""
    from train_ranker import _holds, _ranked

    from bot import config, features
    from bot.models import Model

    ranker, verifier, answerable = (Model.from_json(models[m]) for m in ("ranker", "verifier", "answerable"))
    out = []
    for ex in exs:
        top = _ranked(ex, ranker)
        verified = verifier(pairs(ex, [int(i) for i in top.sentences[: config.TRAINED.verify_top]]))
        p = answerable.on_named(features.answerable_features(top, verified))
        holds = [_holds(ex, int(i)) for i in top.sentences[:3]] if ex.golds else []
        out.append({"answerable": bool(ex.golds), "p": p, "answers": p >= models["answerable"]["threshold"],
                    "hit1": any(holds[:1]), "hit3": any(holds)})
    return out


class Jittered:
    """Examples and verifier inputs moved by relative float noise of this scale (seeded): what
    another machine's floats do to a training run."""

    def __init__(self, scale: float, pairs, seed: int = 1):
        self.scale, self.pairs, self.rng, self.memo = scale, pairs, np.random.default_rng(seed), {}

    def _move(self, a: np.ndarray) -> np.ndarray:
        return (a * (1 + self.scale * self.rng.standard_normal(a.shape))).astype(a.dtype)

    def examples(self, exs: list) -> list:
        import copy

        from train_ranker import Example

        out = []
        for ex in exs:
            ranked = copy.copy(ex.ranked)
            ranked.features = self._move(ex.ranked.features)
            out.append(Example(ex.row, ex.index, ranked, ex.golds))
        return out

    def __call__(self, ex, ids) -> np.ndarray:  # as train_ranker.Pairs
        key = (id(ex.index), ex.row["question"], tuple(ids))
        if key not in self.memo:
            self.memo[key] = self._move(self.pairs(ex, ids))
        return self.memo[key]


def summary(results: list[dict]) -> dict:
    answerable = [r for r in results if r["answerable"]]
    unanswerable = [r for r in results if not r["answerable"]]
    pos, neg = np.array([r["p"] for r in answerable]), np.array([r["p"] for r in unanswerable])
    out = {"n": len(results), "auc": round(auc(pos, neg), 4)}
    for rate in (0.85, 0.90):
        cut = np.quantile(pos, 1 - rate)
        out[f"refused@{rate:.2f}"] = round(float(np.mean(neg < cut)), 4)
    out["answered"] = round(float(np.mean([r["answers"] for r in answerable])), 4)
    out["refused"] = round(float(np.mean([not r["answers"] for r in unanswerable])), 4)
    out["hit1"] = round(float(np.mean([r["hit1"] for r in answerable])), 4)
    out["hit3"] = round(float(np.mean([r["hit3"] for r in answerable])), 4)
    # correct as the scorer counts it: answered with the answer in the quotes, or refused
    out["correct"] = round(float(np.mean([(r["answers"] and r["hit3"]) if r["answerable"] else not r["answers"]
                                          for r in results])), 4)
    return out


def answered_row(results: list[dict]) -> dict:
    """What answerable questions alone can say: how many are answered, and found."""
    return {"n": len(results), **{m: round(float(np.mean([r[m] for r in results])), 4) for m in ("answers", "hit1", "hit3")},
            "p_median": round(float(np.median([r["p"] for r in results])), 4)}


def at_loose_rates(results: list[dict], loose: list[dict]) -> dict:
    """The curve where our users sit: at the thresholds that answer 80–93% of the loose questions
    (one threshold over the pooled folds), what share of SQuAD's answerable questions is answered
    and of its unanswerable ones refused, and how many loose questions are answered with the answer
    in the quotes."""
    lo = np.array([r["p"] for r in loose])
    found = np.array([r["hit3"] for r in loose])
    pos = np.array([r["p"] for r in results if r["answerable"]])
    neg = np.array([r["p"] for r in results if not r["answerable"]])
    out = {}
    for rate in (0.80, 0.85, 0.90, 0.93):
        cut = np.quantile(lo, 1 - rate)
        out[f"loose answered {rate:.2f}"] = {"answered": round(float(np.mean(pos >= cut)), 4),
                                             "refused": round(float(np.mean(neg < cut)), 4),
                                             "loose_correct": round(float(np.mean((lo >= cut) & found)), 4)}
    return out


def results_key(recipe: str, args: argparse.Namespace) -> str:
    """The row's name in the results: the recipe and what it was trained on besides SQuAD's questions."""
    extras = []
    if args.reword:
        extras.append(f"reworded ({args.reword}{', both kinds' if args.reword_unanswerable else ''})")
    if args.learn_mini:
        extras.append("short documents")
    if args.learn_loose:
        extras.append(f"loose questions x{args.learn_loose}")
    return " + ".join([recipe or "(default)", *extras])


def main() -> int:
    from crossval import SavedPairs, cache_key, cached_examples, deal
    from mini_documents import mini_documents, mini_examples
    from train_ranker import squad_articles

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--per-article", type=int, default=150, help="questions an article (0: all)")
    ap.add_argument("--recipe", action="append", help="train_ranker.py options in one string (repeatable; "
                    "write --recipe='--squad-negatives'); default: its defaults")
    ap.add_argument("--reword", choices=("nearest", "thesaurus"),
                    help="train on answerable questions reworded this way too (reworded())")
    ap.add_argument("--reword-unanswerable", action="store_true",
                    help="with --reword: reword the unanswerable questions too, so rewording says nothing of the label")
    ap.add_argument("--mini-docs", type=int, default=0, metavar="N",
                    help="also score N short documents an article (scripts/mini_documents.py), held out with it")
    ap.add_argument("--learn-mini", action="store_true", help="train on the training folds' short documents too")
    ap.add_argument("--loose", type=Path, metavar="JSONL",
                    help="questions written the way our users ask (bench/loose/squad.jsonl): scored as rows of their "
                         "own, beside the SQuAD questions they reword, with their article's fold's models")
    ap.add_argument("--learn-loose", type=int, default=0, metavar="N",
                    help="train on the training folds' loose questions too, each N times (their weight)")
    ap.add_argument("--jitter", type=float, default=0.0, metavar="S",
                    help="also train each recipe on inputs moved by relative noise S (another machine's floats)")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "crossval")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "answerability.json")
    args = ap.parse_args()
    if args.learn_loose and not args.loose:
        ap.error("--learn-loose needs --loose FILE")
    from train_ranker import parser, train

    articles = squad_articles(args.eval / "squad")
    names = sorted(articles)
    folds = deal(names, args.folds)
    args.work.mkdir(parents=True, exist_ok=True)
    examples = cached_examples(folds, articles, args.work, args.per_article)
    key = cache_key(folds, args.per_article)
    pairs = SavedPairs(args.work / f"pairs-{key}.pkl", examples["_indexes"])
    extra = reworded(examples, names, args.reword, args.work, key) if args.reword else {n: [] for n in names}
    if args.reword_unanswerable:
        more = reworded(examples, names, args.reword, args.work, key, answerable=False)
        extra = {n: extra[n] + more[n] for n in names}
    mini = mini_examples(mini_documents(args.eval / "squad", args.work / "mini-3", args.mini_docs)) if args.mini_docs else {}
    loose = loose_examples(args.loose, examples, names, args.work, key) if args.loose else {n: [] for n in names}
    learnt = {n: (mini.get(n, []) if args.learn_mini else [])
              + [ex for ex in loose[n] if ex.row["kind"] == "loose"] * args.learn_loose for n in names}
    table = json.loads(args.out.read_text()) if args.out.exists() else {}
    for recipe in args.recipe or [""]:
        t = time.perf_counter()
        results, mini_results, loose_results, moved = [], [], {"loose": [], "as_written": []}, []
        options = parser().parse_args(shlex.split(recipe))
        for k in range(args.folds):
            train_exs = [ex for j, f in enumerate(folds) if j != k for n in f for ex in examples[n] + extra[n] + learnt[n]]
            models = train(train_exs, options, pairs)
            test = [ex for n in folds[k] for ex in examples[n]]
            results += score_fold(test, models, pairs)
            mini_results += score_fold([ex for n in folds[k] for ex in mini.get(n, [])], models, pairs)
            for kind, got in loose_results.items():
                got += score_fold([ex for n in folds[k] for ex in loose[n] if ex.row["kind"] == kind], models, pairs)
            if args.jitter:
                noisy = Jittered(args.jitter, pairs, seed=k)
                moved += score_fold(test, train(noisy.examples(train_exs), options, noisy), pairs)
            pairs.save()
        key = results_key(recipe, args)
        table[key] = row = summary(results)
        print(f"{key}: {row} ({time.perf_counter() - t:.0f} s)", flush=True)
        if moved:
            table[key + f" [inputs jittered by {args.jitter:g}]"] = row = summary(moved)
            row["verdicts_flipped"] = round(float(np.mean([a["answers"] != b["answers"] for a, b in zip(results, moved)])), 4)
            print(f"  jittered by {args.jitter:g}: {row}", flush=True)
        for kind, got in loose_results.items():
            if got:
                table[key + f" [scored on {args.loose.stem} {kind}]"] = row = answered_row(got)
                print(f"  {kind}: {row}", flush=True)
        if loose_results["loose"]:
            table[key + " [SQuAD at the thresholds answering loose questions]"] = row = at_loose_rates(
                results, loose_results["loose"])
            print(f"  SQuAD at loose rates: {row}", flush=True)
        if mini_results:
            table[key + " [scored on short documents]"] = row = summary(mini_results)
            print(f"  short documents: {row}", flush=True)
    args.out.write_text(json.dumps(table, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
