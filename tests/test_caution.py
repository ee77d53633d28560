"""Caution (config.caution, BOT_CAUTION): how readily the bot refuses, on the default article."""
import pytest

import bot
from helpers import ARTICLE

RIVALS = "Which three rivals did Stalin brush aside in the 1938 reply, branding them traitors?"  # reworded
ENGELS = "From which work by Engels is the long passage in the article taken?"


@pytest.fixture(scope="module")
def index():
    return bot.default_bot().index


def test_no_caution_answers_what_the_model_would_refuse(index):
    assert bot.answer(RIVALS).reason == "model"  # the trained balance refuses this rewording
    r = bot.Bot(index, caution=0).answer(RIVALS)
    raw = ARTICLE.read_text(encoding="utf-8")
    assert r.found and r.citations and all(raw[c.start:c.end] == c.quote for c in r.citations)


def test_more_caution_refuses_what_the_trained_balance_answers(index):
    assert bot.answer(ENGELS).found
    r = bot.Bot(index, caution=3).answer(ENGELS)
    assert not r.found and r.reason == "model" and r.span == ""


def test_hand_rules_refuse_whatever_the_caution(index):
    r = bot.Bot(index, caution=0).answer("What did Obama say about Trotsky?")
    assert not r.found and r.reason == "unknown name"


@pytest.mark.parametrize("value", ["-1", "lots", "nan", "inf"])
def test_a_caution_that_is_no_level_is_a_clear_error(index, monkeypatch, value):
    with pytest.raises(ValueError, match="caution must be a number of 0 or more"):
        bot.Bot(index, caution=value)
    monkeypatch.setenv("BOT_CAUTION", value)
    with pytest.raises(ValueError, match=f"BOT_CAUTION must be a number of 0 or more .*{value!r}"):
        bot.Bot(index)


def test_the_environment_sets_the_caution(index, monkeypatch):
    monkeypatch.setenv("BOT_CAUTION", "0")
    assert bot.Bot(index).answer(RIVALS).found
