"""Short documents made from SQuAD articles, for training and cross-validation: a few consecutive
paragraphs of a dev25 article indexed alone, as a user's upload is, with SQuAD's questions on those
paragraphs (answerable ones and the crowd's unanswerable ones). dev25.squad.json says which
paragraph each question was written on; train10 does not, so its articles give none.

Why: users upload notes, FAQs and recipes of a page or less. Trained on whole Wikipedia articles
only, the refusal model reads a short document's small vocabulary (question words with no near
word in it: the `absent` feature) as "the article does not say" (docs/experiments.md).
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.index import Index  # noqa: E402
from bot.store import load_current  # noqa: E402


def mini_documents(squad: Path, out: Path, per_article: int = 2, paragraphs: int = 3,
                   seed: int = 0) -> dict[str, list[tuple[Path, list[dict]]]]:
    """Per dev25 article (its file name): `per_article` documents of `paragraphs` consecutive
    paragraphs, each written to `out` as ARTICLE-K.txt, with its questions (rows of dev25.jsonl)."""
    out.mkdir(parents=True, exist_ok=True)
    rows = {}
    for line in (squad / "dev25.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[row["id"]] = row
    rng, docs = random.Random(seed), {}
    for article in json.loads((squad / "dev25.squad.json").read_text(encoding="utf-8"))["data"]:
        ids = [q["id"] for p in article["paragraphs"] for q in p["qas"] if q["id"] in rows]
        name = rows[ids[0]]["doc"]  # the article's file in dev25/
        title = (squad / "dev25" / name).read_text(encoding="utf-8").splitlines()[0]  # "[[Title]]"
        ps = article["paragraphs"]
        docs[name] = []
        for k, start in enumerate(rng.sample(range(max(1, len(ps) - paragraphs)), per_article)):
            chosen = ps[start:start + paragraphs]
            path = out / f"{Path(name).stem}-{k}.txt"
            path.write_text(title + "\n\n" + "\n\n".join(p["context"] for p in chosen) + "\n", encoding="utf-8")
            docs[name].append((path, [rows[q["id"]] for p in chosen for q in p["qas"] if q["id"] in rows]))
    return docs


def mini_examples(docs: dict[str, list[tuple[Path, list[dict]]]]) -> dict[str, list]:
    """Per article, its short documents' questions (mini_documents) as training examples
    (train_ranker.Example), each document its own index."""
    from train_ranker import examples

    return {name: [ex for path, rows in made for ex in examples(mini_index(path), rows)] for name, made in docs.items()}


def mini_index(path: Path) -> Index:
    """The document indexed alone (kept beside it, rebuilt when it changed)."""
    return load_current([path], path.with_suffix(".index"))
