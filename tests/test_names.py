"""names.py: names respelt into the article's, and names the article never uses."""
import pytest

import bot
from bot.names import respell_names, unknown_names
from helpers import rules_off


@pytest.fixture(scope="module")
def lexicon():
    return bot.default_bot().index.lexicon


@pytest.mark.parametrize("question,expected", [
    ("On what date did Lennin give the 1918 speech?", "On what date did Lenin give the 1918 speech?"),
    ("What did Buharin write?", "What did Bukharin write?"),
    ("Was it discussed in Paris?", "Was it discussed in Paris?"),   # 'parts' is no name
    ("Where was Stalin born?", "Where was Stalin born?"),
    ("Did the Workers or the Society agree?", "Did the Workers or the Society agree?"),  # words it uses
])
def test_misspelled_names_are_respelled_from_the_article(lexicon, question, expected):
    assert respell_names(question, lexicon.names, lexicon.word_cases) == expected


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
    ("Did Stalin write it on Saturdays?", []),                         # days and months are dates
    ("What did Stalin say in his January Response?", []),              # nor pairs with them
    ("Did Stalin write about Mars?", ["Mars"]),                        # no month, though 'Mar' is
])
def test_names_the_article_never_uses(lexicon, question, expected):
    assert unknown_names(question, lexicon.mentioned, lexicon.written_together) == expected


def test_days_and_months_are_names_with_the_calendar_rule_off(lexicon):
    with rules_off("calendar_words"):
        assert unknown_names("Did Stalin write it on Saturdays?", lexicon.mentioned, lexicon.written_together) == ["Saturdays"]


def test_a_stop_word_run_together_with_a_verb_is_no_name():
    # an upload that never writes "I" (a policy, a notice) must not refuse "...while I'm abroad?"
    mentioned = frozenset({"pause", "membership", "abroad"})
    for question in ("Can I pause my membership while I'm abroad?", "What if I'd paid?", "And if We've left?"):
        assert unknown_names(question, mentioned, lambda a, b: True) == []
    assert unknown_names("What if Zorro paid?", mentioned, lambda a, b: True) == ["Zorro"]
