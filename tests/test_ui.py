"""The real Gradio app on a free port, called as a client would."""
import socket

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def client():
    from gradio_client import Client

    from bot.ui import build_demo

    demo = build_demo()
    port = free_port()
    demo.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield Client(f"http://127.0.0.1:{port}/", verbose=False)
    finally:
        demo.close()


def test_chat_endpoint_answers_with_quotes(client):
    text = client.predict("On what date did Stalin write his Response to Comrade Ivanov?", api_name="/chat")
    assert text.startswith("**14 February 1938**")
    assert "> In his 14 February 1938 Response to Comrade Ivanov" in text and "Relation to Leninism" in text


def test_bad_input_gets_a_message_not_an_error(client):
    assert "type a question" in client.predict("   ", api_name="/chat")
    text = client.predict("<img src=x onerror=alert(1)>", api_name="/chat")
    assert "<img" not in text
    # the server keeps serving
    assert "does not say" in client.predict("How do I bake sourdough bread?", api_name="/chat")
