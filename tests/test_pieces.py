"""pieces.py and quotations.py: pieces of a type in a sentence, and where quotations open and close."""
from bot.pieces import candidate_spans
from bot.quotations import quotation_close


def pieces(text: str, kind: str) -> list[str]:
    return [text[a:b] for a, b in candidate_spans(text, kind)]


def test_a_linking_word_opening_a_sentence_is_no_name():
    assert pieces("Hence, the victory of socialism is possible, Lenin wrote.", "person") == ["Lenin"]
    assert pieces("Stalin quotes Lenin, then Bukharin", "person") == ["Stalin", "Lenin", "Bukharin"]
    assert pieces("Joseph Stalin, the leader, wrote.", "person") == ["Joseph Stalin"]
    assert pieces("Bukharin, however, wrote.", "person") == ["Bukharin"]
    assert pieces("However, Bukharin wrote.", "person") == ["Bukharin"]
    assert pieces("Then Anderson ran.", "person") == ["Anderson"]


def test_a_name_is_whole_words_even_lowercase_led():
    # SQuAD's iPod article: "Tunes Store" and "Pod Touch" were cut out of words (15 exact matches)
    assert pieces("She released it on the iTunes Store without any warning.", "entity") == ["She", "iTunes Store"]
    assert pieces("Apple sold the iPod Touch and the iPhone in 2007.", "entity") == ["Apple", "iPod Touch", "iPhone"]
    assert pieces("Sellers use eBay and Etsy a lot.", "entity") == ["Sellers", "eBay and Etsy"]
    assert pieces("the songstress wrote it", "entity") == []  # no capital: no name


def test_a_speaker_is_a_name_outside_the_words_quoted():
    text = 'Stalin wrote: "Trotsky, Zinoviev and Kamenev became spies", citing Lenin'
    assert pieces(text, "speaker") == ["Stalin", "Lenin"]


def test_dates_numbers_parts_and_titles():
    assert pieces("He wrote it on 14 February 1938, and again in the 1920s.", "date") == ["14 February 1938", "1920s"]
    assert pieces("He split the question in two parts and 25 percent.", "number") == ["two parts", "25 percent"]
    assert pieces("(Collected Works, Vol. 23, p. 9.)", "part") == ["Vol. 23", "p. 9"]
    assert pieces("Concerning questions of Leninism", "title") == ["Concerning questions of Leninism"]


def test_quotations_open_where_a_word_would_start():
    # the quotation's last words close it; what follows the mark is its source, not words quoted
    closing = 'which will likewise have a universal range."Friedrich Engels, The Principles of Communism, 1847'
    assert pieces(closing, "quotation") == []
    opening = 'On the question, Engels wrote: "Will it be possible'
    assert pieces(opening, "quotation") == ["Will it be possible"]


def test_where_a_quotation_closes():
    text = 'Engels wrote:\n\n:"Will it be? No. It is a “universal” range."Friedrich Engels, 1847. Later "more".'
    for inside in ("Will", "No.", "universal", "range"):
        assert text[quotation_close(text, text.index(inside)):].startswith("Friedrich Engels, 1847")
    for outside in ("Engels wrote", "Friedrich", "Later"):  # no quotation open there
        assert quotation_close(text, text.index(outside)) is None
    assert quotation_close('He said "never closed', 12) is None
