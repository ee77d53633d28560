"""The Gradio chat: a thin layer over bot.answer that never shows a traceback."""
from __future__ import annotations

import logging

import gradio as gr

import bot

log = logging.getLogger(__name__)

EXAMPLES = [
    "On what date did Stalin write his Response to Comrade Ivanov?",
    "Who elaborated the theory in 1925?",
    "What did Engels say would decide how quickly the revolution develops in each country?",
    "Where was Stalin born?",
]


def respond(message, history) -> str:
    """One chat turn: the bot's markdown answer, or a plain message saying what went wrong."""
    try:
        return bot.answer(bot.conversation.content_text(message), history).text
    except ValueError as e:  # bad input: say so plainly
        return str(e)
    except Exception:  # never a traceback in the chat, never a dead server
        log.exception("answer failed")
        return "Sorry, something went wrong while answering. Please try again or rephrase the question."


def build_demo() -> gr.ChatInterface:
    bot.default_bot()  # load model and index now, so the first answer does not wait
    return gr.ChatInterface(
        respond,
        api_name="chat",
        title="Ask the article: Socialism in One Country",
        description="Every answer is quoted word for word from the article, with its section and "
                    "character offsets. When the article does not say, the bot says so.",
        examples=EXAMPLES,
        chatbot=gr.Chatbot(sanitize_html=True, render_markdown=True, height=520),
    )
