#!/usr/bin/env python3
"""Train the sentence ranker, the verifier and the refusal model, and write bot/ranker.json.

Data: the SQuAD v2.0 articles in ../shared/eval/squad/train10, all but the three held out for
evaluation (new_york_city, solar_energy, to_kill_a_mockingbird); Super Bowl 50 is never used.
With --articles squad: the 35 of train10 and dev25, less --held-out, indexed seven at a time.
bench/crossval.py calls `train` below to train on the folds of all 35 articles instead.
  ranker      small MLP (32 hidden units): does this candidate sentence contain the crowd answer?
              (--ranker-loss listwise: which of the question's candidates does? fit_listwise)
  orderer     with --order-top K: a listwise MLP that chooses the order of the ranker's best K
              (models.Ranker; --orderer-for MODELS trains it alone, beside MODELS' models)
  verifier    small MLP on MiniLM's token states of "question [SEP] sentence": is the answer in it?
              (with --verifier-negatives it learns from unanswerable questions' best sentences too)
  answerable  small MLP on the best sentences: answerable question (1), or answerable ones whose
              answer sentences or paragraphs were taken out (0; --no-removed-negatives: not those),
              and with --squad-negatives SQuAD's own unanswerable ones; with --cross-fit it reads
              the readings of two verifiers, each trained on the other half of the articles.
The shipped models were trained with the defaults and the 25 features they read (bot/ranker.json
names them), and their orderer since by `--orderer-for bot/ranker.json --order-top 8`; the
cross-validated recipe `--squad-negatives --no-removed-negatives --verifier-negatives --cross-fit
--answer-rate 0.89`, the listwise ranker and the orderer are measured in docs/experiments.md.
It also writes build/train10_heldout.jsonl, the held-out questions, for ../shared/eval/score.py
(with --held-out: build/train10_heldout-ARTICLE....jsonl).
Deterministic on CPU (two runs write the same file); takes about five minutes on 2 cores.

usage: python scripts/train_ranker.py [--squad DIR] [--held-out ARTICLE.txt ...] [--out PATH]
"""
from __future__ import annotations

import argparse
import json
import string
import sys
import tempfile
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot import config, embed, features, store  # noqa: E402
from bot.index import Index  # noqa: E402
from bot.models import Model, Ranker  # noqa: E402

HELD_OUT = ("new_york_city.txt", "solar_energy.txt", "to_kill_a_mockingbird.txt")
PUNCT = set(string.punctuation) | set("“”‘’—–«»")


def norm(s: str) -> str:
    """SQuAD-style normalisation, as the scorer uses it."""
    s = "".join(ch for ch in s.lower() if ch not in PUNCT)
    return " " + " ".join(w for w in s.split() if w not in {"a", "an", "the"}) + " "


def rows_by_article(squad: Path) -> dict[str, list[dict]]:
    """train10.jsonl is grouped by article; unanswerable rows belong to the article around them."""
    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted((squad / "train10").glob("*.txt"))}
    out: dict[str, list[dict]] = {name: [] for name in docs}
    current = None
    pending: list[dict] = []
    for line in (squad / "train10.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("evidence"):
            current = next(n for n, t in docs.items() if row["evidence"][0] in t)
            out[current] += pending
            pending = []
        if current is None:
            pending.append(row)
        else:
            out[current].append(row)
    return out


def train10_articles(squad: Path) -> dict[str, tuple[Path, list[dict]]]:
    """Every article of train10: its file and its questions."""
    return {name: (squad / "train10" / name, rows) for name, rows in rows_by_article(squad).items()}


def squad_articles(squad: Path) -> dict[str, tuple[Path, list[dict]]]:
    """Every article of train10 and dev25: its file and its questions."""
    out = train10_articles(squad)
    by_doc: dict[str, list[dict]] = {}
    for line in (squad / "dev25.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_doc.setdefault(row["doc"], []).append(row)  # the article's file name
    out |= {name: (squad / "dev25" / name, rows) for name, rows in sorted(by_doc.items())}
    return out


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean and scale models.Model subtracts and divides by (a constant column keeps scale 1)."""
    scaler = StandardScaler().fit(x)
    return scaler.mean_, np.where(scaler.scale_ > 1e-6, scaler.scale_, 1.0)


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, hidden: int = 0) -> dict:
    """Logistic regression (hidden=0) or a one-hidden-layer MLP, as models.Model's JSON."""
    mean, scale = standardise(x)
    z = (x - mean) / scale
    if hidden:
        if weight is not None:  # MLPClassifier takes no weights: balance by resampling instead
            rng = np.random.default_rng(0)
            take = rng.random(len(y)) < weight / weight.max()
            z, y = z[take], y[take]
        m = MLPClassifier((hidden,), alpha=1e-3, max_iter=400, early_stopping=True, random_state=0).fit(z, y)
        layers = [{"w": w.tolist(), "b": b.tolist()} for w, b in zip(m.coefs_, m.intercepts_)]
    else:
        m = LogisticRegression(C=1.0, max_iter=2000).fit(z, y, sample_weight=weight)
        layers = [{"w": m.coef_.T.tolist(), "b": m.intercept_.tolist()}]
    return {"mean": mean.tolist(), "scale": scale.tolist(), "layers": layers}


def without(top: features.Ranked, keep: list[int], score) -> features.Ranked:
    """The ranking as it would be with only the `keep` candidates in the article."""
    f = top.features[keep].copy()
    names = {n: i for i, n in enumerate(features.FEATURES)}
    f[:, names["dense_s_rel"]] = f[:, names["dense_s"]] - f[:, names["dense_s"]].max()
    for col in ("bm25_s_rel", "bm25_p_rel"):
        f[:, names[col]] /= max(float(f[:, names[col]].max()), 1e-6)
    s = score(f)
    order = np.argsort(-s, kind="stable")
    return features.Ranked(top.sentences[keep][order], s[order], f[order], top.kind, top.support)


def answerable_row(ranking: features.Ranked, verified: np.ndarray) -> np.ndarray:
    """What the refusal model reads of a ranking, in ANSWERABLE_FEATURES' order."""
    named = features.answerable_features(ranking, verified)
    return np.array([named[n] for n in features.ANSWERABLE_FEATURES], dtype=np.float32)


@dataclass
class Example:
    """One training question, asked of the index it belongs to: its candidates (not yet scored)
    and its gold answers, normalised ([] for an unanswerable question)."""
    row: dict
    index: Index
    ranked: features.Ranked
    golds: list[str]


class Pairs:
    """The verifier's input for (question, sentence) pairs, each computed once (folds share them).
    `cache`: {(id of the index, question, sentence id): input}, to start from, or to save."""

    def __init__(self, cache: dict[tuple[int, str, int], np.ndarray] | None = None):
        self.cache = {} if cache is None else cache

    def __call__(self, ex: Example, ids: list[int]) -> np.ndarray:
        key = (id(ex.index), ex.row["question"])
        missing = [i for i in ids if (*key, i) not in self.cache]
        if missing:
            texts = [ex.index.text(ex.index.sentences[i]) for i in missing]
            self.cache.update({(*key, i): v for i, v in zip(missing, embed.encode_pairs(ex.row["question"], texts))})
        return np.vstack([self.cache[(*key, i)] for i in ids])


def golds(row: dict) -> list[str]:
    """A question's gold answers, normalised ([] for an unanswerable one)."""
    return [norm(g) for g in [row.get("answer"), *(row.get("alt_answers") or [])] if g]


def examples(idx: Index, rows: list[dict]) -> list[Example]:
    """Each question's candidates and features in the index (they do not depend on the models)."""
    out = []
    for row in rows:
        r = features.featurize(idx, features.Query(row["question"]))
        out.append(Example(row, idx, r, golds(row)))
    return out


def _holds(ex: Example, i: int, unit: str = "sentence") -> bool:
    text = ex.index.text(ex.index.sentences[i]) if unit == "sentence" else ex.index.paragraph_text(ex.index.sentences[i].para)
    return any(g in norm(text) for g in ex.golds)


def _ranked(ex: Example, score) -> features.Ranked:
    s = score(ex.ranked.features)
    order = np.argsort(-s, kind="stable")
    return features.Ranked(ex.ranked.sentences[order], s[order], ex.ranked.features[order], ex.ranked.kind,
                           ex.ranked.support)


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]], hidden: int, seeds: int = 3, epochs: int = 15,
                 mix: float = 0.5) -> dict:
    """A one-hidden-layer MLP that learns to put the answer's sentence first among its question's
    candidates: per question, a softmax over the candidates (the listwise loss) mixed half and half
    with each candidate's own yes/no (what `fit` learns alone), as models.Model's JSON. Measured
    on held-out folds: the answer first 0.759 -> 0.783, but the default article's follow-ups are
    answered less (docs/experiments.md, "A ranker that learns per question"). `seeds` nets are
    averaged in the logit, written as one wider net; the result is then calibrated (a logistic
    regression of its logit) so that its probability means what the pointwise one did: the rules
    and the refusal model read it as one. `groups`: (features, holds the answer?) per question."""
    mean, scale = standardise(np.vstack([x for x, _ in groups]))
    zs = [((x - mean) / scale).astype(np.float32) for x, _ in groups]
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # deterministic, and faster for nets this small
    try:
        nets = [_listwise_net(zs, [y for _, y in groups], hidden, seed, epochs, mix) for seed in range(seeds)]
    finally:
        torch.set_num_threads(threads)  # the caller may embed texts next (bench/crossval.py)
    # the average of the nets' logits is one net with all their hidden units
    layers = [(np.hstack([w1 for w1, _, _, _ in nets]), np.concatenate([b1 for _, b1, _, _ in nets])),
              (np.vstack([w2 for _, _, w2, _ in nets]) / seeds, np.mean([b2 for _, _, _, b2 in nets], axis=0))]
    out = {"mean": mean.tolist(), "scale": scale.tolist(), "layers": [{"w": w.tolist(), "b": b.tolist()} for w, b in layers]}
    # calibrated on each question's best candidate: the score the rules and the refusal model read first
    net = Model.from_json(out)
    read = [(net.logit(x), y) for x, y in groups]
    best = [(float(logit.max()), bool(y[int(np.argmax(logit))])) for logit, y in read]
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(np.array([[v] for v, _ in best]), [h for _, h in best])
    a, c = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    out["layers"][1] = {"w": (layers[1][0] * a).tolist(), "b": (layers[1][1] * a + c).tolist()}
    return out


def _listwise_net(zs: list[np.ndarray], ys: list[np.ndarray], hidden: int, seed: int, epochs: int, mix: float):
    """One net of fit_listwise, trained by Adam in batches of 32 questions; its two layers' weights."""
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(zs[0].shape[1], hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1))
    opt = torch.optim.Adam(net.parameters(), lr=3e-3, weight_decay=1e-4)
    xs = [torch.from_numpy(z) for z in zs]
    ts = [torch.tensor(y, dtype=torch.float32) for y in ys]
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        for batch in np.array_split(rng.permutation(len(xs)), max(1, len(xs) // 32)):
            loss = torch.zeros(())
            for i in batch:
                s = net(xs[i])[:, 0]
                listwise = -(torch.log_softmax(s, 0) * ts[i]).sum() / ts[i].sum()
                pointwise = torch.nn.functional.binary_cross_entropy_with_logits(s, ts[i])
                loss = loss + mix * listwise + (1 - mix) * pointwise
            opt.zero_grad()
            (loss / len(batch)).backward()
            opt.step()
    first, last = net[0], net[2]
    return (first.weight.detach().numpy().T, first.bias.detach().numpy(),
            last.weight.detach().numpy().T, last.bias.detach().numpy())


def _answer_groups(exs: list[Example]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, holds the answer?) of the candidates of each training question that has its answer among them."""
    groups = []
    for ex in exs:
        labels = np.array([_holds(ex, int(i)) for i in ex.ranked.sentences])
        if ex.golds and labels.any():
            groups.append((ex.ranked.features, labels))
    return groups


def fit_ranker(groups: list[tuple[np.ndarray, np.ndarray]], hidden: int, loss: str = "pointwise") -> dict:
    """The ranker, from the training questions whose candidates hold their answer (_answer_groups)."""
    if loss == "listwise":
        if hidden < 1:
            raise SystemExit("--ranker-loss listwise needs --hidden 1 or more")
        ranker = fit_listwise(groups, hidden)
    else:
        ranker = fit(np.vstack([x for x, _ in groups]), np.concatenate([y for _, y in groups]), hidden=hidden)
    ranker["features"] = list(features.FEATURES)
    return ranker


def fit_orderer(groups: list[tuple[np.ndarray, np.ndarray]], hidden: int, top: int) -> dict:
    """The listwise orderer of the ranker's best `top` candidates (models.Ranker), as a models file
    holds it, from the training questions whose candidates hold their answer (_answer_groups)."""
    return {**fit_listwise(groups, hidden), "features": list(features.FEATURES), "top": top}


def fit_verifier(exs: list[Example], tops: list[features.Ranked], pairs: Pairs, k: int, hidden: int,
                 negatives: bool = False) -> dict:
    """The verifier reads question and sentence together: trained on the ranker's best candidates
    (with `negatives`, also those of unanswerable questions, none of which answers)."""
    xs, ys = [], []
    for ex, top in zip(exs, tops):
        if ex.golds or negatives:
            ids = [int(i) for i in top.sentences[:k]]
            xs.append(pairs(ex, ids))
            ys.append([_holds(ex, i) for i in ids])
    return fit(np.vstack(xs), np.concatenate(ys), hidden=hidden)


def _answerable_rows(ex: Example, top: features.Ranked, verified, score: Model, negatives: bool, removed: bool):
    """(features, answerable?) of the question as asked (an unanswerable one with `negatives`), and
    with `removed` as it would be with its answer's sentences, or paragraphs, taken out of the
    article (the topic is still there, the fact is not)."""
    if not ex.golds:
        return [(answerable_row(top, verified(ex, top)), False)] if negatives else []
    out = []
    if any(_holds(ex, int(i)) for i in top.sentences[:3]):  # the quotes hold the answer: answer it
        out.append((answerable_row(top, verified(ex, top)), True))
    for unit in ("sentence", "paragraph") if removed else ():
        keep = [k for k, i in enumerate(top.sentences) if not _holds(ex, int(i), unit)]
        if len(keep) >= 2:
            rest = without(top, keep, score)
            out.append((answerable_row(rest, verified(ex, rest)), False))
    return out


def _half(ex: Example) -> int:
    """Which half of the training data an example is in: by article where the row names it."""
    return zlib.crc32((ex.row.get("doc") or ex.row["question"]).encode()) % 2


def _half_verifiers(exs: list[Example], tops: list[features.Ranked], pairs: Pairs, args) -> list[Model]:
    """Verifiers each trained on one half of the examples, to read the other half: the refusal
    model then learns from readings of questions the verifier never saw, as it meets them."""
    out = []
    for h in (1, 0):  # out[0] reads half 0: trained on half 1
        part = [(ex, top) for ex, top in zip(exs, tops) if _half(ex) == h]
        out.append(Model.from_json(fit_verifier([e for e, _ in part], [t for _, t in part], pairs, args.verify_k,
                                                args.hidden_verifier, args.verifier_negatives)))
    return out


def train(exs: list[Example], args: argparse.Namespace, pairs: Pairs | None = None) -> dict:
    """The ranker, verifier and refusal model learnt from these examples, as ranker.json holds them."""
    pairs = pairs or Pairs()
    groups = _answer_groups(exs)
    out = {"ranker": fit_ranker(groups, args.hidden, args.ranker_loss)}
    if args.order_top:  # the listwise orderer of the ranker's best few (models.Ranker)
        out["orderer"] = fit_orderer(groups, args.hidden, args.order_top)
    # the verifier and the refusal model learn from the pointwise order unless told otherwise: learnt on
    # the orderer's, the refusal model answered less on unseen articles (docs/experiments.md)
    ranking = Ranker.from_json(out if args.refusal_ordered else {"ranker": out["ranker"]})

    def score(x: np.ndarray) -> np.ndarray:
        return ranking.on_columns(x, features.FEATURES)

    tops = [_ranked(ex, score) for ex in exs]
    if args.verifier_from:  # a verifier already trained (it reads question and sentence, not the ranking)
        verifier = json.loads(args.verifier_from.read_text(encoding="utf-8"))["verifier"]
    else:
        verifier = fit_verifier(exs, tops, pairs, args.verify_k, args.hidden_verifier, args.verifier_negatives)
    cross_fit = args.cross_fit and not args.verifier_from  # a kept verifier reads every question itself
    readers = _half_verifiers(exs, tops, pairs, args) if cross_fit else [Model.from_json(verifier)] * 2

    def verified(ex: Example, ranking: features.Ranked) -> np.ndarray:
        return readers[_half(ex)](pairs(ex, [int(i) for i in ranking.sentences[: config.TRAINED.verify_top]]))

    rows = [r for ex, top in zip(exs, tops) if args.reword_refusal or not ex.row.get("reworded")
            for r in _answerable_rows(ex, top, verified, score, args.squad_negatives, args.removed_negatives)]
    names = [n for n in features.ANSWERABLE_FEATURES if n not in args.refusal_without]
    ax = np.vstack([x for x, _ in rows])[:, [features.ANSWERABLE_FEATURES.index(n) for n in names]]
    ay = np.array([y for _, y in rows])
    weight = np.where(ay, 1.0, ay.sum() / max(1, (~ay).sum()))
    answerable = fit(ax, ay, weight, hidden=args.hidden_answerable)
    answerable["features"] = names
    p = Model.from_json(answerable)(ax)
    answerable["threshold"] = float(np.quantile(p[ay], 1 - args.answer_rate))
    print(f"refusal threshold {answerable['threshold']:.3f}: answers {np.mean(p[ay] >= answerable['threshold']):.3f} "
          f"of answerable, refuses {np.mean(p[~ay] < answerable['threshold']):.3f} of the rest", file=sys.stderr)
    return {"settings": asdict(config.TRAINED), **out, "verifier": verifier, "answerable": answerable}


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", type=Path, default=config.ROOT.parent / "shared/eval/squad")
    ap.add_argument("--answer-rate", type=float, default=0.97,
                    help="share of answerable training questions the refusal threshold lets through "
                         "(with SQuAD's negatives, 0.88 answered 0.846 of the answerable questions of unseen articles)")
    ap.add_argument("--hidden", type=int, default=32, help="hidden units of the ranker (0, pointwise only: logistic regression)")
    ap.add_argument("--ranker-loss", choices=("pointwise", "listwise"), default="pointwise",
                    help="the ranker learns each candidate alone, or to put the answer first among its "
                         "question's candidates (fit_listwise)")
    ap.add_argument("--order-top", type=int, default=0, metavar="K",
                    help="also train a listwise orderer that chooses the order of the pointwise ranker's best K "
                         "candidates, which keep their pointwise scores (models.Ranker); 0: none")
    on = argparse.BooleanOptionalAction  # --x / --no-x
    ap.add_argument("--refusal-ordered", action=on, default=False,
                    help="with --order-top, the verifier and the refusal model learn from the orderer's ranking "
                         "(else from the pointwise one's)")
    ap.add_argument("--squad-negatives", action=on, default=False,
                    help="train refusals on SQuAD's own unanswerable questions (crowd-written against the article)")
    ap.add_argument("--removed-negatives", action=on, default=True,
                    help="also on answerable questions whose answer's sentence or paragraph is taken out of the "
                         "article (measured: they teach the refusal model to trust shared words, AUC 0.69 -> 0.59)")
    ap.add_argument("--verifier-negatives", action=on, default=False,
                    help="the verifier learns from unanswerable questions' best candidates too")
    ap.add_argument("--cross-fit", action=on, default=False,
                    help="the refusal model learns from verifier readings of questions that verifier was not trained on")
    ap.add_argument("--reword-refusal", action=on, default=True,
                    help="reworded training questions (bench/answerability.py --reword) teach the refusal model too; "
                         "with --no-reword-refusal, the ranker and verifier only")
    ap.add_argument("--refusal-without", nargs="*", default=[], metavar="FEATURE",
                    help="features the refusal model does not read (features.ANSWERABLE_FEATURES)")
    ap.add_argument("--verify-k", type=int, default=4, help="candidates per question the verifier learns from")
    ap.add_argument("--hidden-verifier", type=int, default=64, help="hidden units of the verifier")
    ap.add_argument("--verifier-from", type=Path, metavar="MODELS",
                    help="keep the verifier of this models file (bot/ranker.json) instead of training one "
                         "(the refusal model then learns its readings: no --cross-fit)")
    ap.add_argument("--hidden-answerable", type=int, default=16, help="hidden units of the refusal model")
    return ap


def main() -> int:
    ap = parser()
    ap.add_argument("--held-out", nargs="+", default=list(HELD_OUT), metavar="ARTICLE",
                    help="articles (file names) kept out of training, for evaluation")
    ap.add_argument("--articles", choices=("train10", "squad"), default="train10",
                    help="learn from train10's articles (the shipped ranker, verifier and refusal model), or from "
                         "all 35 of train10 and dev25, indexed seven at a time as bench/crossval.py's folds are")
    ap.add_argument("--out", type=Path, default=config.ranker_path(), help="where to write the models")
    ap.add_argument("--orderer-for", type=Path, metavar="MODELS",
                    help="train only an orderer (--order-top, default 8) and write MODELS' models with it to --out")
    args = ap.parse_args()

    articles = (squad_articles if args.articles == "squad" else train10_articles)(args.squad)
    train_names = [n for n in articles if n not in args.held_out]
    build = config.ROOT / "build"
    build.mkdir(exist_ok=True)
    suffix = "" if set(args.held_out) == set(HELD_OUT) else "-" + "-".join(Path(n).stem for n in args.held_out)
    with open(build / f"train10_heldout{suffix}.jsonl", "w", encoding="utf-8") as f:
        for name in args.held_out:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in articles[name][1])

    exs = _training_examples(articles, train_names, args.orderer_for is not None)
    if args.orderer_for:  # the shipped models keep their ranker, verifier and refusal model
        models = json.loads(args.orderer_for.read_text(encoding="utf-8"))
        models["orderer"] = fit_orderer(_answer_groups(exs), args.hidden, args.order_top or 8)
        models["orderer"]["trained_on"] = train_names
    else:
        models = {"trained_on": train_names, **train(exs, args)}
    args.out.write_text(json.dumps(models) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def index_groups(names: list[str], most: int = 7) -> list[list[str]]:
    """The articles dealt into as few groups of at most `most` as there can be, each indexed
    together (seven: train10's training articles stay one index, as the shipped models had it)."""
    n = -(-len(names) // most)
    return [names[k::n] for k in range(n)]


def _training_examples(articles: dict[str, tuple[Path, list[dict]]], names: list[str],
                       answerable_only: bool) -> list[Example]:
    """The training questions' examples, their articles indexed together at most seven at a time
    (a fold of bench/crossval.py is seven articles: the features that look across the index, such
    as `absent` and the relative scores, then read as they do there). `answerable_only`: the
    orderer learns from answerable questions alone, so the others are not featurized."""
    tmp = Path(tempfile.mkdtemp(prefix="train-index-"))
    out = []
    for k, group in enumerate(index_groups(names)):
        idx = store.load(store.build([articles[n][0] for n in group], tmp / f"idx{k}"))
        out += examples(idx, [r for n in group for r in articles[n][1] if golds(r) or not answerable_only])
    print(f"training on {len(names)} articles, {len(out)} questions", file=sys.stderr)
    return out


if __name__ == "__main__":
    sys.exit(main())
