"""questions.py: what a question asks for and how it is read."""
import pytest

from bot.questions import answer_form, answer_kind, clean_question, definition, definition_subject, plain_question


@pytest.mark.parametrize("question,kind", [
    ("Which writings of Engels does the article name?", "title"),
    ("What book did Stalin publish in 1924?", "title"),
    ("Into how many parts did he split the question?", "number"),
    ("What does a latte cost?", "number"),            # a price asked is a number, as "how much"
    ("What was the price of oil in March of 1974?", "number"),
    ("What does the fee cover?", "other"),
    ("Who criticized the theory?", "person"),
    ("Which team won Super Bowl 50?", "entity"),
    ("When did Stalin reply?", "date"),
    ("Why did he write it?", "other"),
])
def test_what_a_question_asks_for(question, kind):
    assert answer_kind(question) == kind


@pytest.mark.parametrize("question,expected", [
    ("Can you tell me when Stalin wrote his response?", "when Stalin wrote his response?"),
    ("Hi, could you please tell me who criticized the theory", "who criticized the theory"),
    ("I'd like to know who elaborated the theory.", "who elaborated the theory."),
    ("Does the article say who edited Pravda?", "who edited Pravda?"),
    ("Could you explain to me why Stalin used Lenin's quotes?", "why Stalin used Lenin's quotes?"),
    ("Tell me about the Comintern.", "What is the Comintern?"),
    ("Please describe the theory", "What is the theory?"),
    ("Summarize the article.", "What is the article?"),
    ("Does the See also section point to anything?", "Does the See also section point to anything?"),
    ("Can you tell me?", "Can you tell me?"),                 # nothing after it: left as it is
    ("Can Stalin's theory work?", "Can Stalin's theory work?"),
    ("Hello, who criticized the theory?", "who criticized the theory?"),
    ("And the second?", "And the second?"),
    ("So-called socialism in one country: who named it?", "So-called socialism in one country: who named it?"),
    ('"Foundations of Leninism" came out when?', '"Foundations of Leninism" came out when?'),
])
def test_a_question_is_read_without_what_people_put_before_it(question, expected):
    assert plain_question(question) == expected


@pytest.mark.parametrize("question,subject", [
    ("What was the Comintern?", "Comintern"),
    ("Who were Zinoviev and Trotsky?", "Zinoviev and Trotsky"),
    ("What is this article about?", "Socialism in One Country"),   # the title
    ("What is the capital of Hungary and who governs it from the old royal palace?", None),  # too long
    ("What did Stalin write?", None),
])
def test_what_a_question_asks_to_be_defined(question, subject):
    assert definition_subject(question, "Socialism in One Country") == subject


def test_where_a_sentence_says_what_something_is():
    def said(subject, text):
        where = definition(subject, text)
        return where and text[slice(*where)]

    assert said("Socialism in One Country", "Socialism in One Country was a theory put forth.") == "a theory put forth"
    assert said("Comintern", "The Comintern (the Communist International) was an organisation.") == "an organisation"
    assert said("Frank Shuman", "Frank Shuman, a U.S. inventor, built a plant.") == "a U.S. inventor"
    assert definition("Comintern", "Stalin led the Comintern, which was an organisation.") is None


@pytest.mark.parametrize("question,kind,form", [
    ('Who wrote "Will it be possible?"', "person", "speaker"),
    ("Who criticized the theory?", "person", "person"),
    ("Why did Stalin reject it?", "other", "sentence"),
    ("Was the theory criticized?", "other", "sentence"),
    ("Was it Zinoviev or Stalin who criticized it?", "person", "person"),  # choices offered: a name
    ("Who was Stalin?", "person", "sentence"),
    ("Who was the MVP?", "person", "person"),                       # a role is no name
    ("What were Lenin's exact words?", "other", "quotation"),
    ("Which chapter of the book?", "title", "part"),
    ("When does the library close?", "date", "day"),                 # a date, else a weekday or a time
    ("What time does the coach leave?", "date", "day"),
    ("What date was Opening Night held?", "date", "date"),           # a date: not 'Monday'
])
def test_the_form_a_short_answer_takes(question, kind, form):
    assert answer_form(question, kind) == form


def test_a_question_is_cleaned_and_cut_with_a_note(monkeypatch):
    assert clean_question("Who\x00 elaborated\x1b the theory?")[0] == "Who elaborated the theory?"
    monkeypatch.setenv("BOT_MAX_QUESTION_CHARS", "20")  # read when asked, not at import
    text, note = clean_question("Who elaborated the theory of socialism in one country?")
    assert text == "Who elaborated the" and "first 18 characters" in note
    with pytest.raises(ValueError, match="type a question"):
        clean_question(" ?! ")
    with pytest.raises(ValueError, match="must be text"):
        clean_question(None)
