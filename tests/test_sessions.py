"""sessions.py and the article panel: what the last answer quoted travels as data, and the
article is shown with its headings as headings and the quotes highlighted."""
import bot
from bot.sessions import Session
from bot.ui import article_html


def test_the_session_keeps_the_last_reply_for_the_next_question():
    s = Session()
    first = "What did Stalin write in February 1938?"
    reply = bot.answer(first)
    s.turns.append((first, reply))
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": reply.text}]
    assert s.last_reply(history) is reply
    # a client that edited its history gets the markdown read back instead
    edited = [history[0], {"role": "assistant", "content": "something else"}]
    assert s.last_reply(edited) is None and s.last_reply([]) is None
    followup = "Into how many parts did he split the question in it?"
    assert bot.answer(followup, history, s.last_reply(history)) == bot.answer(followup, history)


def test_the_article_panel_shows_headings_and_highlights_quotes():
    reply = bot.answer("On what date did Stalin write his Response to Comrade Ivanov?")
    page = article_html(bot.default_bot(), reply)
    assert "<h4>Relation to Leninism</h4>" in page and "==Relation to Leninism==" not in page
    assert '<mark class="cite answer" id="cite-1"' in page and "Response to Comrade Ivanov" in page
    refused = article_html(bot.default_bot(), bot.answer("How do I bake sourdough bread?"))
    assert '<mark class="closest"' in refused and "<b>not</b> an answer" in refused
    assert 'class="closest answer"' not in refused  # a refusal has no answer to mark


def test_the_panel_marks_the_quote_the_short_answer_is_from():
    first = "What did Engels write about the revolution?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": bot.answer(first).text}]
    reply = bot.answer("In which year did he write it?", history)  # '1847', on the second quote's source line
    page = article_html(bot.default_bot(), reply)
    assert reply.span_in == 1 and '<mark class="cite answer" id="cite-2"' in page
    assert '<mark class="cite" id="cite-1"' in page


def test_the_indexing_model_loads_ahead_once_however_many_ask():
    """The UI starts this when the upload panel opens; an upload may ask for the model meanwhile."""
    from bot import embed
    from bot.sessions import prepare_indexing

    embed._load_model.cache_clear()  # as in a server that has indexed nothing yet
    threads = [prepare_indexing() for _ in range(3)]
    for t in threads:
        t.join(timeout=300)
    loaded = embed._load_model.cache_info()
    assert loaded.currsize == 1 and loaded.misses == 1  # loaded, and once: the others waited for it
    assert embed.encode(["a sentence"]).shape == (1, 384)
