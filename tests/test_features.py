"""features.py and checks.py: what the refusal model reads of what a question asks that a sentence lacks."""
import numpy as np

import bot
from bot import features
from bot.lexical import negated


def test_negation_is_seen_in_any_form():
    assert negated("Who did not criticize the theory?")
    assert negated("Which party wasn’t in power?") and negated("He never wrote it.")
    assert not negated("Who criticized the theory?") and not negated("a notable nominee")
    assert negated("NOT in this life") and negated("It cannot be.") and negated("They didn't")
    assert not negated("a knot in the canon") and not negated("Nowhere else")


def test_soft_coverage_of_a_union_is_the_best_of_its_parts():
    # features._dense_columns scores each context from its sentences' best matches
    idx = bot.default_bot().index
    qwords = ["stalin", "theory", "revolution"]
    soft = features._SoftCoverage(idx, qwords, {})
    parts = [np.array(sorted({idx.words[w] for w in ws}), dtype=np.int64)
             for ws in (["stalin", "trotsky"], ["theory"], [])]
    union = np.unique(np.concatenate(parts))
    best = soft.best(parts)
    assert best.shape == (3, 3) and not best[:, 2].any()  # an empty set meets nothing
    assert np.array_equal(soft.scores(best.max(axis=1, keepdims=True)), soft.scores(soft.best([union])))
    assert soft.scores(best)[0, 0] < soft.scores(soft.best([union]))[0, 0]


def test_a_word_the_article_has_is_its_own_best_match():
    idx = bot.default_bot().index
    absent, weakest = features._SoftCoverage(idx, ["stalin", "theory"], {}).support
    assert absent == 0.0 and weakest > 0.99


def _checks(question: str) -> dict[str, float]:
    """The check columns of the sentence that begins 'The theory of Socialism in One Country was
    vigorously criticized' (the article names Zinoviev and Trotsky there)."""
    idx = bot.default_bot().index
    ranked = features.featurize(idx, features.Query(question))
    row = next(k for k, i in enumerate(ranked.sentences)
               if idx.text(idx.sentences[int(i)]).startswith("The theory of Socialism in One Country was vigorously"))
    return {n: float(ranked.features[row, features.FEATURES.index(n)])
            for n in ("miss_s", "miss_p", "number_miss", "neg_q", "neg_s")}


def test_a_question_about_the_sentence_lacks_nothing():
    c = _checks("Who criticized the theory of Socialism in One Country?")
    assert c == {"miss_s": 0.0, "miss_p": 0.0, "number_miss": 0.0, "neg_q": 0.0, "neg_s": 0.0}


def test_a_name_or_number_the_sentence_does_not_have_is_missed():
    # "Bukharin" is a rare word of the article, but not of this sentence or its paragraph
    changed = _checks("Did Bukharin criticize the theory of Socialism in One Country in 1939?")
    assert changed["miss_s"] > 0.5 and changed["number_miss"] == 1.0
    assert _checks("Who did not criticize the theory?")["neg_q"] == 1.0


def test_the_refusal_model_reads_every_candidate_for_the_closest_meaning():
    idx = bot.default_bot().index
    r = features.featurize(idx, features.Query("Who criticized the theory?"))
    r.raw = np.zeros(len(r.sentences), dtype=np.float32)
    got = features.answerable_features(r, np.array([0.5, 0.2], dtype=np.float32))
    assert got["dense_max"] == float(r.features[:, features.FEATURES.index("dense_s")].max())
    assert got["verified"] == 0.5 and got["verified_max"] == 0.5
