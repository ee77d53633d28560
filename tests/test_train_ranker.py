"""scripts/train_ranker.py's ranker fits, on small made-up data: what the listwise loss learns that
the pointwise one cannot, and that what it writes is a model the bot reads."""
import json
import sys

import numpy as np
import pytest

from bot.models import Model
from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import train_ranker  # noqa: E402


def questions(n: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per question, ten candidates; the answer's is the one with the most of feature 0 *among its
    question's candidates*, while each question shifts every candidate's feature 0 by its own
    amount (as a question's overall closeness to an article does): a candidate's value alone says
    little, its rank in the list says all."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        x = rng.normal(size=(10, 3)).astype(np.float32)
        x[:, 0] += rng.normal(scale=3.0)
        y = np.zeros(10, dtype=bool)
        y[int(np.argmax(x[:, 0] + rng.normal(scale=0.3, size=10)))] = True
        out.append((x, y))
    return out


def first_is_answer(model: Model, test) -> float:
    return float(np.mean([y[int(np.argmax(model(x)))] for x, y in test]))


@pytest.fixture(scope="module")
def listwise():
    return train_ranker.fit_listwise(questions(300, 0), hidden=8, seeds=1, epochs=10)


def test_the_listwise_ranker_puts_the_answer_first_where_the_pointwise_one_cannot(listwise):
    train, test = questions(300, 0), questions(200, 1)
    pointwise = train_ranker.fit(np.vstack([x for x, _ in train]), np.concatenate([y for _, y in train]), hidden=8)
    assert first_is_answer(Model.from_json(listwise), test) > first_is_answer(Model.from_json(pointwise), test) + 0.1


def test_the_listwise_ranker_is_one_model_the_bot_reads_with_calibrated_first_scores(listwise):
    model = Model.from_json(json.loads(json.dumps(listwise)))  # as ranker.json stores it
    train = questions(300, 0)
    best = [(float(model(x).max()), bool(y[int(np.argmax(model(x)))])) for x, y in train]
    # calibrated on each question's best candidate: its probability is about how often it holds the answer
    assert abs(np.mean([p for p, _ in best]) - np.mean([hit for _, hit in best])) < 0.05


def test_three_seeds_are_written_as_one_wider_net_and_training_repeats_exactly():
    data = questions(60, 2)
    once = train_ranker.fit_listwise(data, hidden=4, seeds=3, epochs=2)
    assert np.asarray(once["layers"][0]["w"]).shape == (3, 12)
    assert once == train_ranker.fit_listwise(data, hidden=4, seeds=3, epochs=2)


def test_training_articles_are_indexed_at_most_seven_together():
    seven = [f"a{i}.txt" for i in range(7)]
    assert train_ranker.index_groups(seven) == [seven]  # train10's seven: one index, as the shipped models learnt
    groups = train_ranker.index_groups([f"a{i:02}.txt" for i in range(27)])
    assert [len(g) for g in groups] == [7, 7, 7, 6]
    assert sorted(n for g in groups for n in g) == [f"a{i:02}.txt" for i in range(27)]
