"""The web chat (Gradio 6): answers with their quotes, and the article beside them with the quoted
sentences highlighted. A thin layer over `Bot.answer`; it never shows a traceback."""
from __future__ import annotations

import html
import logging

import gradio as gr

import bot

from . import config
from .answer import Bot
from .conversation import content_text
from .index import IndexProblem
from .render import escape_md
from .reply import Reply
from .sessions import Session, Sessions, index_uploads, prepare_indexing, record_feedback
from .sources import headings

log = logging.getLogger(__name__)
SESSIONS = Sessions()

EXAMPLES = [
    "On what date did Stalin write his Response to Comrade Ivanov?",
    "What exact words does Stalin quote from Lenin about constructing complete socialism?",
    "What did Stalin write in February 1938?",
    "Into how many parts did he split the question in it?",
    "How do I bake sourdough bread?",
]
DESCRIPTION = (
    "Ask about the Wikipedia article *Socialism in One Country*. Every answer is the article's own "
    "words, quoted and cited with section and character offsets, and highlighted in the article on the "
    "right. Follow-ups work (*What did Stalin write in February 1938?* → *Into how many parts did he "
    "split the question in it?*). When the article does not say, the bot says so.")
SCROLL_JS = """() => { const m = document.querySelector('#article-panel mark.answer, #article-panel #cite-1');
  if (m) m.scrollIntoView({block: 'center', behavior: 'smooth'}); }"""
CSS = """
#article-panel .article { max-height: 72vh; overflow-y: auto; white-space: pre-wrap; line-height: 1.5;
  font-size: 0.92em; padding: 0.5em 0.8em; border: 1px solid var(--border-color-primary); border-radius: 8px; }
#article-panel mark.cite { background: #ffe58a; color: #000; border-radius: 3px; padding: 0 2px; }
#article-panel mark.cite.answer { background: #ffc53d; }
#article-panel mark.closest { background: #dde3ea; color: #000; border-radius: 3px; padding: 0 2px; }
#article-panel .legend a { margin-right: 0.8em; }
#article-panel .article h3, #article-panel .article h4, #article-panel .article h5 { margin: 0.3em 0 0; }
"""


def _bot(session: Session) -> Bot:
    return session.bot or bot.default_bot()


def _answer(message, history, session: Session) -> tuple[str, Reply | None]:
    """The chat text for one question (an error becomes a plain sentence, never a traceback)."""
    question = content_text(message)
    reply = None
    try:
        reply = _bot(session).answer(question, history, session.last_reply(history))
        text = reply.text
    except ValueError as e:  # bad input: say so plainly
        text = escape_md(str(e))
    except IndexProblem as e:  # the index's store failed (a Milvus server gone away): say which
        log.warning("answer failed: %s", e)
        text = escape_md(f"The index cannot be read just now: {e}")
    except Exception:  # never a traceback in the chat, never a dead server
        log.exception("answer failed")
        text = "Sorry, something went wrong while answering. Please try again or rephrase the question."
    session.turns.append((question, reply))  # one per assistant message, so feedback finds its turn
    return text, reply


def _legend(doc, quotes: list, kind: str) -> str:
    if not quotes:
        legend = "Ask a question: the sentences it is answered from are highlighted here."
    else:
        label = "Quoted in the answer:" if kind == "cite" else "Closest passages, but <b>not</b> an answer:"
        links = " ".join(f'<a href="#cite-{n}" title="{html.escape(c.quote)}">[{n}] {html.escape(c.section)}</a>'
                         for n, c in enumerate(quotes, 1))
        legend = f"{label} {links}"
    return (f'<div class="legend"><b>{html.escape(doc.title)}</b> · <code>{html.escape(doc.name)}</code><br>'
            f"{legend}</div>")


def _pieces(doc, quotes: list, kind: str, answer_in: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, html) of the stretches of the document shown otherwise than as plain text: its
    headings, as headings, and the quotes, highlighted (of overlapping quotes, the first shown wins);
    the one the short answer is part of (`answer_in`, numbered from 1; 0: none) marked as the answer."""
    out = [(start, end, f"<h{min(level + 2, 6)}>{html.escape(title)}</h{min(level + 2, 6)}>")
           for start, end, level, title in headings(doc.text)]
    for n, c in sorted(((n, c) for n, c in enumerate(quotes, 1) if c.source == doc.name), key=lambda x: x[1].start):
        if not any(a < c.end and c.start < b for a, b, _ in out):
            mark = f"{kind} answer" if n == answer_in else kind
            out.append((c.start, c.end, f'<mark class="{mark}" id="cite-{n}" title="[{n}] {html.escape(c.section)}">'
                                        f"{html.escape(doc.text[c.start:c.end])}</mark>"))
    return sorted(out)


def article_html(b: Bot, reply: Reply | None = None) -> str:
    """The cited document as HTML, headings as headings, with the reply's quotes highlighted and
    linked from a legend."""
    quotes = list(reply.citations or reply.closest) if reply else []
    kind = "cite" if reply and reply.found else "closest"
    answer_in = reply.span_in + 1 if reply and reply.found else 0  # numbered as the chat numbers quotes
    docs = {d.name: d for d in b.index.docs}
    doc = docs.get(quotes[reply.span_in].source) if quotes else b.index.docs[0]  # where the answer is (a refusal: 0)
    parts, pos = [], 0
    for start, end, shown in _pieces(doc, quotes, kind, answer_in):
        parts += [html.escape(doc.text[pos:start]), shown]
        pos = end
    parts.append(html.escape(doc.text[pos:]))
    return f'{_legend(doc, quotes, kind)}<div class="article">{"".join(parts)}</div>'


def chat_api(message: str, request: gr.Request) -> str:
    """The `/chat` endpoint: one question in, the markdown answer out; the conversation is kept
    per client session, so follow-ups work through gradio_client too."""
    session = SESSIONS.get(request.session_hash)
    with session.lock:
        text, _ = _answer(message, session.history, session)
        session.history += [{"role": "user", "content": str(message)}, {"role": "assistant", "content": text}]
        return text


def chat_ui(message: str, history: list, request: gr.Request):
    session = SESSIONS.get(request.session_hash)
    with session.lock:
        text, reply = _answer(message, history, session)
        # The question is shown as typed, as text: markdown in it cannot pose as an answer or a quote.
        shown = escape_md(content_text(message)) or "…"
        history = list(history or []) + [{"role": "user", "content": shown}, {"role": "assistant", "content": text}]
        return "", history, article_html(_bot(session), reply)


def upload(files, request: gr.Request, progress=gr.Progress(track_tqdm=True)):
    paths = [getattr(f, "name", f) for f in (files or [])]
    try:
        progress(0, desc="Reading and indexing…")
        new_bot, names = index_uploads(request.session_hash, paths)
    except ValueError as e:
        return f"**Not indexed:** {escape_md(str(e))}", gr.update(), gr.update()
    except Exception:
        log.exception("upload failed")
        return "**Not indexed:** something went wrong while reading the files.", gr.update(), gr.update()
    SESSIONS.get(request.session_hash).switch(new_bot)
    m = new_bot.index.manifest
    status = (f"Now answering from **{escape_md(', '.join(names))}** ({m['sentences']} sentences). "
              "Ask away; *Back to the default article* switches back.")
    return status, article_html(new_bot), []


def documents_opened() -> None:
    """The upload panel was opened: load the indexing model while the visitor picks files (not waited for)."""
    prepare_indexing()


def reset_documents(request: gr.Request):
    SESSIONS.get(request.session_hash).switch(None)
    return "Answering from the default article again.", article_html(bot.default_bot()), []


def feedback(data: gr.LikeData, request: gr.Request):
    """Store a thumbs up/down with the question, the answer and its citations."""
    session = SESSIONS.get(request.session_hash)
    turn = data.index[0] // 2 if isinstance(data.index, (list, tuple)) else int(data.index) // 2
    if 0 <= turn < len(session.turns) and session.turns[turn][1] is not None:
        question, reply = session.turns[turn]
        record_feedback(question, reply, bool(data.liked))


def build_demo() -> gr.Blocks:
    default = bot.default_bot().warm_up()  # load everything now, so the first answer does not wait
    limits = config.limits()
    with gr.Blocks(title="Ask the article") as demo:
        gr.Markdown("# Ask the article: *Socialism in One Country*\n" + DESCRIPTION)
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(height=520, sanitize_html=True, allow_tags=False, label="Chat",
                                     elem_id="chat", placeholder="Answers are quoted from the article.")
                with gr.Row():
                    box = gr.Textbox(placeholder="Ask about the article…", show_label=False, scale=5,
                                     elem_id="question", max_lines=4)
                    ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                gr.Examples(EXAMPLES, inputs=box, label="Try")
                with gr.Accordion("Your own documents", open=False) as documents:
                    files = gr.File(file_count="multiple", file_types=list(config.SOURCE_SUFFIXES),
                                    label=f"Upload up to {limits.max_upload_files} .txt or .md files, "
                                          f"{limits.max_upload_bytes / 1_000_000:g} MB each")
                    with gr.Row():
                        index_btn = gr.Button("Index and chat about these", elem_id="index-docs")
                        reset_btn = gr.Button("Back to the default article")
                    status = gr.Markdown(elem_id="doc-status")
            with gr.Column(scale=2):
                article = gr.HTML(article_html(default), elem_id="article-panel")

        for trigger in (box.submit, ask.click):
            trigger(chat_ui, [box, chatbot], [box, chatbot, article], api_visibility="private") \
                .then(None, js=SCROLL_JS)
        chatbot.like(feedback, None, None, api_visibility="private")
        documents.expand(documents_opened, None, None, api_visibility="private", queue=False)
        index_btn.click(upload, [files], [status, article, chatbot], api_name="upload")
        reset_btn.click(reset_documents, None, [status, article, chatbot], api_visibility="private")
        gr.api(chat_api, api_name="chat")
    return demo


def serve(demo: gr.Blocks, **launch_args):
    """Queue and launch with the app's limits, styling and upload cap; extra args go to launch()."""
    limits = config.limits()
    return demo.queue(default_concurrency_limit=limits.concurrency, max_size=limits.queue_size).launch(
        max_file_size=limits.max_upload_bytes, css=CSS, **launch_args)
