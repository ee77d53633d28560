"""features.py and checks.py: what the refusal model reads of what a question asks that a sentence lacks."""
import json

import numpy as np
import pytest

import bot
from bot import features, rules
from bot.checks import opposite
from bot.lexical import negated, stem, uncontracted
from helpers import ROOT, rules_off


def test_negation_is_seen_in_any_form():
    assert negated("Who did not criticize the theory?")
    assert negated("Which party wasn’t in power?") and negated("He never wrote it.")
    assert not negated("Who criticized the theory?") and not negated("a notable nominee")
    assert negated("NOT in this life") and negated("It cannot be.") and negated("They didn't")
    assert not negated("a knot in the canon") and not negated("Nowhere else")


def test_a_contracted_not_is_read_as_not():
    assert uncontracted("Why weren't they gained?") == "Why were not they gained?"
    assert uncontracted("He can't, won’t and didn't.") == "He can not, will not and did not."
    assert uncontracted("The ant's nest") == "The ant's nest"


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


RETURNS = """# Returns

## How to return

Start a return from the Orders page and print the label. Refunds are issued within 5 to 7 business days
after we receive the item.
"""


@pytest.fixture(scope="module")
def returns_index(tmp_path_factory):
    from bot.store import build, load

    src = tmp_path_factory.mktemp("returns") / "returns.md"
    src.write_text(RETURNS, encoding="utf-8")
    return load(build([src], src.parent / "index"))


@pytest.mark.parametrize("question,absent", [
    ("How long does a refund take?", 1 / 3),       # 'take' only: 'long' asks for a measure
    ("And how many days does a refund take?", 1 / 4),  # a follow-up's measure word too
    ("What does a refund take long?", 2 / 3),        # 'long' opens no measure question here
])
def test_a_measure_word_is_never_absent(returns_index, question, absent):
    assert features.featurize(returns_index, features.Query(question)).support[0] == pytest.approx(absent)


def test_a_measure_word_is_absent_with_the_rule_off(returns_index):
    with rules_off("measure_words"):
        assert features.featurize(returns_index, features.Query("How long does a refund take?")).support[0] == pytest.approx(2 / 3)


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


def test_a_word_turned_into_its_opposite_is_found():
    said = "Complexity theory is interested in how algorithms scale with an increase in the input size."
    assert opposite("How do algorithms scale with a decrease in the input size?", [said]) == ("decrease", "increase")
    assert opposite("How do algorithms scale with an increase in the input size?", [said]) is None
    # the question asks both ways: nothing is turned
    assert opposite("Does an increase or a decrease of the input size matter?", [said]) is None
    assert opposite("Are bigger inputs more or less work?", ["Bigger inputs take more work."]) is None
    # another sentence to be quoted says what was asked: the best one is not the article's only word
    assert opposite("How do algorithms scale with a decrease in the input size?",
                    [said, "A decrease in the input size makes it faster."]) is None


def test_a_word_written_inside_a_longer_one_is_not_turned_round():
    said = "In a breakdown, call the number on the key fob rather than a local garage, or the repair may not be covered."
    asked = "Who should I call if the van breaks down?"
    assert opposite(asked, [said]) is None  # 'breaks' is in 'breakdown': 'repair' turns nothing round
    with rules_off("antonym_in_longer_word"):
        assert opposite(asked, [said]) == ("breaks", "repair")
    # a comparative is the same word: a sentence contrasting 'poor' and 'richer' still clashes with 'rich'
    assert opposite("Who spends more, a rich person?", ["A poor person spends more than a richer one."]) == ("rich", "poor")


def test_an_opposite_counts_only_when_the_rest_of_the_question_is_the_sentence():
    said = "Prices increased in 1925."
    assert opposite("Did prices decrease?", [said]) == ("decrease", "increased")
    # three words the sentence lacks: a reworded question, not one word turned
    assert opposite("Why did the rents of farmers decrease?", [said]) is None


def test_a_not_the_sentence_does_not_say_is_found():
    said = "The revolutions in Germany and Hungary failed."
    assert opposite("Which revolutions did not fail?", [said]) == ("not", "")
    assert opposite("Which revolutions never failed?", [said]) == ("never", "")
    assert opposite("Which revolutions failed?", [said]) is None
    assert opposite("Which revolutions did not fail?", ["The revolutions did not fail."]) is None


def test_a_number_the_article_never_writes_is_found():
    said = "Most influential was the definition of Turing machines by Alan Turing in 1936."
    article = frozenset({"1936", "turing", "machin", "defin"})
    assert opposite("What did Alan Turing define in 1974?", [said], article) == ("1974", "")
    assert opposite("What did Alan Turing define in 1936?", [said], article) is None
    assert opposite("What did Alan Turing define in 1974?", [said], article | {"1974"}) is None
    assert opposite("What did Alan Turing define in the 1970s?", [said], article) is None  # "the 1970s" has other spellings
    # two words the sentence lacks besides the number: a reworded question, not a number changed
    assert opposite("Which paper did Alan Turing publish in 1974?", [said], article) is None


def test_a_number_swapped_for_one_the_sentence_writes_is_found():
    said = "In the spring of 1753, Paul Marin was given command of a 2,000-man force."
    rare, often = (lambda word: True), (lambda word: False)
    asked = "Who was given command in the spring of 1735?"
    assert opposite(asked, [said], None, rare) == ("1735", "1753")  # the sentence's number most like it
    assert opposite(asked, [said], None, often) is None  # the article's subject: "Super Bowl 50"
    assert opposite(asked, [said, "Marin wrote of 1735."], None, rare) is None  # another quote has it
    assert opposite(asked, ["In the spring Paul Marin was given command."], None, rare) is None  # no number to swap
    assert opposite("Who was given command in the spring of 1753?", [said], None, rare) is None
    # two words the sentence lacks besides the number may differ, not three
    assert opposite("Who received the troops' orders in the spring of 1735?", [said], None, rare) is None


def test_a_not_on_a_word_the_sentence_says_plainly_is_found():
    said = "Articles 1 to 4 generally require that workers can take up employment and not suffer discrimination."
    # the sentence's 'not' is on "suffer", the question's on "generally require"
    assert opposite("What did articles 1 to 4 not generally require of workers?", [said]) == ("not", "")
    assert opposite("Who did not suffer discrimination?", [said]) is None
    assert opposite("What did articles 1 to 4 generally require of workers?", [said]) is None
    # the word itself, a few words after the sentence's 'not'
    assert opposite("What part of the area was not damaged?", ["None of the Olympic venues were damaged."]) is None
    assert opposite("What part of the area was not damaged?", ["It wasn't the venues that were damaged."]) is None


def test_a_measure_word_is_no_word_the_sentence_lacks():
    said = "Britain gained French Canada, colonies of 80,000 French residents."
    asked = "How many French colonists were not gained by the British?"  # lacks 'colonists' and 'British' only
    assert opposite(asked, [said]) == ("not", "")
    with rules_off("measure_words"):
        assert opposite(asked, [said]) is None  # 'many' lacked too: three words, a reworded question


def test_a_non_the_sentence_drops_is_found():
    said = "The Muslim Brotherhood is a movement founded in Egypt."
    assert opposite("What type of movement is the non-Muslim Brotherhood?", [said]) == ("non-Muslim", "Muslim")
    assert opposite("What type of movement is the non Muslim Brotherhood?", [said]) == ("non Muslim", "Muslim")
    assert opposite("What type of movement is the Muslim Brotherhood?", [said]) is None
    # the sentence says it too, as written or in the plural
    assert opposite("Which non-profit runs schools?", ["Only non-profits run schools."]) is None
    assert opposite("Which non-profit runs schools?", ["Only trusts run schools.", "Nonprofit schools are rare."]) is None
    # the sentence says 'not' itself: "not done publicly" may be the question's "non public"
    assert opposite("When is a non public act civil disobedience?", ["An act not done in public is no civil disobedience."]) is None
    assert opposite("What non-Chinese empire came first?", ["The first empire came from the north."]) is None  # no X


def test_an_opposite_is_not_seen_with_its_rule_off():
    try:
        rules.switch_off(["antonym_clash"])
        assert opposite("Did prices decrease?", ["Prices increased in 1925."]) is None
        assert opposite("Which revolutions did not fail?", ["The revolutions failed."]) == ("not", "")
        rules.switch_off(["negation_clash", "negation_scope"])
        assert opposite("Which revolutions did not fail?", ["The revolutions failed."]) is None
        assert opposite("Is the non-Muslim Brotherhood a movement?", ["The Muslim Brotherhood is a movement."]) == (
            "non-Muslim", "Muslim")
        said = "Articles 1 to 4 generally require employment and not discrimination."
        rules.switch_off(["negation_clash"])
        assert opposite("What did articles 1 to 4 not generally require?", [said]) == ("not", "")
        rules.switch_off(["negation_clash", "negation_scope"])
        assert opposite("What did articles 1 to 4 not generally require?", [said]) is None
        rules.switch_off(["non_prefix_clash"])
        assert opposite("Is the non-Muslim Brotherhood a movement?", ["The Muslim Brotherhood is a movement."]) is None
        assert opposite("Who failed in 1735?", ["They failed in 1753."], None, lambda word: True) == ("1735", "1753")
        rules.switch_off(["number_swap"])
        assert opposite("Who failed in 1735?", ["They failed in 1753."], None, lambda word: True) is None
    finally:
        rules.switch_off([])


def test_the_antonym_table_is_wordnets_both_ways_by_stem():
    table = json.loads((ROOT / "bot" / "antonyms.json").read_text(encoding="utf-8"))
    assert stem("decrease") in table[stem("increase")] and stem("informal") in table[stem("formal")]
    assert all(k in table[a] for k, v in table.items() for a in v)
    assert not any(k in v for k, v in table.items())
    # a short adjective's comparative and superlative, which the light stem leaves as they are
    assert "largest" in table["smallest"] and "higher" in table["lower"] and "oldest" in table["youngest"]


def test_a_superlative_turned_into_its_opposite_is_found():
    said = "The Rhine is the longest river in Germany."
    assert opposite("What is the shortest river in Germany?", [said]) == ("shortest", "longest")
