#!/usr/bin/env python3
"""Train the sentence ranker and the refusal model, and write bot/ranker.json.

Data: the SQuAD v2.0 articles in ../shared/eval/squad/train10, all but the three held out for
evaluation (new_york_city, solar_energy, to_kill_a_mockingbird); Super Bowl 50 is never used.
  ranker      small MLP (32 hidden units): does this candidate sentence contain the crowd answer?
  verifier    small MLP on MiniLM's token states of "question [SEP] sentence": is the answer in it?
  answerable  small MLP on the best sentences: answerable question (1), or answerable ones whose
              answer sentences or paragraphs were taken out (0; with --squad-negatives also
              SQuAD's own unanswerable ones).
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
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dataclasses import asdict  # noqa: E402

from bot import config, embed, features, store  # noqa: E402
from bot.models import Model  # noqa: E402

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


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, hidden: int = 0) -> dict:
    """Logistic regression (hidden=0) or a one-hidden-layer MLP, as models.Model's JSON."""
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 1e-6, scaler.scale_, 1.0)
    z = (x - scaler.mean_) / scale
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
    return {"mean": scaler.mean_.tolist(), "scale": scale.tolist(), "layers": layers}


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", type=Path, default=config.ROOT.parent / "shared/eval/squad")
    ap.add_argument("--answer-rate", type=float, default=0.97,
                    help="share of answerable training questions the refusal threshold must let through")
    ap.add_argument("--hidden", type=int, default=32, help="hidden units of the ranker (0: logistic regression)")
    ap.add_argument("--squad-negatives", action="store_true",
                    help="also train refusals on SQuAD's own unanswerable questions (adversarial rewrites)")
    ap.add_argument("--verify-k", type=int, default=4, help="candidates per question the verifier learns from")
    ap.add_argument("--hidden-verifier", type=int, default=64, help="hidden units of the verifier")
    ap.add_argument("--hidden-answerable", type=int, default=16, help="hidden units of the refusal model")
    ap.add_argument("--held-out", nargs="+", default=list(HELD_OUT), metavar="ARTICLE",
                    help="articles (file names) kept out of training, for evaluation")
    ap.add_argument("--out", type=Path, default=config.ranker_path(), help="where to write the models")
    args = ap.parse_args()

    articles = rows_by_article(args.squad)
    train_names = [n for n in articles if n not in args.held_out]
    build = config.ROOT / "build"
    build.mkdir(exist_ok=True)
    suffix = "" if set(args.held_out) == set(HELD_OUT) else "-" + "-".join(Path(n).stem for n in args.held_out)
    with open(build / f"train10_heldout{suffix}.jsonl", "w", encoding="utf-8") as f:
        for name in args.held_out:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in articles[name])

    tmp = Path(tempfile.mkdtemp(prefix="train-index-"))
    store.build([args.squad / "train10" / n for n in train_names], tmp / "idx")
    idx = store.load(tmp / "idx")
    rows = [r for n in train_names for r in articles[n]]
    print(f"training on {len(train_names)} articles, {len(rows)} questions", file=sys.stderr)
    ranked, xs, ys = [], [], []
    for row in rows:
        r = features.featurize(idx, features.Query(row["question"]))
        golds = [norm(g) for g in [row.get("answer"), *(row.get("alt_answers") or [])] if g]
        texts = [norm(idx.text(idx.sentences[i])) for i in r.sentences]
        labels = np.array([any(g in t for g in golds) for t in texts])
        ranked.append((row, r, golds))
        if golds and labels.any():
            xs.append(r.features)
            ys.append(labels)
    ranker = fit(np.vstack(xs), np.concatenate(ys), hidden=args.hidden)
    ranker["features"] = list(features.FEATURES)
    score = Model.from_json(ranker)

    # The verifier reads question and sentence together: trained on the ranker's best candidates.
    tops, pair_x, pair_y, pairs = [], [], [], []
    for row, r, golds in ranked:
        s = score(r.features)
        order = np.argsort(-s, kind="stable")
        top = features.Ranked(r.sentences[order], s[order], r.features[order], r.kind, r.support)
        tops.append(top)
        cache = {}
        if golds:
            ids = [int(i) for i in top.sentences[:args.verify_k]]
            feats = embed.encode_pairs(row["question"], [idx.text(idx.sentences[i]) for i in ids])
            cache = dict(zip(ids, feats))
            pair_x.append(feats)
            pair_y.append([any(g in norm(idx.text(idx.sentences[i])) for g in golds) for i in ids])
        pairs.append(cache)
    verifier = fit(np.vstack(pair_x), np.concatenate(pair_y), hidden=args.hidden_verifier)
    vmodel = Model.from_json(verifier)

    def verified(question: str, ranking: features.Ranked, cache: dict) -> np.ndarray:
        ids = [int(i) for i in ranking.sentences[: config.TRAINED.verify_top]]
        missing = [i for i in ids if i not in cache]
        if missing:
            cache.update(zip(missing, embed.encode_pairs(question, [idx.text(idx.sentences[i]) for i in missing])))
        return vmodel(np.vstack([cache[i] for i in ids]))

    ax, ay, hits = [], [], []
    for (row, _, golds), top, cache in zip(ranked, tops, pairs):
        q = row["question"]
        if not golds:
            if args.squad_negatives:
                ax.append(answerable_row(top, verified(q, top, cache)))
                ay.append(False)
        else:
            texts = [norm(idx.text(idx.sentences[i])) for i in top.sentences[:3]]
            hits.append([any(g in t for g in golds) for t in texts])
            if any(hits[-1]):  # answerable, and the quotes hold the answer: this should be answered
                ax.append(answerable_row(top, verified(q, top, cache)))
                ay.append(True)
            # The same question where the article no longer says: its answer's sentences taken
            # out (the topic is still there, the fact is not), or its answer's paragraphs.
            for unit in ("sentence", "paragraph"):
                keep = [k for k, i in enumerate(top.sentences)
                        if not any(g in norm(idx.text(idx.sentences[i]) if unit == "sentence" else
                                             idx.paragraph_text(idx.sentences[i].para)) for g in golds)]
                if len(keep) >= 2:
                    rest = without(top, keep, score)
                    ax.append(answerable_row(rest, verified(q, rest, cache)))
                    ay.append(False)
    ax_a, ay_a = np.vstack(ax), np.array(ay)
    weight = np.where(ay_a, 1.0, ay_a.sum() / max(1, (~ay_a).sum()))
    answerable = fit(ax_a, ay_a, weight, hidden=args.hidden_answerable)
    answerable["features"] = list(features.ANSWERABLE_FEATURES)
    p = Model.from_json(answerable)(ax_a)
    answerable["threshold"] = float(np.quantile(p[ay_a], 1 - args.answer_rate))

    hits_a = np.array(hits)
    print(f"train hit@1 {hits_a[:, 0].mean():.3f} hit@3 {hits_a.any(axis=1).mean():.3f}; "
          f"refusal threshold {answerable['threshold']:.3f}: answers {np.mean(p[ay_a] >= answerable['threshold']):.3f} "
          f"of answerable, refuses {np.mean(p[~ay_a] < answerable['threshold']):.3f} of the rest", file=sys.stderr)
    args.out.write_text(json.dumps({"trained_on": train_names, "settings": asdict(config.TRAINED), "ranker": ranker, "verifier": verifier,
                                    "answerable": answerable}) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
