"""retrieve.py: which sentences rank first, and the sections a question names."""
import dataclasses

import pytest

import bot
from bot import config
from bot.retrieve import named_sections
from helpers import ARTICLE, assert_faithful


@pytest.mark.parametrize("question,sections", [
    ("Does the See also section point to anything about state capitalism?", {"See also"}),
    ("What work is listed under Further reading?", {"Further reading"}),
    ("What is quoted in the Background section about 1915?", {"Background"}),
    ("What was Stalin's background?", set()),   # one-word heading: only with "section"
    ("What links Stalin to Bukharin?", set()),   # "External links" needs both words, in a row
])
def test_questions_that_name_a_section(question, sections):
    idx = bot.default_bot().index
    assert {idx.paragraphs[i].section for i in named_sections(idx, question)} == sections


def test_a_long_article_is_asked_what_it_is_about(monkeypatch, raw):
    # past score_all_below sentences the candidates come from search, which "this article" does
    # not lead to the lead: the first paragraph is added when the question asks what it is about
    bot.default_bot()  # the models are loaded (and checked against the settings) before these change
    few = dataclasses.replace(config.TRAINED, score_all_below=0, dense_candidates=3, lexical_candidates=3,
                              paragraph_candidates=1)
    monkeypatch.setattr(config, "TRAINED", few)
    r = bot.answer("What is this article about?")
    assert_faithful(r, {ARTICLE.name: raw})
    assert r.found and r.citations[0].quote.startswith("Socialism in One Country was a theory")
