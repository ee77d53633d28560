"""retrieve.py: which sentences rank first, and the sections a question names."""
import dataclasses

import pytest

import bot
from bot import config
from bot.retrieve import named_sections
from bot.store import build
from helpers import ARTICLE, assert_faithful, rules_off


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


def test_a_heading_of_one_word_and_an_article_is_named_only_as_a_section(tmp_path):
    # on an upload "The trip" and "Cost" are headings; "How much does the trip cost?" asks about
    # the trip as a whole, not about what its section says
    doc = tmp_path / "trip.md"
    doc.write_text("# School trip\n\n## The trip\n\nYear 5 will visit the museum on Friday.\n\n"
                   "## Cost\n\nThe trip costs 12 pounds per child.\n", encoding="utf-8")
    idx = bot.Bot.load(build([doc], tmp_path / "index")).index
    assert named_sections(idx, "How much does the trip cost?") == frozenset()
    assert {idx.paragraphs[i].section for i in named_sections(idx, "What does the trip section say?")} == {"The trip"}


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


def test_what_the_article_is_about_is_its_first_sentence_however_worded(tmp_path):
    # a lead that says no "X is/was ...": what the article is about is still its first sentence
    src = tmp_path / "quake.txt"
    src.write_text("[[Valley earthquake]]\n\nThe Valley earthquake, measured at magnitude 7.9, struck the river "
                   "valley at dawn on 3 May 1911. Rescue teams reached the villages two days later.\n\n"
                   "== Damage ==\n\nMost stone houses collapsed, and the old bridge fell into the river. "
                   "The railway line stayed closed for a month.\n")
    from bot.store import build

    b = bot.Bot.load(build([src], tmp_path / "idx"))
    r = b.answer("What is this article about?")
    assert_faithful(r, {src.name: src.read_text()})
    assert r.found and r.citations[0].quote.startswith("The Valley earthquake, measured at magnitude 7.9")
    with rules_off("article_lead"):
        off = b.answer("What is this article about?")
    assert not (off.found and off.citations[0].quote.startswith("The Valley earthquake"))  # the rule is what does it


def test_the_orderer_reorders_questions_asked_alone_and_not_follow_ups():
    from bot.features import Query
    from bot.models import Ranker
    from bot.retrieve import rank

    idx, models = bot.default_bot().index, bot.default_bot().models
    pointwise = models.ranker.pointwise
    # an orderer that reverses the pointwise order of the best three: its logit is minus the ranker's
    last_w, last_b = pointwise.layers[-1]
    backwards = dataclasses.replace(pointwise, layers=pointwise.layers[:-1] + ((-last_w, -last_b),))
    ordered = dataclasses.replace(models, ranker=Ranker(pointwise, backwards, top=3))
    plain = dataclasses.replace(models, ranker=Ranker(pointwise))
    question = "Who criticised the theory?"
    alone, alone_plain = rank(idx, Query(question), ordered), rank(idx, Query(question), plain)
    assert list(alone.sentences[:3]) == list(alone_plain.sentences[:3][::-1])
    assert list(alone.scores[:3]) == list(alone_plain.scores[:3])  # the pointwise scores, kept in order
    followup = Query(question, "What was Socialism in One Country?")
    assert list(rank(idx, followup, ordered).sentences) == list(rank(idx, followup, plain).sentences)
    with rules_off("followup_pointwise"):
        assert list(rank(idx, followup, ordered).sentences[:3]) != list(rank(idx, followup, plain).sentences[:3])
