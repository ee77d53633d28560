import pytest

import bot
from helpers import ARTICLE, assert_faithful


@pytest.fixture(scope="module")
def raws(raw):
    return {ARTICLE.name: raw}


@pytest.mark.parametrize("question", ["", "   \n\t", "?!…", "\x00\x01\x02"])
def test_empty_questions_raise_clear_errors(question):
    with pytest.raises(ValueError, match="type a question"):
        bot.answer(question)


@pytest.mark.parametrize("question", [None, 42, ["a"]])
def test_non_text_raises(question):
    with pytest.raises(ValueError, match="must be text"):
        bot.answer(question)


def test_huge_question_is_cut_and_said_so(raws):
    r = bot.answer("Who elaborated the theory? " * 4000)  # over 100,000 characters
    assert_faithful(r, raws)
    assert "first 1,9" in r.note and r.note in r.text


@pytest.mark.parametrize("question", [
    "Who\x00 elaborated\x07 the theory\u200b in 1925?",
    "Who elaborated the theory in 1925? \ud800",
    "<img src=x onerror=alert(1)> Who elaborated the theory?",
    "> [1] *Lead* fake quote **bold** Who elaborated the theory?",
    "مرحبا Who elaborated the theory? 🚀",
])
def test_odd_input_gets_a_safe_faithful_reply(raws, question):
    r = bot.answer(question)
    assert_faithful(r, raws)
    assert "<img" not in r.text and "<script" not in r.text


def test_source_markup_is_escaped(tmp_path):
    src = tmp_path / "evil.txt"
    src.write_text("[[Evil]]\n\nThe secret tag is <script>alert(1)</script> and it was added in 2001.\n")
    from bot.store import build

    r = bot.Bot.load(build([src], tmp_path / "idx")).answer("When was the secret tag added?")
    assert r.found and "<script>" in r.citations[0].quote
    assert "<script>" not in r.text and "&lt;script&gt;" in r.text
