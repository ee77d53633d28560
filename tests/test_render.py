"""render.py: replies as markdown, with nothing typed or quoted rendered as markup."""
from bot.render import answer_text, escape_md, refusal_text
from bot.reply import Citation, cited_in

QUOTE = Citation("The defeat ended hopes.", "a.txt", "Background", 10, 33, 0.9)
OTHER = Citation("Stalin wrote <b>it</b>.", "a.txt", "Lead", 40, 63, 0.5)


def test_markup_is_shown_as_text():
    assert escape_md("<script>*x*</script> [a](b)") == r"&lt;script&gt;\*x\*&lt;/script&gt; \[a\](b)"


def test_the_short_answer_leads_and_every_quote_is_located():
    text = answer_text("hopes", [QUOTE, OTHER], "")
    assert text.startswith("**hopes**") and "> The defeat ended hopes." in text and "&lt;b&gt;" in text
    assert cited_in(text) == [("a.txt", 10, 33), ("a.txt", 40, 63)]


def test_the_short_answer_names_the_quote_it_is_part_of():
    assert answer_text("hopes", [QUOTE, OTHER], "").startswith("**hopes** [1]\n")
    text = answer_text("Stalin", [QUOTE, OTHER], "", span_in=1)  # a date or name found in the second quote
    assert text.startswith("**Stalin** [2]\n") and "> The defeat ended hopes." in text


def test_an_answer_that_is_the_whole_first_quote_is_not_printed_twice():
    text = answer_text(QUOTE.quote, [QUOTE, OTHER], "")
    assert text.count("The defeat ended hopes.") == 1 and text.startswith("**The defeat ended hopes.**\n")
    assert cited_in(text) == [("a.txt", 10, 33), ("a.txt", 40, 63)]  # still read back by a follow-up


def test_a_refusal_names_what_the_article_never_mentions():
    text = refusal_text([OTHER], "", ("Mao Zedong",))
    assert text.startswith("**The article does not say.** It never mentions Mao Zedong.")
    assert "Closest, but *not* an answer:" in text


def test_a_refusal_says_which_opposite_the_closest_passage_has():
    text = refusal_text([OTHER], "", (), ("praised", "criticized"))
    assert text.startswith("**The article does not say.** The closest passage says “criticized”, not “praised”.")
    assert "\\*" in refusal_text([], "", (), ("*x*", "y"))  # what the user typed is escaped
    assert "The closest passage says it without “never”." in refusal_text([OTHER], "", (), ("never", ""))
    assert "It never mentions 1974." in refusal_text([OTHER], "", (), ("1974", ""))
    assert "The closest passage says “1753”, not “1735”." in refusal_text([OTHER], "", (), ("1735", "1753"))
