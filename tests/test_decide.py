"""decide.py on a short upload: what the ranker all but rules out is not answered, however sure the
verifier is of it."""
import pytest

import bot
from bot import config
from helpers import ROOT, rules_off

POLICY = ROOT / "bench" / "shortdocs" / "returns_policy.md"
PHONE = "What is the phone number of customer service?"  # the page gives an email address, no number


@pytest.fixture(scope="module")
def policy_bot(tmp_path_factory):
    from bot.store import build

    return bot.Bot.load(build([POLICY], tmp_path_factory.mktemp("policy") / "index"))


def test_a_question_the_ranker_all_but_rules_out_is_refused(policy_bot):
    r = policy_bot.answer(PHONE)
    assert not r.found and r.reason == "model" and r.span == ""
    assert max(c.score for c in r.closest) < config.RANKER_FLOOR


def test_the_ranker_floor_switched_off_lets_the_verifier_answer(policy_bot):
    with rules_off("ranker_floor"):
        assert policy_bot.answer(PHONE).found  # "print the prepaid label": what the rule is for


def test_the_floor_leaves_an_answer_the_ranker_finds(policy_bot):
    r = policy_bot.answer("How long do refunds take?")
    assert r.found and r.span == "5 to 7 business days"
