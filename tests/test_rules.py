"""rules.py: every hand rule is in one table, named, with a reason, and can be switched off."""
import os
import subprocess
import sys

import pytest

import bot
from bot import rules
from bot.pieces import candidate_spans
from helpers import ROOT


@pytest.fixture
def switches():
    yield rules.switch_off
    rules.switch_off([])


def test_every_rule_is_named_once_with_a_reason():
    assert len(rules.RULES) >= 40
    for name, rule in rules.RULES.items():
        assert rule.name == name and len(rule.reason) > 20, name


def test_a_rule_switched_off_has_no_effect(switches):
    mao = "What did Mao Zedong think of Socialism in One Country?"
    assert bot.answer(mao).reason == "unknown name"
    switches(["unknown_names"])
    assert bot.answer(mao).reason != "unknown name"
    last = "What did Stalin write in the last edition?"  # the article tells of the first and second
    assert bot.answer(last).reason == "opposite"
    switches(["antonym_clash"])
    assert bot.answer(last).found
    period = "What was the period up to 1938 known as?"  # the article: "This period, up to 1928, ..."
    assert bot.answer(period).reason == "opposite"
    switches(["number_swap"])
    assert bot.answer(period).found
    # a cached result that depends on a rule is computed again
    text = "However, Bukharin wrote."
    switches([])
    assert [text[a:b] for a, b in candidate_spans(text, "person")] == ["Bukharin"]
    switches(["linking_words"])
    assert [text[a:b] for a, b in candidate_spans(text, "person")] == ["However", "Bukharin"]


def test_an_unknown_rule_is_a_clear_error(switches):
    with pytest.raises(ValueError, match="no such rule: no_such"):
        switches(["no_such"])


def test_rules_are_switched_off_from_the_environment():
    done = subprocess.run([sys.executable, "-m", "bot", "rules"], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, BOT_RULES_OFF="small_talk,greeting_lead_in"), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "| small_talk | no |" in done.stdout and "| polar_form | yes |" in done.stdout
