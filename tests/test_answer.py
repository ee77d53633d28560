import json
from pathlib import Path

import pytest

import bot
from bot.conversation import is_followup
from bot.questions import answer_kind
from helpers import ARTICLE, assert_faithful

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"


@pytest.fixture(scope="module")
def raws(raw):
    return {ARTICLE.name: raw}


def test_factoid_with_short_answer_and_citation(raws):
    r = bot.answer("On what date did Stalin write his Response to Comrade Ivanov?")
    assert_faithful(r, raws)
    assert r.found and r.span == "14 February 1938"
    c = r.citations[0]
    assert c.section == "Relation to Leninism" and c.source == ARTICLE.name and "Response to Comrade Ivanov" in c.quote
    assert len(c.quote.split()) < 60  # a sentence, not a page
    assert r.text.startswith("**14 February 1938**") and "Relation to Leninism" in r.text
    assert [c.score for c in r.citations] == sorted((c.score for c in r.citations), reverse=True)


@pytest.mark.parametrize("question", ["How do I bake sourdough bread?", "What is the boiling point of mercury?",
                                      "What is the capital of Hungary?", "Where was Stalin born?"])
def test_refuses_when_the_article_is_silent(raws, question):
    r = bot.answer(question)
    assert_faithful(r, raws)
    assert not r.found and r.span == "" and not r.citations
    assert r.text.startswith("**The article does not say.**")


def test_a_quote_says_what_was_said_not_half_of_it(raws):
    # "Engels wrote:" introduces a quotation in the next paragraph: the quote runs on into it
    r = bot.answer("What did Engels write about the revolution?")
    assert_faithful(r, raws)
    first = r.citations[0]
    assert first.quote.startswith("On the question of socialist construction") and "Will it be possible" in first.quote
    # ...and a first quote that stops inside a quotation is followed by the quotation's source line,
    # glued to its closing mark here (paragraphs later)
    assert r.citations[1].quote == "Friedrich Engels, The Principles of Communism, 1847"
    # a quotation opened in a sentence runs on until it closes (at most two more sentences)
    r = bot.answer("What did Lenin call sages who think they are very clever?")
    assert_faithful(r, raws)
    assert r.citations[0].quote.startswith("Again, in 1918") and "deserting the revolution" in r.citations[0].quote
    # its source, in brackets after the closing mark, one sentence past the quote's end
    assert r.citations[1].quote.startswith("(Speech delivered at a joint meeting") and "Vol. 23" in r.citations[1].quote
    # the quotation's last sentence closes it (opens nothing) and brings its source, glued to it, along
    r = bot.answer("What range will the revolution have, according to Engels?")
    assert_faithful(r, raws)
    assert r.citations[0].quote.startswith("It is a universal revolution")
    assert r.citations[0].quote.endswith('universal range."Friedrich Engels, The Principles of Communism, 1847')
    # a first quote from inside a quotation that an earlier sentence opens is followed by that
    # sentence, which says whose words they are
    r = bot.answer("Who wrote that the victory of socialism is possible first in several or even in one capitalist country?")
    assert_faithful(r, raws)
    assert r.citations[0].quote.startswith("Hence, the victory of socialism is possible")
    assert r.citations[1].quote.startswith('In his 1915 article "On the Slogan for a United States of Europe", Lenin stated')
    assert r.span == "Lenin"  # "Hence," opening the first quote is no name


@pytest.mark.parametrize("question,expected", [
    ("Which newspaper was comrade Ivanof's question mailed to?", "Pravda"),
    ("What did Buharin elaborate in April 1925?", "Bukharin elaborated"),
    ("Who criticized the theory together with Trotzky?", "Zinoviev"),
    # two letters swapped, the commonest slip, count as one edit
    ("When did Stailn write his response to comrade Ivanov?", "14 February 1938"),
    ("Where did Enegls expect the revolution to go slowest?", "slowest"),
])
def test_misspelled_names(raws, question, expected):
    r = bot.answer(question)
    assert_faithful(r, raws)
    assert r.found and any(expected in c.quote for c in r.citations)


@pytest.mark.parametrize("as_parts", [False, True])
def test_followup_uses_the_conversation(raws, as_parts):
    first = "What did Stalin write in February 1938?"
    r1 = bot.answer(first)
    assert r1.found
    content = (lambda t: [{"type": "text", "text": t}]) if as_parts else (lambda t: t)
    history = [{"role": "user", "content": content(first)}, {"role": "assistant", "content": content(r1.text)}]
    r2 = bot.answer("Into how many parts did he split the question in it?", history)
    assert_faithful(r2, raws)
    assert r2.found and "two parts" in r2.citations[0].quote


def test_a_followup_may_stand_on_the_last_quotes(raws):
    first = "What did the Comintern shift towards in 1925-6?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": bot.answer(first).text}]
    r = bot.answer("What was this period called?", history)
    assert_faithful(r, raws)
    assert r.found and r.span == "Second Period"


@pytest.mark.parametrize("followup", ["When was he born?", "When did he die?"])
def test_a_followup_the_article_does_not_answer_is_refused(raws, followup):
    # ranked with the earlier question, the sentence about Bukharin looks right, and it has dates;
    # the verifier, reading the follow-up itself, is all but sure it does not say
    first = "Who elaborated the theory in 1925?"
    r1 = bot.answer(first)
    assert r1.found and "Bukharin" in r1.span
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": r1.text}]
    r = bot.answer(followup, history)
    assert_faithful(r, raws)
    assert not r.found and not r.citations and r.text.startswith("**The article does not say.**")
    # ...while one it does answer is answered
    r = bot.answer("In which brochure did he do so?", history)
    assert r.found and "Can We Build Socialism in One Country" in r.citations[0].quote


def test_that_at_a_questions_end_points_back(raws):
    # "that article" is the article of the last answer; read alone, the question would be about
    # the sentence that says "All-Russian" (the 1918 speech)
    assert not is_followup("What is the name of the theory that Stalin proposed?")
    first = "When was the position adopted as state policy?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": bot.answer(first).text}]
    r = bot.answer("What was the Russian title of that article?", history)
    assert_faithful(r, raws)
    assert r.found and "(К вопросам ленинизма)" in r.citations[0].quote


def test_history_junk_is_ignored(raws):
    junk = [None, 3, {"role": "system", "content": "say hi"}, {"role": "user"}, {"content": "x"}]
    r = bot.answer("On what date did Stalin write his Response to Comrade Ivanov?", junk)
    assert r.span == "14 February 1938"


def test_every_dev_reply_keeps_the_contract(raws):
    rows = [json.loads(l) for l in DEV.read_text(encoding="utf-8").splitlines() if l.strip()]
    for row in rows:
        history = []
        for prev in row.get("history") or []:
            history += [{"role": "user", "content": prev}, {"role": "assistant", "content": bot.answer(prev).text}]
        assert_faithful(bot.answer(row["question"], history), raws)


@pytest.mark.parametrize("question,sections", [
    ("Does the See also section point to anything about state capitalism?", {"See also"}),
    ("What work is listed under Further reading?", {"Further reading"}),
    ("What is quoted in the Background section about 1915?", {"Background"}),
    ("What was Stalin's background?", set()),   # one-word heading: only with "section"
    ("What links Stalin to Bukharin?", set()),   # "External links" needs both words, in a row
])
def test_questions_that_name_a_section(question, sections):
    from bot.retrieve import named_sections

    idx = bot.default_bot().index
    assert {idx.paragraphs[i].section for i in named_sections(idx, question)} == sections


def test_answer_from_the_named_section(raws):
    r = bot.answer("Does the See also section point to anything about state capitalism?")
    assert_faithful(r, raws)
    assert r.citations[0].section == "See also" and r.citations[0].quote == "State capitalism"
    # a reference shares no word with the question; the section named and the verifier suffice
    r = bot.answer("What work is listed under Further reading?")
    assert_faithful(r, raws)
    assert r.found and r.citations[0].section == "Further reading" and "Leninism" in r.citations[0].quote
    r = bot.answer("Which related topics does the See also section list?")  # a list: any item may answer
    assert_faithful(r, raws)
    assert r.found and {c.section for c in r.citations} == {"See also"}


def test_naming_a_section_does_not_make_a_question_answerable():
    r = bot.answer("Where was Stalin born, according to the See also section?")
    assert not r.found and not r.citations


@pytest.mark.parametrize("question,kind", [
    ("Which writings of Engels does the article name?", "title"),
    ("What book did Stalin publish in 1924?", "title"),
    ("Into how many parts did he split the question?", "number"),
    ("Who criticized the theory?", "person"),
    ("Which team won Super Bowl 50?", "entity"),
    ("When did Stalin reply?", "date"),
])
def test_what_a_question_asks_for(question, kind):
    assert answer_kind(question) == kind


@pytest.mark.parametrize("question,expected", [
    ("On what date did Lennin give the 1918 speech?", "On what date did Lenin give the 1918 speech?"),
    ("What did Buharin write?", "What did Bukharin write?"),
    ("Was it discussed in Paris?", "Was it discussed in Paris?"),   # 'parts' is no name
    ("Where was Stalin born?", "Where was Stalin born?"),
    ("Did the Workers or the Society agree?", "Did the Workers or the Society agree?"),  # words it uses
])
def test_misspelled_names_are_respelled_from_the_article(question, expected):
    from bot.lexical import respell_names

    index = bot.default_bot().index
    assert respell_names(question, index.names, index.word_cases) == expected


@pytest.mark.parametrize("question,expected", [
    ("What did Mao Zedong think of the theory?", ["Mao Zedong"]),
    ("Mao Zedong: what did he think of it?", ["Mao Zedong"]),          # the first word, in a name
    ("Did Déjà Vu or Superbowl come up?", ["Déjà Vu", "Superbowl"]),
    ("What did Stalin's Response to Comrade Ivanov say?", []),
    ("Where was Stalin born?", []),                                    # 'born' is no name
    ("Did the USSR or the MVPs agree?", []),                           # acronyms are left alone
    ("What did the Background section say about Germany?", []),        # headings count
    ("Was Engels' text from the Principles of Communism?", []),
    ("Did Frederick Engels write On Social Relations in Russia?", []),
    ("What is the Third Period?", ["Third Period"]),                  # it only has the Second Period
    ("What was the Second Period?", []),
    ("What was the Stalin Period?", ["Stalin Period"]),
    ("Why did Comrade Ivanov write to Pravda?", []),                   # 'comrade Ivanov': case aside
    ("Was Stalin's Foundations of Leninism first?", []),               # a possessive ends a name
    ("When Did Stalin Write His Response To Comrade Ivanov?", []),     # a headline's capitals name nothing
])
def test_names_the_article_never_uses(question, expected):
    from bot.lexical import unknown_names

    index = bot.default_bot().index
    assert unknown_names(question, index.mentioned, index.written_together) == expected


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
    ("So-called socialism in one country: who named it?", "So-called socialism in one country: who named it?"),
    ('"Foundations of Leninism" came out when?', '"Foundations of Leninism" came out when?'),
])
def test_a_question_is_read_without_what_people_put_before_it(question, expected):
    from bot.questions import plain_question

    assert plain_question(question) == expected


def test_a_question_after_a_lead_in_is_answered_as_without(raws):
    r = bot.answer("Can you tell me who elaborated the theory in 1925?")  # "who" asks for a person
    assert_faithful(r, raws)
    assert r.found and r.span == "Nikolai Bukharin"  # not "Joseph Stalin", who put it forth


def test_a_request_is_answered_as_the_question_it_stands_for(raws):
    r = bot.answer("Tell me about Socialism in One Country.")  # not the External links line that names it
    assert_faithful(r, raws)
    assert r.found and r.citations[0].quote.startswith("Socialism in One Country was a theory put forth")


@pytest.mark.parametrize("greeting", ["Hello!", "hi there", "Thanks a lot", "Good morning"])
def test_a_greeting_gets_a_word_on_what_to_ask_not_a_refusal(greeting):
    r = bot.answer(greeting)
    assert not r.found and not r.citations and not r.closest and r.span == ""
    assert r.text.startswith("Ask me a question about *Socialism in One Country*")


def test_a_question_in_title_case_is_answered(raws):
    r = bot.answer("When Did Stalin Write His Response To Comrade Ivanov?")  # not "It never mentions Write"
    assert_faithful(r, raws)
    assert r.found and r.span == "14 February 1938"


def test_a_question_about_someone_the_article_never_names_is_refused_saying_so(raws):
    r = bot.answer("What did Mao Zedong think of Socialism in One Country?")
    assert_faithful(r, raws)
    assert not r.found and not r.citations and r.closest
    assert r.text.startswith("**The article does not say.** It never mentions Mao Zedong.")


@pytest.mark.parametrize("question", ["What is Socialism in One Country?", "What was Socialism in One Country?",
                                      "What is this article about?"])
def test_what_is_x_is_answered_with_the_sentence_that_says_what_x_is(raws, question):
    # not the External links line "Marxist.com on 'Socialism in one country'", which names it best
    r = bot.answer(question)
    assert_faithful(r, raws)
    assert r.found and r.citations[0].section == "Lead"
    assert r.citations[0].quote.startswith("Socialism in One Country was a theory put forth by Joseph Stalin")
    assert r.span.startswith("a theory put forth by Joseph Stalin in 1924") and r.span.endswith("state policy")


def test_a_long_article_is_asked_what_it_is_about(monkeypatch, raws):
    # past SCORE_ALL_BELOW sentences the candidates come from search, which "this article" does
    # not lead to the lead: the first paragraph is added when the question asks what it is about
    from bot import config

    for name, value in [("SCORE_ALL_BELOW", 0), ("DENSE_CANDIDATES", 3), ("LEXICAL_CANDIDATES", 3),
                        ("PARAGRAPH_CANDIDATES", 1)]:
        monkeypatch.setattr(config, name, value)
    r = bot.answer("What is this article about?")
    assert_faithful(r, raws)
    assert r.found and r.citations[0].quote.startswith("Socialism in One Country was a theory")


@pytest.mark.parametrize("question,subject", [
    ("What was the Comintern?", "Comintern"),
    ("Who were Zinoviev and Trotsky?", "Zinoviev and Trotsky"),
    ("What is this article about?", "Socialism in One Country"),   # the title
    ("What is the capital of Hungary and who governs it from the old royal palace?", None),  # too long
    ("What did Stalin write?", None),
    ("What was it?", None),     # a follow-up about the last answer: not "It was ..." anywhere
    ("Who was he?", None),
])
def test_what_a_question_asks_to_be_defined(question, subject):
    from bot.questions import definition, definition_subject

    assert definition_subject(question, "Socialism in One Country") == subject
    def said(subject, text):
        where = definition(subject, text)
        return where and text[slice(*where)]

    assert said("Socialism in One Country", "Socialism in One Country was a theory put forth.") == "a theory put forth"
    assert said("Comintern", "The Comintern (the Communist International) was an organisation.") == "an organisation"
    assert said("Frank Shuman", "Frank Shuman, a U.S. inventor, built a plant.") == "a U.S. inventor"
    assert definition("Comintern", "Stalin led the Comintern, which was an organisation.") is None


ENGELS = ("It will develop in each of the these countries more or less rapidly, according as one country or the "
          "other has a more developed industry, greater wealth, a more significant mass of productive forces. Hence, "
          "it will go slowest and will meet most obstacles in Germany, most rapidly and with the fewest difficulties "
          "in England.")


@pytest.mark.parametrize("question,answer", [
    # the asked type (here: a place) narrows the choice; the reader picks among the pieces of it
    ("Where would the revolution go slowest?", "Germany"),
    ("Where would the revolution meet the fewest difficulties?", "England"),
    # no type asked: the reader's own span, somewhere inside the answer
    ("What would make the revolution develop more rapidly in a country?",
     "a more developed industry, greater wealth, a more significant mass of productive forces"),
])
def test_short_answer_is_the_piece_the_reader_points_at(question, answer):
    from bot.spans import short_answer

    a, b = short_answer(ENGELS, answer_kind(question), question)
    assert ENGELS[a:b] in answer
    assert (a == 0 or not ENGELS[a - 1].isalnum()) and (b == len(ENGELS) or not ENGELS[b].isalnum())  # whole words


def test_why_and_how_are_answered_with_the_sentence(raws):
    r = bot.answer("Why did the defeat of revolutions in Germany and Hungary matter to the Bolsheviks?")
    assert_faithful(r, raws)
    assert r.found and r.span == r.citations[0].quote and "ended Bolshevik hopes" in r.span
    from bot.spans import short_answer

    assert short_answer(ENGELS, "number", "How many countries at least?") is not None  # "how many" wants a number
    purpose = "For what purpose would a country need more productive forces?"
    assert short_answer(ENGELS, answer_kind(purpose), purpose) is None  # a purpose is a reason


QUOTES_LENIN = ('Stalin quotes Lenin that "we have everything necessary to construct the complete socialism" and '
                'claims that despite the claims of Trotsky, Zinoviev and Kamenev, the socialist society has for the '
                'most part been indeed constructed.')


@pytest.mark.parametrize("question,text,answer", [
    # someone's exact words: the quotation, not a name beside it
    ("What were Lenin's exact words, as Stalin quotes them?", QUOTES_LENIN,
     "we have everything necessary to construct the complete socialism"),
    # a quotation the quote opens but does not close (it goes on past the quote) runs to its end
    ("What exactly did he write in 1918?", "In 1918 he wrote, “They do not suspect that they are deserting the revolution.",
     "They do not suspect that they are deserting the revolution"),
    # which chapter or volume: the numbered part, not the work's name
    ("Which chapter of the book?", "Duncan Hallas The Comintern, chapter 5", "chapter 5"),
    ("In which volume of the Collected Works is the speech?", "(Collected Works, Vol. 23, p. 9.)", "Vol. 23"),
    # a title may be one word, and a title is whole
    ("Which newspaper was the question sent to?", "Comrade Ivan Ivanov sent his question to Pravda.", "Pravda"),
    ("Which book is listed?", "Concerning questions of Leninism", "Concerning questions of Leninism"),
    # a name written surname first, as references do, is whole: not "Leon" out of "Trotsky, Leon"
    ("Who wrote The Draft Program of the Communist International?", "The Draft Program of the Communist "
     "International: A Criticism of Fundamentals, Trotsky, Leon, 1928 (also known as \"The Third International After "
     "Lenin\")", "Trotsky, Leon"),
    # what something is, said right after its name anywhere in the sentence, not only at its start
    ("What was the Comintern?", "1925-6 signaled a shift from the immediate activity of the Comintern, the "
     "Communist International, from world revolution towards a defense of the Soviet state.", "the Communist International"),
    ("What was Osnovy Leninizma?", "In the first edition of the book Osnovy Leninizma (Foundations of Leninism, "
     "1924), Stalin was still a follower of Vladimir Lenin's idea.", "Foundations of Leninism"),
])
def test_short_answer_takes_the_form_asked_for(question, text, answer):
    from bot.spans import short_answer

    a, b = short_answer(text, answer_kind(question), question)
    assert text[a:b] == answer


def test_where_a_quotation_closes():
    from bot.questions import quotation_close

    text = 'Engels wrote:\n\n:"Will it be? No. It is a “universal” range."Friedrich Engels, 1847. Later "more".'
    for inside in ("Will", "No.", "universal", "range"):
        assert text[quotation_close(text, text.index(inside)):].startswith("Friedrich Engels, 1847")
    for outside in ("Engels wrote", "Friedrich", "Later"):  # no quotation open there
        assert quotation_close(text, text.index(outside)) is None
    assert quotation_close('He said "never closed', 12) is None


def test_quotations_open_where_a_word_would_start():
    from bot.questions import candidate_spans

    # the quotation's last words close it; what follows the mark is its source, not words quoted
    closing = 'which will likewise have a universal range."Friedrich Engels, The Principles of Communism, 1847'
    assert [closing[a:b] for a, b in candidate_spans(closing, "quotation")] == []
    opening = 'On the question, Engels wrote: "Will it be possible'
    assert [opening[a:b] for a, b in candidate_spans(opening, "quotation")] == ["Will it be possible"]


def test_a_linking_word_opening_a_sentence_is_no_name():
    from bot.questions import candidate_spans

    def names(text):
        return [text[a:b] for a, b in candidate_spans(text, "person")]

    assert names("Hence, the victory of socialism is possible, Lenin wrote.") == ["Lenin"]
    assert names("Stalin quotes Lenin, then Bukharin") == ["Stalin", "Lenin", "Bukharin"]
    assert names("Joseph Stalin, the leader, wrote.") == ["Joseph Stalin"]
    assert names("Bukharin, however, wrote.") == ["Bukharin"]
    assert names("However, Bukharin wrote.") == ["Bukharin"]
    assert names("Then Anderson ran.") == ["Anderson"]


def test_who_said_it_asks_for_a_name_outside_the_words_quoted():
    from bot.questions import answer_form, candidate_spans

    assert answer_form('Who wrote "Will it be possible?"', "person") == "speaker"
    assert answer_form("Who criticized the theory?", "person") == "person"
    text = 'Stalin wrote: "Trotsky, Zinoviev and Kamenev became spies", citing Lenin'
    assert [text[a:b] for a, b in candidate_spans(text, "speaker")] == ["Stalin", "Lenin"]
    # the first quote is all words quoted; the name is in the second, the quotation's source line
    r = bot.answer('Who wrote "Will it be possible for this revolution to take place in one country alone?"')
    assert r.citations[1].quote == "Friedrich Engels, The Principles of Communism, 1847"
    assert r.span == "Friedrich Engels"


def test_who_was_x_is_answered_with_what_is_said_of_x():
    # "Who was X?" asks what X was: what a definition says ("Frank Shuman, a U.S. inventor, ..."),
    # else the whole sentence; never another name out of it ("Comrade Ivanov" for "Who was Stalin?")
    from bot.spans import short_answer

    text = "In his Response to Comrade Ivanov, Stalin splits the question in two parts."
    assert short_answer(text, "person", "Who was Stalin?") is None
    text = "Frank Shuman, a U.S. inventor, built a solar engine."
    assert text[slice(*short_answer(text, "person", "Who is Frank Shuman?"))] == "a U.S. inventor"
    # a role is no name: who holds it is the answer
    text = "Roger Goodell is the Commissioner of the National Football League."
    question = "Who is the Commissioner of the National Football League?"
    assert text[slice(*short_answer(text, "person", question))] == "Roger Goodell"
    text = "Denver linebacker Von Miller was named the MVP."
    assert text[slice(*short_answer(text, "person", "Who was the MVP?"))] == "Von Miller"


def test_a_name_asked_for_may_be_no_name():
    # "which classes" reads like a question for a name, but this answer has no capitals: the
    # reader's own span wins over the only name in the sentence, which it scores far lower
    from bot.spans import short_answer

    text = "In all civilized countries, Engels wrote, bourgeoisie and proletariat have become the decisive classes."
    question = "Which two classes had become decisive?"
    a, b = short_answer(text, answer_kind(question), question)
    assert text[a:b] == "bourgeoisie and proletariat"


def test_short_answer_never_repeats_the_question():
    from bot.spans import short_answer

    text = "Stalin wrote his reply on 14 February 1938."
    a, b = short_answer(text, "date", "What did Stalin write on 14 February 1938?")
    assert text[a:b] != "14 February 1938"


def test_a_missing_reader_is_reported(tmp_path):
    from bot.spans import load_reader

    with pytest.raises(RuntimeError, match="train_reader.py"):
        load_reader(tmp_path / "reader.onnx")


def test_a_yes_or_no_question_is_answered_by_the_whole_sentence():
    from bot.spans import short_answer

    text = "The theory of Socialism in One Country was vigorously criticized by Grigory Zinoviev and Leon Trotsky."
    for polar in ("Was the theory criticized?", "Did anyone criticize the theory?"):
        assert short_answer(text, answer_kind(polar), polar) is None  # no word of it says yes or no
    # ...but a question offering choices, or asking who, wants the name
    for question in ("Was it Zinoviev or Stalin who criticized the theory?", "Who criticized the theory?"):
        a, b = short_answer(text, answer_kind(question), question)
        assert "Zinoviev" in text[a:b] and len(text[a:b]) < len(text) / 2


def test_a_short_answer_of_the_type_asked_may_come_from_the_second_quote():
    from bot.spans import short_answer_in

    quotes = ['On the question of socialist construction in a single country, Engels wrote: "Will it be possible?',
              "Friedrich Engels, The Principles of Communism, 1847"]
    question = "In which year did Engels write it?"
    n, a, b = short_answer_in(quotes, answer_kind(question), question)
    assert (n, quotes[n][a:b]) == (1, "1847")  # the first quote has no year
    dated = ["In 1847 Engels wrote it down.", quotes[1]]
    n, a, b = short_answer_in(dated, answer_kind(question), question)
    assert (n, dated[n][a:b]) == (0, "1847")   # the first quote's own year comes first
    question = "What did Engels write?"        # no type asked: the first quote is read
    assert short_answer_in(quotes, answer_kind(question), question)[0] == 0


def test_a_short_answer_does_not_stop_inside_a_quotation_it_opens():
    from bot.spans import _whole_words

    text = 'formulated as an answer to a question of a "comrade Ivanov" mailed to Pravda newspaper'
    a = text.index("a \"comrade")
    assert text[slice(*_whole_words(text, a, text.index("Ivanov") + 3))] == 'a "comrade Ivanov"'  # word, then mark
    long = 'he wrote "' + "very " * 20 + 'long words" then'
    a, b = _whole_words(long, 3, 14)
    assert long[a:b] == 'wrote "very'  # its closing mark is too far: the span is not grown to a page
