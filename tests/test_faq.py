"""An FAQ upload: a question the document asks is quoted by its answer, then cited itself
(quote._answer_to, rule answer_follows), in each form an FAQ writes its questions: bold lines,
'Q:'/'A:' lines."""
import pytest

import bot
from bot.store import build
from helpers import ROOT, assert_faithful, rules_off

FAQ = ROOT / "tests" / "data" / "yoga_faq.md"


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    return bot.Bot.load(build([FAQ], tmp_path_factory.mktemp("faq") / "index"))


@pytest.mark.parametrize("question,answer,asked", [
    ("Do I have to bring a mat?", "No. Mats, blocks and straps are provided free of charge, but you are welcome "
     "to bring your own.", "Do I need to bring my own mat?"),
    ("Can I take a shower?", "A: Yes, there are two showers, and towels can be hired for £2.",
     "Q: Can I shower after class?"),
])
def test_the_answer_is_quoted_and_then_the_question_it_answers(studio, question, answer, asked):
    reply = studio.answer(question)
    assert_faithful(reply, {FAQ.name: FAQ.read_text(encoding="utf-8")})
    assert reply.found and [c.quote for c in reply.citations[:2]] == [answer, asked]
    with rules_off("answer_follows"):  # the question the document asks is then the first quote
        assert studio.answer(question).citations[0].quote == asked


def test_a_question_the_document_asks_is_not_an_answer_to_it(studio):
    reply = studio.answer("How early should I get there?")
    assert reply.span == "Please arrive ten minutes before the class starts so you can check in and settle."


def test_an_answer_is_embedded_with_the_question_it_answers():
    """faq.asked: the question just before a sentence (its paragraph's or the paragraph before's),
    else its section's heading when that is a question; none after a new section or for the
    question itself, and none for a question in quotation marks (someone's words)."""
    from bot import faq
    from bot.sources import parse
    from bot.store import _split

    text = ("# Help\n\n**How do I book?**\nUse the app. It is free.\n\nOpening times vary.\n\n"
            "## Is there Wi-Fi?\n\nThe password is on your badge.\n\n## Rules\n\n"
            'He asked: "Is it safe?" Nobody knew.\n')
    doc = parse("help.md", text)
    paragraphs, sentences = _split([doc])
    texts = [text[s.start:s.end] for s in sentences]
    got = dict(zip(texts, faq.asked(paragraphs, sentences, texts)))
    assert got == {"How do I book?": None, "Use the app.": "How do I book?", "It is free.": "How do I book?",
                   "Opening times vary.": None, "The password is on your badge.": "Is there Wi-Fi?",
                   'He asked: "Is it safe?"': None, "Nobody knew.": None}
    with rules_off("faq_reading"):
        assert faq.asked(paragraphs, sentences, texts) == [None] * len(texts)
