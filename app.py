"""Hugging Face Spaces entry point: `python app.py` serves the chat (GRADIO_SERVER_NAME/PORT respected)."""
from bot.ui import build_demo

demo = build_demo()

if __name__ == "__main__":
    demo.queue(default_concurrency_limit=4).launch()
