"""quote.py: a quote says what was said, not half of it, and who said it and where."""
import bot
from helpers import ARTICLE, assert_faithful


def quotes(question: str, raw: str) -> list[str]:
    r = bot.answer(question)
    assert_faithful(r, {ARTICLE.name: raw})
    return [c.quote for c in r.citations]


def test_a_quote_runs_on_into_the_quotation_it_introduces(raw):
    # "Engels wrote:" introduces a quotation in the next paragraph: the quote runs on into it, and
    # stopping inside the quotation, is followed by its source line, glued to its closing mark
    first, source, *_ = quotes("What did Engels write about the revolution?", raw)
    assert first.startswith("On the question of socialist construction") and "Will it be possible" in first
    assert source == "Friedrich Engels, The Principles of Communism, 1847"


def test_a_quotation_opened_in_a_sentence_runs_on_until_it_closes(raw):
    first, source, *_ = quotes("What did Lenin call sages who think they are very clever?", raw)
    assert first.startswith("Again, in 1918") and "deserting the revolution" in first
    # its source, in brackets after the closing mark, one sentence past the quote's end
    assert source.startswith("(Speech delivered at a joint meeting") and "Vol. 23" in source


def test_the_last_sentence_of_a_quotation_brings_its_source_along(raw):
    first = quotes("What range will the revolution have, according to Engels?", raw)[0]
    assert first.startswith("It is a universal revolution")
    assert first.endswith('universal range."Friedrich Engels, The Principles of Communism, 1847')


def test_a_quote_inside_a_quotation_is_followed_by_the_sentence_that_opens_it(raw):
    # which sentence of the quotation comes first is the ranker's and the reader's choice (spans.reader_first)
    first, opening, *rest = quotes("Who wrote that the victory of socialism is possible first in several or even in "
                                   "one capitalist country?", raw)
    assert any(q.startswith("Hence, the victory of socialism is possible") for q in (first, *rest))
    assert opening.startswith('In his 1915 article "On the Slogan for a United States of Europe", Lenin stated')
