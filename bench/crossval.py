"""How good a change is, on articles the models never saw: article-level cross-validation over the
35 SQuAD 2.0 articles of ../shared/eval/squad (train10 and dev25).

The articles are dealt into folds (sorted by name, round-robin); each fold's articles are indexed
together, as a user with several documents would. For each fold, the ranker, the verifier and the
refusal model are trained (scripts/train_ranker.py's `train`) on the other folds' questions, and the
fold's questions are answered through the public contract and scored with the evaluation kit's
metrics. One table: per fold, pooled, and rows for dev and our own question sets (answered with
the models trained on every fold, the default article being in none).

    python bench/crossval.py --quick                 # 5 folds, 40 test questions an article (about 40 min)
    python bench/crossval.py --quick --ship          # ... and ship the models trained on all 35 articles
    python bench/crossval.py                         # every question (runs in the background: hours)
    python bench/crossval.py --quick --rules-off unknown_names polar_form   # what those rules earn
    python bench/crossval.py --quick --mini-docs 2 --learn-mini   # short documents too (scripts/mini_documents.py)
    python bench/crossval.py --quick --loose bench/loose/squad.jsonl --learn-loose 3   # our users' wording too

Features and the verifier's readings do not depend on the models: each is computed once and shared
by the folds. Writes bench/results/crossval[-quick][-off-RULES].json and .md.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import shlex
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(HERE)]


def deal(names: list[str], folds: int) -> list[list[str]]:
    """The articles dealt into folds by name, the same way in every tool that reads the folds."""
    names = sorted(names)
    return [names[k::folds] for k in range(folds)]


def fold_index(names: list[str], articles: dict, work: Path):
    """The fold's articles indexed together, kept in `work` and reused while the sources are unchanged."""
    from bot.store import load_current

    return load_current([articles[n][0] for n in names],
                        work / ("index-" + hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]))


def fold_bot(index, models: Path):
    """A bot over a fold's index with these models."""
    import bot

    os.environ["BOT_RANKER_PATH"] = str(models)  # read when the bot loads its models
    return bot.Bot(index)


def run_fold(k: int, folds: list[list[str]], articles: dict, examples: dict, pairs, args, kit, work: Path,
             mini: dict, learnt: dict, loose: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """The fold's questions answered by models trained on the other folds, its short documents'
    (`mini`: per article, its short documents and their questions; `learnt`: per article, more
    examples to train on: short documents, reworded or loose questions) and its loose questions'
    (`loose`: per article, bench/loose/ rows)."""
    from evaluate import score_row
    from mini_documents import mini_index
    from train_ranker import parser, train

    train_names = [n for j, f in enumerate(folds) if j != k for n in f]
    exs = [ex for n in train_names for ex in examples[n] + learnt.get(n, [])]
    t = time.perf_counter()
    models = {"trained_on": train_names, **train(exs, parser().parse_args(shlex.split(args.train_args)), pairs)}
    path = work / f"models-fold{k}.json"
    path.write_text(json.dumps(models) + "\n")
    test = [r for n in folds[k] for r in _sample(articles[n][1], args.per_article)]
    raws = [articles[n][0].read_text(encoding="utf-8") for n in folds[k]]
    trained = time.perf_counter() - t
    b = fold_bot(examples["_indexes"][k], path)
    results = [score_row(row, b.answer, kit, raws) for row in test]
    short = []
    for n in folds[k]:
        for doc, rows in mini.get(n, []):
            d = fold_bot(mini_index(doc), path)
            short += [score_row(row, d.answer, kit, [doc.read_text(encoding="utf-8")]) for row in rows]
    loosely = [score_row(row, b.answer, kit, raws) for n in folds[k] for row in loose.get(n, [])]
    print(f"fold {k}: trained on {len(exs)} questions in {trained:.0f} s; {len(results)} answered, "
          f"{len(short)} on short documents, {len(loosely)} loose", flush=True)
    return results, short, loosely


def _sample(rows: list[dict], n: int) -> list[dict]:
    """Up to n questions of an article, the same ones every run (a fixed seed), in their order."""
    if not n or len(rows) <= n:
        return rows
    keep = set(random.Random(0).sample(range(len(rows)), n))
    return [r for i, r in enumerate(rows) if i in keep]


def prepare(folds: list[list[str]], articles: dict, work: Path, per_article_train: int) -> dict:
    """Per article, its training examples (features computed once, in its fold's index)."""
    from train_ranker import examples

    out: dict = {"_indexes": []}
    for names in folds:
        idx = fold_index(names, articles, work)
        out["_indexes"].append(idx)
        for n in names:
            out[n] = examples(idx, _sample(articles[n][1], per_article_train))
        print(f"features of {', '.join(Path(n).stem for n in names)}", flush=True)
    return out


def cache_key(folds: list[list[str]], per_article: int) -> str:
    """Names the cached features and verifier inputs of these folds, so many questions an article,
    these features (another feature set computes them anew)."""
    from bot.features import FEATURES

    return hashlib.sha256(repr((folds, per_article, FEATURES)).encode()).hexdigest()[:12]


def cached_examples(folds: list[list[str]], articles: dict, work: Path, per_article: int):
    """prepare's examples, kept on disk between runs (the indexes are linked back in)."""
    from train_ranker import Example

    path = work / f"examples-{cache_key(folds, per_article)}.pkl"
    if path.exists():
        saved = pickle.loads(path.read_bytes())
        out = {"_indexes": [fold_index(names, articles, work) for names in folds]}
        for k, names in enumerate(folds):
            for n in names:
                out[n] = [Example(row, out["_indexes"][k], ranked, golds) for row, ranked, golds in saved[n]]
        return out
    out = prepare(folds, articles, work, per_article)
    path.write_bytes(pickle.dumps({n: [(ex.row, ex.ranked, ex.golds) for ex in exs]
                                   for n, exs in out.items() if n != "_indexes"}))
    return out


class SavedPairs:
    """train_ranker.Pairs whose computed verifier inputs are kept on disk, keyed by fold."""

    def __init__(self, path: Path, indexes: list):
        from train_ranker import Pairs

        self.path, self.fold = path, {id(idx): k for k, idx in enumerate(indexes)}
        saved = pickle.loads(path.read_bytes()) if path.exists() else {}
        self.pairs = Pairs({(id(indexes[k]), q, i): v for (k, q, i), v in saved.items()})
        self.known = len(self.pairs.cache)

    def __call__(self, ex, ids):
        return self.pairs(ex, ids)

    def save(self) -> None:
        if len(self.pairs.cache) != self.known:
            # pairs of other indexes (short documents) are not kept: they are quick to read again
            self.path.write_bytes(pickle.dumps({(self.fold[i], q, s): v for (i, q, s), v in self.pairs.cache.items()
                                                if i in self.fold}))
            self.known = len(self.pairs.cache)


def run_name(args: argparse.Namespace) -> str:
    """The results' file name: crossval, then what this run did differently ("-quick", "-off-RULES",
    "-mini2-learn", "-reword-thesaurus", "-loose3"...). The training options are in the file's meta."""
    name = "crossval" + ("-quick" if args.quick else "")
    if args.rules_off:
        name += "-off-" + "-".join(args.rules_off)
    if args.mini_docs:
        name += f"-mini{args.mini_docs}" + (f"x{args.mini_paragraphs}" if args.mini_paragraphs != 3 else "")
    if args.learn_mini:
        name += "-learn"
    if args.reword:
        name += f"-reword-{args.reword}"
    if args.loose:
        name += f"-loose{args.learn_loose or ''}"
    return name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval", help="the evaluation kit")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--articles", type=int, default=0, help="only the first N articles by name (a smoke run)")
    ap.add_argument("--quick", action="store_true", help="40 test and 150 training questions an article")
    ap.add_argument("--per-article", type=int, default=0, help="test questions an article (0: all)")
    ap.add_argument("--per-article-train", type=int, default=0, help="training questions an article (0: all)")
    ap.add_argument("--rules-off", nargs="*", default=[], help="switch these rules off (python -m bot rules)")
    ap.add_argument("--train-args", default="", metavar="OPTIONS",
                    help="options for scripts/train_ranker.py's training, in one string: --train-args='--squad-negatives'")
    ap.add_argument("--mini-docs", type=int, default=0, metavar="N",
                    help="also answer N short documents an article (scripts/mini_documents.py), held out with it")
    ap.add_argument("--mini-paragraphs", type=int, default=3, metavar="P", help="paragraphs a short document")
    ap.add_argument("--learn-mini", action="store_true", help="train on the training folds' short documents too")
    ap.add_argument("--reword", choices=("nearest", "thesaurus"),
                    help="also train on the training folds' answerable questions reworded this way "
                         "(bench/answerability.py's reworded())")
    ap.add_argument("--loose", type=Path, metavar="JSONL",
                    help="questions written the way our users ask (bench/loose/squad.jsonl), answered with "
                         "their article's fold as a row of their own")
    ap.add_argument("--learn-loose", type=int, default=0, metavar="N",
                    help="train on the training folds' loose questions too, each N times (their weight)")
    ap.add_argument("--ship", action="store_true", help="also write the models trained on every fold to bot/ranker.json")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "crossval")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    args = ap.parse_args()
    if args.learn_loose and not args.loose:
        ap.error("--learn-loose needs --loose FILE")
    if args.quick:
        args.per_article, args.per_article_train = args.per_article or 40, args.per_article_train or 150
    from evaluate import load_kit, own_sets, summarise, write_table

    from bot import rules

    rules.switch_off(args.rules_off)
    kit = load_kit(args.eval)
    from train_ranker import squad_articles

    articles = squad_articles(args.eval / "squad")
    names = sorted(articles)[: args.articles or None]
    folds = deal(names, args.folds)
    args.work.mkdir(parents=True, exist_ok=True)
    examples = cached_examples(folds, articles, args.work, args.per_article_train)
    from train_ranker import parser, train

    pairs = SavedPairs(args.work / f"pairs-{cache_key(folds, args.per_article_train)}.pkl", examples["_indexes"])
    mini, learnt = {}, {}
    if args.mini_docs:
        from mini_documents import mini_documents, mini_examples

        mini = {n: d for n, d in mini_documents(args.eval / "squad", args.work / f"mini-{args.mini_paragraphs}",
                                                args.mini_docs, args.mini_paragraphs).items() if n in names}
        learnt = mini_examples(mini) if args.learn_mini else {}
    if args.reword:
        from answerability import reworded

        more = reworded(examples, names, args.reword, args.work, cache_key(folds, args.per_article_train))
        learnt = {n: learnt.get(n, []) + extra for n, extra in more.items()}
    loose: dict[str, list[dict]] = {}
    if args.loose:
        from answerability import loose_examples, loose_rows

        loose = loose_rows(args.loose, names)
    if args.learn_loose:
        more = loose_examples(args.loose, examples, names, args.work, cache_key(folds, args.per_article_train),
                              originals=False)
        learnt = {n: learnt.get(n, []) + more[n] * args.learn_loose for n in names}
    done = [run_fold(k, folds, articles, examples, pairs, args, kit, args.work, mini, learnt, loose)
            for k in range(args.folds)]
    per_fold = [r for r, _, _ in done]
    pairs.save()
    rows = {f"fold {k} ({len(f)} articles)": summarise(r) for k, (f, r) in enumerate(zip(folds, per_fold))}
    rows["pooled"] = summarise([r for rs in per_fold for r in rs])
    if mini:
        short = [r for _, s, _ in done for r in s]
        rows[f"short documents of the folds ({len(short)})"] = summarise(short)
    if any(loose.values()):
        loosely = [r for _, _, s in done for r in s]
        rows[f"{args.loose.stem} loose questions of the folds ({len(loosely)})"] = summarise(loosely)
    everything = args.work / "models-all.json"  # for the default article, which no fold holds
    everything.write_text(json.dumps({"trained_on": names, **train(
        [ex for n in names for ex in examples[n]] + [ex for n in names for ex in learnt.get(n, [])],
        parser().parse_args(shlex.split(args.train_args)), pairs)}) + "\n")
    if args.ship:
        (ROOT / "bot" / "ranker.json").write_text(everything.read_text())
    rows |= own_sets(kit, args.eval, everything)
    from shortdocs import SETS, answer_all

    for docs in SETS:
        short = answer_all(kit, docs)  # with the models own_sets named
        rows[f"bench/{docs.name} ({len(short)})"] = summarise(short)
    name = run_name(args)
    write_table(rows, {"folds": folds, "rules_off": args.rules_off, "per_article": args.per_article,
                       "per_article_train": args.per_article_train, "train_args": args.train_args,
                       "reword": args.reword, "loose": str(args.loose or ""), "learn_loose": args.learn_loose},
                args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
