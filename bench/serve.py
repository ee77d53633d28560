"""Serve a baseline system through Gradio the way the bot's app is served: one `/chat` endpoint,
the same queue (concurrency and size) as bot/ui.py, so answers/s compare like for like.
SYSTEM `gradio-only` answers nothing at once: what Gradio alone can serve on this machine.

    python bench/serve.py SYSTEM INDEX PORT
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gradio as gr  # noqa: E402
from systems import GRADIO_ONLY, SYSTEMS  # noqa: E402

from bot import config  # noqa: E402


def main() -> None:
    system, index, port = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    ask = SYSTEMS[system][1](index) if system != GRADIO_ONLY else (lambda message: [])

    def chat(message: str) -> str:
        return "\n\n".join(f"> {q}" for q in ask(message))

    with gr.Blocks() as demo:
        gr.api(chat, api_name="chat")
    demo.queue(default_concurrency_limit=config.limits().concurrency, max_size=config.limits().queue_size).launch(
        server_name="127.0.0.1", server_port=port, quiet=True)


if __name__ == "__main__":
    main()
